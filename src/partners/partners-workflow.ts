import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CollaborationContext, CollaborationEvent } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { FitService } from './fit.service.js';

/**
 * What the partner search adds to the lifecycle: a candidate's fit, computed when it is shortlisted or rated and
 * recorded with the event; an ineligible candidate invited only with an override.
 */
@Injectable()
export class PartnersWorkflow implements OnModuleInit {
  constructor(
    private readonly plugins: WorkflowPlugins,
    private readonly fit: FitService,
  ) {}

  onModuleInit(): void {
    this.plugins.validate(['partner.shortlist', 'partner.rate', 'partner.invite'], ({ em, before, event }) =>
      this.check(em, before, event),
    );
  }

  private async check(
    em: EntityManager,
    context: CollaborationContext,
    event: CollaborationEvent,
  ): Promise<Record<string, unknown> | void> {
    if (event.type === 'partner.shortlist') {
      if (event.organizationId) await this.assertOrganizationExists(em, event.organizationId);
      return { fit: await this.fit.fitOf(context, event.organizationId ?? null) };
    }
    if (event.type === 'partner.rate') {
      const candidate = context.candidates.find((c) => c.id === event.candidateId)!;
      return { fit: await this.fit.fitOf(context, candidate.organizationId, { ...candidate.scores, ...event.scores }) };
    }
    if (event.type === 'partner.invite') {
      const candidate = context.candidates.find((c) => c.id === event.candidateId)!;
      // Scored again now: the requirements or the candidate's profile may have changed since it was shortlisted.
      const fit = await this.fit.fitOf(context, candidate.organizationId, candidate.scores ?? {});
      if (!fit.eligible && !event.override) {
        throw new DomainException(
          ErrorCode.CANDIDATE_INELIGIBLE,
          `${event.candidateId} is not eligible (${fit.flags.join('; ')}): invite with override {reason} to go ahead`,
          { candidateId: event.candidateId, score: fit.score, flags: fit.flags },
        );
      }
    }
  }

  private async assertOrganizationExists(em: EntityManager, organizationId: string): Promise<void> {
    if (await em.existsBy(OrganizationEntity, { id: organizationId })) return;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'organizationId names no organization on Kolabora', {
      fields: [{ field: 'organizationId', problems: ['organizationId names no organization on Kolabora'] }],
    });
  }
}
