import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CANDIDATE_SOURCES } from '../../workflows/collaboration/index.js';
import { CollaborationReader } from '../collaborations/index.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { fromJson, sql } from '../database/sql.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { becamePartner } from '../reviews/index.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { ReviewOutcomeEntity } from './review-outcome.entity.js';
import { recordReviewOutcomes } from './review-outcomes-listener.js';
import { type FitBand, loadFitBands, type OutcomeInsights, type OutcomeRow, outcomeInsights, outcomeRow } from './outcome-insights.js';

export interface NetworkSource {
  source: string;
  candidates: number;
  becamePartners: number;
  completedCollaborations: number;
}

// Snapshots read per batch while filling the cache: bounds the memory of a first call over thousands of collaborations.
const FILL_BATCH = 500;

/** What founders learn from their own collaborations. */
@Injectable()
export class InsightsService implements OnModuleInit {
  private readonly fitBands: FitBand[] = loadFitBands();
  /** Organizations whose older completions this process has already cached; newer ones are written as they complete. */
  private readonly backfilled = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collaborations: CollaborationReader,
    private readonly plugins: WorkflowPlugins,
  ) {}

  onModuleInit(): void {
    // A collaboration completes with the last review or the close: its outcome rows are written in that transaction.
    this.plugins.listen(['review.submit', 'review.close'], recordReviewOutcomes());
  }

  /** The organization the insights are about: the one named, or the caller's only one. */
  async organizationFor(userId: string, chosen?: string): Promise<string> {
    const memberships = await this.dataSource.getRepository(MembershipEntity).findBy({ userId });
    if (chosen) {
      if (!memberships.some((m) => m.organizationId === chosen)) throw notFound('Organization');
      return chosen;
    }
    if (memberships.length === 1) return memberships[0].organizationId;
    const message = 'organizationId is required when you belong to several organizations';
    throw new DomainException(ErrorCode.VALIDATION_FAILED, message, { fields: [{ field: 'organizationId', problems: [message] }] });
  }

  /**
   * Networking (the thesis' first recommendation): per source of the candidates this organization shortlisted, how
   * many there were, how many became partners, and how many of those collaborations completed.
   */
  async network(organizationId: string): Promise<{ organizationId: string; sources: NetworkSource[] }> {
    const records = await this.collaborations.list({ initiatedBy: organizationId }, 'snapshot');
    const bySource = new Map<string, NetworkSource>(
      [...CANDIDATE_SOURCES, 'unknown'].map((source) => [source, { source, candidates: 0, becamePartners: 0, completedCollaborations: 0 }]),
    );
    for (const { context, phase } of records) {
      for (const candidate of context.candidates) {
        const entry = bySource.get(candidate.source ?? 'unknown')!;
        entry.candidates += 1;
        if (becamePartner(context, candidate)) {
          entry.becamePartners += 1;
          if (phase === 'completed') entry.completedCollaborations += 1;
        }
      }
    }
    return { organizationId, sources: [...bySource.values()] };
  }

  /**
   * Outcomes across the organization's completed collaborations (as initiator or partner), from its own reviews: per
   * form, per partner, per fit band of the chosen partner, from review_outcomes.
   */
  async outcomes(organizationId: string): Promise<OutcomeInsights> {
    // A collaboration completing now gets its rows in its own transaction (review-outcomes-listener.ts), on any
    // instance: only those completed before that existed, or seeded directly, need reading, once per process.
    if (!this.backfilled.has(organizationId)) {
      await this.cacheCompleted(organizationId);
      this.backfilled.add(organizationId);
    }
    const { records } = await sql(this.dataSource)<Record<string, unknown>>`
      SELECT collaboration_id, form, partner_organization_ids, submitted, follower_growth_pct, profit, targets_met,
        targets_with_result, fit_score FROM review_outcomes WHERE organization_id = ${organizationId}`;
    const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
    const rows: OutcomeRow[] = records.map((r) => ({
      collaborationId: String(r.collaboration_id),
      form: String(r.form),
      partnerOrganizationIds: fromJson<string[]>(r.partner_organization_ids),
      submitted: Number(r.submitted) === 1,
      followerGrowthPct: num(r.follower_growth_pct),
      profit: num(r.profit),
      targetsMet: Number(r.targets_met),
      targetsWithResult: Number(r.targets_with_result),
      fitScore: num(r.fit_score),
    }));
    const partnerIds = [...new Set(rows.flatMap((r) => r.partnerOrganizationIds))];
    const organizations = partnerIds.length
      ? await this.dataSource.getRepository(OrganizationEntity).find({ select: { id: true, name: true }, where: { id: In(partnerIds) } })
      : [];
    return outcomeInsights(organizationId, rows, this.fitBands, new Map(organizations.map((o) => [o.id, o.name])));
  }

  /** Adds the review_outcomes rows of this organization's completed collaborations that have none yet, a batch at a time. */
  private async cacheCompleted(organizationId: string): Promise<void> {
    const completed = await this.collaborations.idsInPhase(organizationId, 'completed', ['initiator', 'partner']);
    const { records: cached } = await sql(this.dataSource)<{ collaboration_id: string }>`
      SELECT collaboration_id FROM review_outcomes WHERE organization_id = ${organizationId}`;
    const have = new Set(cached.map((r) => r.collaboration_id));
    const missing = completed.filter((id) => !have.has(id));
    for (let at = 0; at < missing.length; at += FILL_BATCH) {
      // The figures and the fit are detached parts of the context: read whole.
      const contexts = await this.collaborations.contextsOf(missing.slice(at, at + FILL_BATCH), 'whole');
      const rows = contexts.map((context) => {
        const row = outcomeRow(context, organizationId);
        return { ...row, organizationId, submitted: row.submitted ? 1 : 0 };
      });
      // Another instance may be filling the same rows: the first one wins, and both computed the same values.
      await this.dataSource.createQueryBuilder().insert().into(ReviewOutcomeEntity).values(rows).orIgnore().execute();
    }
  }
}
