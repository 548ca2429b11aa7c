import { Injectable } from '@nestjs/common';
import type { CollaborationContext, Criterion, FitBreakdown } from '../../workflows/collaboration/index.js';
import type { PublicProfileDto } from './dto/partner-profile.dto.js';
import { type FitProfile, type FitResult, scoreFit } from './fit.js';
import { PartnersDirectory } from './partners-directory.service.js';

// A contact not on Kolabora has no profile: every computed criterion is unknown until the initiator rates it.
const NO_PROFILE: FitProfile = { categories: [], marks: [] };
// Suggestions score this many directory profiles: those sharing the initiator's categories first, then the newest listed.
const POOL = 500;

export interface Suggestion {
  partner: PublicProfileDto;
  fit: FitResult;
}

/** The fit of candidates against a proposal, from their profiles (the directory) and the initiator's ratings. */
@Injectable()
export class FitService {
  constructor(private readonly directory: PartnersDirectory) {}

  async fitOf(
    context: CollaborationContext,
    organizationId: string | null,
    ratings: Partial<Record<Criterion, number>> = {},
  ): Promise<FitBreakdown> {
    const [initiator, candidate] = await Promise.all([
      this.directory.profileOf(context.initiatorOrganizationId),
      organizationId ? this.directory.profileOf(organizationId) : Promise.resolve(null),
    ]);
    // An unlisted organization shares nothing beyond its name: it is scored on ratings alone, like a contact.
    return this.score(context, initiator ?? NO_PROFILE, candidate?.listed ? candidate : NO_PROFILE, ratings);
  }

  /** Listed organizations ranked by fit for this proposal: eligible first, then by score. */
  async suggestions(context: CollaborationContext, limit: number): Promise<Suggestion[]> {
    const initiator = (await this.directory.profileOf(context.initiatorOrganizationId)) ?? NO_PROFILE;
    const shortlisted = context.candidates.flatMap((c) => (c.organizationId ? [c.organizationId] : []));
    const pool = await this.directory.candidatesFor({
      categories: initiator.categories,
      excludeOrganizationIds: [context.initiatorOrganizationId, ...context.partnerOrganizationIds, ...shortlisted],
      limit: POOL,
    });
    return pool
      .map((c) => ({ partner: c.profile, fit: this.score(context, initiator, c.fit, {}) }))
      .sort(
        (a, b) => Number(b.fit.eligible) - Number(a.fit.eligible) || b.fit.score - a.fit.score || a.partner.id.localeCompare(b.partner.id),
      )
      .slice(0, limit);
  }

  private score(
    context: CollaborationContext,
    initiator: FitProfile,
    candidate: FitProfile,
    ratings: Partial<Record<Criterion, number>>,
  ): FitResult {
    return scoreFit({
      requirements: context.partnerRequirements,
      needs: { volumePerMonth: context.production?.unitsPerMonth ?? null, leadTimeDays: context.production?.leadTimeDays ?? null },
      initiator,
      candidate,
      ratings,
    });
  }
}
