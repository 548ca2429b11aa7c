import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import type { CollaborationContext, KpiKey, ReviewSubmission } from '../../workflows/collaboration/index.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { CollaborationReader, CollaborationsService } from '../collaborations/index.js';
import { Clock } from '../common/clock.js';
import type { Bilingual, LayoutLanguage } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { number as formatNumber, rupiah, yesno } from '../documents/format.js';
import { type BarChart, type ReportSection, renderReportPdf } from '../documents/report.js';
import { readTemplate } from '../documents/templates.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { assertPlannedInputs } from './planned-inputs.js';
import type { PartyReviewDto, ReviewViewDto } from './dto/review-view.dto.js';
import { computeOutcomes, evaluatePlan, type KpiEvaluation, type KpiSubmission, type Outcomes } from './outcomes.js';
import { loadRecommendationRules, type RecommendationRule, recommend, type Scale } from './recommendations.js';
import { collaborationFacts, reviewFacts } from './review-facts.js';

type Unit = 'pct' | 'count' | 'rupiah';
interface ReportWords {
  kpis: Record<KpiKey, Bilingual & { unit: Unit }>;
  outcomes: Record<keyof Outcomes, KpiKey>;
  ratings: Record<string, Bilingual>;
}
type Words<K extends string> = Record<K, Bilingual>;
/** templates/reviews/words.json: the report's prose. */
interface ProseWords {
  title: Bilingual;
  status: Record<string, Bilingual>;
  summary: Words<'heading' | 'facts' | 'days'>;
  kpis: Words<'heading' | 'none' | 'kpi' | 'baseline' | 'target' | 'actual' | 'met' | 'chart'>;
  outcomes: Words<'heading' | 'measure' | 'value'>;
  ratings: Words<'heading' | 'none' | 'ratedBy'>;
  lessons: Words<'heading' | 'none'>;
  recommendations: Words<'heading' | 'none'>;
  ip: Words<'heading' | 'summary' | 'item' | 'status'>;
}
type PartyReview = Omit<PartyReviewDto, 'outcomes' | 'evaluations'> & { outcomes: Outcomes | null; evaluations: KpiEvaluation[] | null };
export type ReviewView = Omit<ReviewViewDto, 'parties'> & { parties: PartyReview[] };
type ReportView = ReviewView & { checklist: Array<{ title: Bilingual; status: string }> };

const b = (id: string, en: string): Bilingual => ({ id, en });
const same = (text: string): Bilingual => ({ id: text, en: text });
const yesNo = (value: boolean): Bilingual => ({ id: yesno(value, 'id'), en: yesno(value, 'en') });
const WORDS = readTemplate<ProseWords>('reviews/words.json');
const STATUS = WORDS.status;
// The checklist's own status words, so that a status reads the same in the checklist and in the review.
const CHECKLIST_STATUS = readTemplate<{ status: Record<string, Bilingual> }>('checklists/words.json').status;
const COLORS = { target: '#9e9e9e', actual: '#1f6f8b', baseline: '#d9c27a' };

