import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CANDIDATE_SOURCES, type Candidate, type CollaborationContext } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { fromJson, sql } from '../database/sql.js';
import { MembershipEntity } from '../organizations/membership.entity.js';

export interface NetworkSource {
  source: string;
  candidates: number;
  becamePartners: number;
  completedCollaborations: number;
}

/** Whether this candidate became the partner: an organization by id, a contact by the organization that accepted for it. */
function becamePartner(context: CollaborationContext, candidate: Candidate): string | null {
  if (candidate.organizationId) return context.partnerOrganizationIds.includes(candidate.organizationId) ? candidate.organizationId : null;
  const email = candidate.contact?.email.toLowerCase();
  const accepted = context.invitationOutcomes.find((o) => o.outcome === 'accepted' && o.contactEmail?.toLowerCase() === email);
  return accepted?.organizationId ?? null;
}

/** What founders learn from their own collaborations. */
@Injectable()
export class InsightsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const { records } = await sql(this.dataSource)<{ state: string; snapshot: unknown }>`
      SELECT state, snapshot FROM collaborations WHERE initiator_organization_id = ${organizationId}`;
    const bySource = new Map<string, NetworkSource>(
      [...CANDIDATE_SOURCES, 'unknown'].map((source) => [source, { source, candidates: 0, becamePartners: 0, completedCollaborations: 0 }]),
    );
    for (const row of records) {
      const context = (fromJson(row.snapshot) as { context: CollaborationContext }).context;
      for (const candidate of context.candidates) {
        const entry = bySource.get(candidate.source ?? 'unknown')!;
        entry.candidates += 1;
        if (becamePartner(context, candidate)) {
          entry.becamePartners += 1;
          if (row.state === 'completed') entry.completedCollaborations += 1;
        }
      }
    }
    return { organizationId, sources: [...bySource.values()] };
  }
}
