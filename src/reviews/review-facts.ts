// What a review knows about the collaboration itself (issue 7): the partner search, the chosen partner's fit and the IP
// checklist; and the facts the recommendation rules read for one party. Pure: the context in, numbers out.
import { normalizeEmail } from '../common/email.js';
import type { Candidate, CollaborationContext } from '../../workflows/collaboration/index.js';
import { awarenessMet, type KpiEvaluation, type Outcomes, targetsMissed } from './outcomes.js';
import type { ReviewFacts, Scale } from './recommendations.js';

const DAY_MS = 86_400_000;
const MARK_ITEMS = ['mark-filed', 'joint-mark-filed'];

export interface CollaborationFacts {
  /** Whole days from proposal.submit to the accepted invitation; null before one was accepted. */
  partnerSearchDays: number | null;
  /** Candidates shortlisted; null for a party that did not run the search (the search is the initiator's own). */
  candidatesConsidered: number | null;
  /** The accepted candidate's fit score (0–100) as the service computed it; null when it had none. */
  chosenPartnerFitScore: number | null;
  /** Its capability_fit criterion (0–5), which the fit-capabilities rule reads. */
  chosenPartnerCapabilityFit: number | null;
  ipItems: { total: number; done: number; waived: number };
}

/** Whether this candidate became the partner: an organization by id, a contact by the organization that accepted for it. */
export function becamePartner(context: CollaborationContext, candidate: Candidate): string | null {
  if (candidate.organizationId) return context.partnerOrganizationIds.includes(candidate.organizationId) ? candidate.organizationId : null;
  // Contacts written before emails were normalized on the way in may still be in another form.
  const email = candidate.contact && normalizeEmail(candidate.contact.email);
  const accepted = context.invitationOutcomes.find(
    (o) => o.outcome === 'accepted' && o.contactEmail && normalizeEmail(o.contactEmail) === email,
  );
  return accepted?.organizationId ?? null;
}

/** The facts of the collaboration as `viewer` may know them (pass the context it may see). */
export function collaborationFacts(context: CollaborationContext, viewer: string): CollaborationFacts {
  const accepted = context.invitationOutcomes.find((o) => o.outcome === 'accepted');
  const chosen = context.candidates.find((c) => becamePartner(context, c) !== null);
  const items = context.checklist?.items ?? [];
  const searchMs = accepted && context.submittedAt ? Date.parse(accepted.at) - Date.parse(context.submittedAt) : null;
  return {
    partnerSearchDays: searchMs === null ? null : Math.floor(searchMs / DAY_MS),
    candidatesConsidered: viewer === context.initiatorOrganizationId ? context.candidates.length : null,
    chosenPartnerFitScore: chosen?.fit?.score ?? null,
    chosenPartnerCapabilityFit: chosen?.fit?.criteria.find((c) => c.key === 'capability_fit')?.score ?? null,
    ipItems: {
      total: items.length,
      done: items.filter((i) => i.status === 'done').length,
      waived: items.filter((i) => i.status === 'waived').length,
    },
  };
}

/** A party's own review, as far as the recommendation rules need it. */
export interface PartyReview {
  organizationId: string;
  scale: Scale;
  ratings: Record<string, number> | null;
  evaluations: KpiEvaluation[];
  outcomes: Outcomes | null;
}

/**
 * The facts the rules read for one party. The partner search facts count only for the initiator (who searched); marks
 * and waivers only for the checklist items this party is responsible for, or that nobody in particular is.
 */
export function reviewFacts(context: CollaborationContext, facts: CollaborationFacts, party: PartyReview): ReviewFacts {
  const searched = party.organizationId === context.initiatorOrganizationId;
  const mine = (context.checklist?.items ?? []).filter((i) => {
    const responsible = (i as { responsible?: { organizationId: string } | null }).responsible;
    return !responsible || responsible.organizationId === party.organizationId;
  });
  const key = (i: Record<string, unknown>): string => (typeof i.key === 'string' ? i.key : '');
  const rating = (name: string): number | null => party.ratings?.[name] ?? null;
  return {
    partnerSearchDays: searched ? facts.partnerSearchDays : null,
    candidatesConsidered: searched ? facts.candidatesConsidered : null,
    capabilityFitScore: searched ? facts.chosenPartnerCapabilityFit : null,
    targetsMissed: targetsMissed(party.evaluations),
    marksUnregistered: context.checklist
      ? mine.filter((i) => MARK_ITEMS.includes(key(i)) && !['done', 'notApplicable'].includes(i.status)).length
      : null,
    ipItemsWaived: context.checklist ? mine.filter((i) => i.status === 'waived').length : null,
    awarenessMet: awarenessMet(party.evaluations),
    profit: party.outcomes?.profit.value ?? null,
    partnerCommunicationRating: rating('communication'),
    partnerCommitmentRating: rating('commitment'),
    partnerQualityRating: rating('quality'),
    partnerTimelinessRating: rating('timeliness'),
    scale: party.scale,
  };
}
