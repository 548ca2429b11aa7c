import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type ChecklistItem, type CollaborationContext, parties } from '../../workflows/collaboration/index.js';
import { Clock, jakartaDate } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type Bilingual, inLang, type Lang, type LayoutLanguage } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { date as longDate, rupiah } from '../documents/format.js';
import { renderReportPdf } from '../documents/report.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { EffectInput, EffectResult } from '../workflow-runtime/plugins.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { type BuiltItem, buildChecklist, type ChecklistData, type ChecklistParty } from './checklist.js';
import { computeDeadlines, type Deadline } from './deadlines.js';
import { CHECKLIST_WORDS, IP_DATA } from './ip-data.js';
import { RemindersService } from './reminders.service.js';
import { type CalendarEvent, calendar } from './ics.js';
import { IpRecordEntity } from './ip-record.entity.js';

const WORDS = CHECKLIST_WORDS;
const STATUS = WORDS.status;
const TO_BE_CONFIRMED = WORDS.toBeConfirmed;

// Items built before a field existed may lack it: hence Partial.
type BuiltFields = Partial<
  Pick<BuiltItem, 'key' | 'explanation' | 'legalBasis' | 'mark' | 'toBeConfirmed' | 'responsible' | 'due' | 'fee'>
>;
type StoredItem = ChecklistItem & BuiltFields & { record?: BuiltItem['record'] };
export type ChecklistEntry = ChecklistItem &
  BuiltFields & {
    /** The IP record the item is about, as it is now: a date changed since the checklist was built shows here. */
    record: { kind: 'mark'; id: string; name: string; status: string; deadlines: Deadline[] } | null;
    overdue: boolean;
  };
export interface ChecklistView {
  generatedAt: string | null;
  /** Launch-blocking items that are neither done, waived nor not applicable. */
  openBlocking: string[];
  items: ChecklistEntry[];
}