/** The post-collaboration review of one collaboration as a party sees it, and its report PDF. */
@Injectable()
export class ReviewsService implements OnModuleInit {
  private readonly rules: RecommendationRule[] = loadRecommendationRules();
  private readonly words = readTemplate<ReportWords>('reviews/report.json');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collaborations: CollaborationsService,
    private readonly reader: CollaborationReader,
    private readonly clock: Clock,
    private readonly plugins: WorkflowPlugins,
  ) {}

  onModuleInit(): void {
    // The inputs the review plan's KPIs need are required.
    this.plugins.validate(['review.submit'], async ({ before, event }) => {
      if (event.type === 'review.submit') assertPlannedInputs(before.reviewPlan, event.kpis);
    });
  }

  /**
   * Both parties' submissions as the caller may see them (the collaboration view's rule: another party's review shows once
   * every party has submitted or the review is closed), computed outcomes, the collaboration's facts, and advice for the
   * caller's party.
   */
  async view(user: AuthenticatedUser, id: string, as?: string): Promise<ReviewView> {
    const me = await this.reader.access(id, user.id, as);
    // An organization only invited is not a party yet: there is no review of its own to show.
    if (me.role === 'invited') throw new DomainException(ErrorCode.FORBIDDEN, 'The review is for the parties to the collaboration');
    const visible = await this.collaborations.get(user, id, as ?? me.organizationId);
    const context = visible.context as unknown as CollaborationContext;
    const reviews = context.reviews as Record<string, ReviewSubmission | { hidden: true; at: string }>;
    const ended = visible.state === 'completed' || context.closedAt !== null;
    const plan = context.reviewPlan ?? { kpis: [] };
    const parties: PartyReview[] = visible.parties
      .filter((p) => p.role !== 'invited')
      .map((p) => {
        const review = reviews[p.organizationId];
        const status = !review ? (ended ? 'notSubmitted' : 'pending') : 'hidden' in review ? 'hidden' : 'submitted';
        const shown = review && !('hidden' in review) ? review : null;
        const kpis = (shown?.kpis ?? null) as KpiSubmission | null;
        return {
          organizationId: p.organizationId,
          name: p.name,
          role: p.role,
          status,
          submittedAt: review?.at ?? null,
          submission: shown ? { kpis: shown.kpis, ratings: shown.ratings, lessons: shown.lessons } : null,
          outcomes: kpis ? computeOutcomes(kpis) : null,
          evaluations: kpis ? evaluatePlan(plan, kpis) : null,
        };
      });
    const facts = collaborationFacts(context, me.organizationId);
    const mine = parties.find((p) => p.organizationId === me.organizationId)!;
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: me.organizationId });
    const partyFacts = reviewFacts(context, facts, {
      organizationId: me.organizationId,
      scale: organization.scale as Scale,
      ratings: (mine.submission?.ratings as Record<string, number> | undefined) ?? null,
      evaluations: mine.evaluations ?? [],
      outcomes: mine.outcomes,
    });
    return {
      collaborationId: id,
      title: visible.title,
      state: visible.state,
      revealed: parties.every((p) => p.status !== 'hidden'),
      reviewWindowEndedAt: context.reviewWindowEndedAt,
      closedAt: context.closedAt,
      plan: plan.kpis,
      parties,
      facts,
      recommendations: {
        organizationId: me.organizationId,
        facts: partyFacts as unknown as Record<string, unknown>,
        items: recommend(partyFacts, this.rules),
      },
    };
  }

  /** The review as a bilingual A4 report, in the agreements' layout. */
  async pdf(user: AuthenticatedUser, id: string, as: string | undefined, lang: LayoutLanguage): Promise<Buffer> {
    await this.reader.partyOf(id, user.id, as);
    const context = await this.reader.contextOf(id, 'snapshot');
    const checklist = (context.checklist?.items ?? []).map((i) => ({ title: i.title, status: i.status }));
    const view: ReportView = { ...(await this.view(user, id, as)), checklist };
    return renderReportPdf(
      {
        title: WORDS.title,
        subtitle: `${view.title} · ${view.parties.map((p) => p.name).join(' · ')}`,
        reference: `${id} · ${view.state}`,
        createdAt: view.closedAt ? new Date(view.closedAt) : this.clock.now(),
        sections: this.sections(view),
      },
      lang,
    );
  }

  private sections(view: ReportView): ReportSection[] {
    const { facts } = view;
    const or = (value: number | null, text: (n: number) => Bilingual | string): Bilingual | string => (value === null ? '-' : text(value));
    const { kpis, outcomes, ratings, lessons, recommendations, ip } = WORDS;
    const sections: ReportSection[] = [
      {
        heading: WORDS.summary.heading,
        stacked: true,
        notes: [
          ...view.parties.map((p) => b(`${p.name}: ${STATUS[p.status].id}`, `${p.name}: ${STATUS[p.status].en}`)),
          fillBoth(WORDS.summary.facts, {
            days: or(facts.partnerSearchDays, (n) => fillBoth(WORDS.summary.days, { n: String(n) })),
            candidates: or(facts.candidatesConsidered, (n) => String(n)),
            fit: or(facts.chosenPartnerFitScore, (n) => `${n}/100`),
          }),
        ],
      },
    ];
    for (const party of view.parties) {
      if (!party.evaluations || !party.outcomes) continue;
      const name = { party: party.name };
      sections.push(
        {
          heading: fillBoth(kpis.heading, name),
          notes: party.evaluations.length ? [] : [kpis.none],
          table: party.evaluations.length
            ? {
                headings: [kpis.kpi, kpis.baseline, kpis.target, kpis.actual, kpis.met],
                rows: party.evaluations.map((e) => [
                  this.kpiName(e.key),
                  this.value(e.key, e.baseline),
                  this.value(e.key, e.target),
                  this.value(e.key, e.actual),
                  e.met === null ? same('-') : yesNo(e.met),
                ]),
                shares: [3, 1.4, 1.4, 1.4, 0.9],
              }
            : undefined,
        },
        ...(party.evaluations.length ? [{ heading: fillBoth(kpis.chart, name), chart: this.chart(party.evaluations) }] : []),
        {
          heading: fillBoth(outcomes.heading, name),
          table: {
            headings: [outcomes.measure, outcomes.value],
            rows: (Object.entries(this.words.outcomes) as Array<[keyof Outcomes, KpiKey]>).map(([name, key]) => [
              this.kpiName(key),
              this.value(key, party.outcomes![name].value),
            ]),
            shares: [3, 2],
          },
        },
      );
    }
    const rated = view.parties.filter((p) => p.submission);
    const me = view.parties.find((p) => p.organizationId === view.recommendations.organizationId)?.name ?? '';
    sections.push({
      heading: ratings.heading,
      notes: rated.length ? [] : [ratings.none],
      table: rated.length
        ? {
            headings: [ratings.ratedBy, ...Object.values(this.words.ratings)],
            rows: rated.map((p) => {
              const ratings = (p.submission!.ratings ?? {}) as Record<string, number>;
              return [
                same(p.name),
                ...Object.keys(this.words.ratings).map((k) => same(ratings[k] === undefined ? '-' : String(ratings[k]))),
              ];
            }),
          }
        : undefined,
    });
    sections.push({
      heading: lessons.heading,
      notes: rated.length ? rated.map((p) => same(`${p.name}: ${String(p.submission!.lessons ?? '') || '-'}`)) : [lessons.none],
    });
    sections.push({
      heading: fillBoth(recommendations.heading, { party: me }),
      stacked: true,
      notes: view.recommendations.items.length
        ? view.recommendations.items.map((r) => b(`• ${r.advice.id}`, `• ${r.advice.en}`))
        : [recommendations.none],
    });
    sections.push({
      heading: ip.heading,
      notes: [
        fillBoth(ip.summary, {
          done: String(facts.ipItems.done),
          waived: String(facts.ipItems.waived),
          total: String(facts.ipItems.total),
        }),
      ],
      table: view.checklist.length
        ? {
            headings: [ip.item, ip.status],
            rows: view.checklist.map((i) => [i.title, CHECKLIST_STATUS[i.status] ?? same(i.status)]),
            shares: [4, 1.4],
          }
        : undefined,
    });
    return sections;
  }

  private kpiName(key: KpiKey): Bilingual {
    const word = this.words.kpis[key];
    return { id: word.id, en: word.en };
  }

  /** A KPI value the way its unit prints, in each language. */
  private value(key: KpiKey, value: number | null): Bilingual {
    if (value === null) return same('-');
    switch (this.words.kpis[key].unit) {
      case 'rupiah':
        return same(`${value < 0 ? '−' : ''}${rupiah(Math.abs(value))}`);
      case 'pct':
        return b(`${formatNumber(value, 'id')}%`, `${formatNumber(value, 'en')}%`);
      default:
        return b(formatNumber(value, 'id'), formatNumber(value, 'en'));
    }
  }

  private chart(evaluations: KpiEvaluation[]): BarChart {
    const text = (key: KpiKey, value: number | null): string => this.value(key, value).id;
    return {
      series: [
        { label: WORDS.kpis.baseline, color: COLORS.baseline },
        { label: WORDS.kpis.target, color: COLORS.target },
        { label: WORDS.kpis.actual, color: COLORS.actual },
      ],
      groups: evaluations.map((e) => ({
        label: this.kpiName(e.key),
        values: [e.baseline, e.target, e.actual],
        texts: [text(e.key, e.baseline), text(e.key, e.target), text(e.key, e.actual)],
      })),
    };
  }
}