/** Loads the checklist data once; builds a collaboration's checklist (the `buildChecklist` effect) and shows it. */
@Injectable()
export class ChecklistService implements OnModuleInit {
  readonly data: ChecklistData = IP_DATA;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
    private readonly plugins: WorkflowPlugins,
  ) {}

  onModuleInit(): void {
    this.plugins.handle('buildChecklist', (input) => this.build(input));
  }

  /** The effect: reads the parties and their mark records as they are when the checklist is built. Deterministic per retry. */
  async build({ context, createdAt }: EffectInput): Promise<EffectResult> {
    const ids = parties(context);
    const [organizations, marks] = await Promise.all([
      this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) }),
      this.dataSource.getRepository(IpRecordEntity).find({ where: { organizationId: In(ids), kind: 'mark' }, order: { createdAt: 'ASC' } }),
    ]);
    const checklistParties: ChecklistParty[] = ids.flatMap((id) => {
      const org = organizations.find((o) => o.id === id);
      if (!org) return [];
      return [
        {
          organizationId: id,
          side: id === context.initiatorOrganizationId ? 'initiator' : 'partner',
          name: org.name,
          brands: org.brands,
          scale: org.scale,
          marks: marks.filter((m) => m.organizationId === id),
        },
      ];
    });
    const terms = context.termsRevisions.find((r) => r.revision === context.acceptedRevision)?.terms ?? {};
    const items = buildChecklist({ form: context.form, terms, parties: checklistParties, today: jakartaDate(createdAt) }, this.data);
    await this.reminders.syncChecklist(context.id, items);
    return { type: 'checklist.generated', items };
  }

  /** The checklist as a party sees it, with each linked record's current status and deadlines. */
  async view(context: CollaborationContext): Promise<ChecklistView> {
    const items = (context.checklist?.items ?? []) as StoredItem[];
    const recordIds = [...new Set(items.flatMap((i) => (i.record ? [i.record.id] : [])))];
    const records = recordIds.length ? await this.dataSource.getRepository(IpRecordEntity).findBy({ id: In(recordIds) }) : [];
    const today = jakartaDate(this.clock.now());
    const open = (i: ChecklistItem): boolean => !['done', 'waived', 'notApplicable'].includes(i.status);
    return {
      generatedAt: context.checklist?.generatedAt ?? null,
      openBlocking: items.filter((i) => i.launchBlocking && open(i)).map((i) => i.id),
      items: items.map((item) => {
        const row = item.record ? records.find((r) => r.id === item.record!.id) : undefined;
        return {
          ...item,
          record: row
            ? {
                kind: 'mark',
                id: row.id,
                name: row.name,
                status: row.status,
                deadlines: computeDeadlines('mark', row, this.data.deadlineRules, today),
              }
            : null,
          overdue: Boolean(item.due && item.due < today && open(item)),
        };
      }),
    };
  }

  /** One all-day event per due date: each open item's, and each linked record's statutory deadlines. */
  calendar(collaboration: { id: string; title: string }, view: ChecklistView, lang: LayoutLanguage): string {
    const events: CalendarEvent[] = [];
    const remindable = new Set(this.data.deadlineRules.filter((r) => r.remind).map((r) => r.kind));
    for (const item of view.items) {
      if (item.due && !['done', 'waived', 'notApplicable'].includes(item.status)) {
        events.push({
          uid: `${collaboration.id}.${item.id}@kolabora`,
          date: item.due,
          summary: inLang(item.title, lang),
          description: `${collaboration.title}\n${item.legalBasis ?? ''}${item.toBeConfirmed ? ` (${inLang(TO_BE_CONFIRMED, lang)})` : ''}`,
          alarmDaysBefore: item.overdue ? [] : this.config.reminderOffsetsDays,
        });
      }
    }
    const seen = new Set<string>();
    for (const record of view.items.flatMap((i) => (i.record ? [i.record] : []))) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      events.push(...deadlineEvents(record, remindable, lang, this.config.reminderOffsetsDays));
    }
    return calendar(`Kolabora: ${collaboration.title}`, events, this.clock.now());
  }

  /** The checklist as a short bilingual PDF: status, due dates, fees and legal basis, [U] facts marked. */
  pdf(collaboration: { id: string; title: string; parties: string[] }, view: ChecklistView, lang: LayoutLanguage): Promise<Buffer> {
    const categories = [...new Set(view.items.map((i) => i.category))];
    const records = [...new Map(view.items.flatMap((i) => (i.record ? [[i.record.id, i.record] as const] : []))).values()];
    // The legal bases are written once (in English, with statute names); the flag is given in the reader's language.
    const basis = (text: string, mark: string, unconfirmed: boolean): Bilingual => {
      const flag = unconfirmed ? ` (${inLang(TO_BE_CONFIRMED, lang)})` : '';
      return { id: `${text} [${mark}]${flag}`, en: `${text} [${mark}]${flag}` };
    };
    const tables = new Set(view.items.flatMap((i) => (i.fee ? [i.fee.table.title.en] : [])));
    const row = (item: ChecklistEntry): Bilingual[] => {
      const blocking = (lang: Lang): string => (item.launchBlocking ? ` · ${WORDS.blocksLaunch[lang]}` : '');
      // Amounts read the same in both languages: one line, the unit and the flag in the reader's language.
      const feeText = item.fee
        ? `${rupiah(item.fee.amount)} (${item.fee.quantity} × ${inLang(item.fee.per, lang)})${
            item.fee.toBeConfirmed ? `; ${inLang(TO_BE_CONFIRMED, lang)}` : ''
          }`
        : '-';
      return [
        { id: item.title.id, en: item.title.en },
        { id: `${STATUS[item.status].id}${blocking('id')}`, en: `${STATUS[item.status].en}${blocking('en')}` },
        item.due ? { id: longDate(item.due, 'id'), en: longDate(item.due, 'en') } : { id: '-', en: '-' },
        { id: feeText, en: feeText },
        basis(item.legalBasis ?? '', item.mark ?? 'S', item.toBeConfirmed ?? false),
      ];
    };
    const feeNotes = Object.values(this.data.tables)
      .filter((table) => tables.has(table.title.en))
      .flatMap((table) => {
        const effective = table.effectiveDate ? `, ${inLang(WORDS.effective, lang)} ${table.effectiveDate}` : '';
        const line = `${inLang(table.title, lang)}: ${table.basis}${effective}.`;
        return [{ id: line, en: line }, ...(table.effectiveNote ? [table.effectiveNote] : []), ...(table.caveat ? [table.caveat] : [])];
      });
    return renderReportPdf(
      {
        title: WORDS.title,
        subtitle: `${collaboration.title} · ${collaboration.parties.join(' · ')}`,
        reference: `${collaboration.id} · ${view.generatedAt ?? ''}`,
        createdAt: this.clock.now(),
        sections: [
          {
            heading: WORDS.launch.heading,
            notes: [
              view.openBlocking.length === 0
                ? WORDS.launch.clear
                : fillBoth(WORDS.launch.blocked, { count: String(view.openBlocking.length) }),
              WORDS.launch.marks,
            ],
          },
          ...categories.map((category) => ({
            heading: WORDS.categories[category] ?? { id: category, en: category },
            table: {
              headings: [WORDS.items.item, WORDS.items.status, WORDS.items.due, WORDS.items.fee, WORDS.items.legalBasis],
              rows: view.items.filter((i) => i.category === category).map(row),
              shares: [3, 1.4, 1.3, 1.6, 2.7],
            },
          })),
          ...(records.length === 0
            ? []
            : [
                {
                  heading: WORDS.deadlines.heading,
                  table: {
                    headings: [WORDS.deadlines.mark, WORDS.deadlines.deadline, WORDS.deadlines.due, WORDS.deadlines.legalBasis],
                    rows: records.flatMap((r) =>
                      r.deadlines.map((d) => [
                        { id: `${r.name} (${r.status})`, en: `${r.name} (${r.status})` },
                        d.title,
                        {
                          id: `${longDate(d.due, 'id')}${d.overdue ? ` (${WORDS.past.id})` : ''}`,
                          en: `${longDate(d.due, 'en')}${d.overdue ? ` (${WORDS.past.en})` : ''}`,
                        },
                        basis(d.legalBasis, d.mark, d.toBeConfirmed),
                      ]),
                    ),
                    shares: [1.6, 2.4, 1.4, 3],
                  },
                },
              ]),
          { heading: WORDS.fees, notes: feeNotes },
        ],
      },
      lang,
    );
  }
}

/** A record's statutory deadlines as calendar events; alarms only for those that call for action and are still ahead. */
export function deadlineEvents(
  record: { id: string; name: string; deadlines: Deadline[] },
  remindable: Set<string>,
  lang: LayoutLanguage,
  offsets: number[],
): CalendarEvent[] {
  return record.deadlines.map((d) => ({
    uid: `${record.id}.${d.kind}@kolabora`,
    date: d.due,
    summary: `${record.name}: ${inLang(d.title, lang)}`,
    description: `${d.legalBasis} [${d.mark}]${d.toBeConfirmed ? ` (${inLang(TO_BE_CONFIRMED, lang)})` : ''}`,
    alarmDaysBefore: remindable.has(d.kind) && !d.overdue ? offsets : [],
  }));
}
