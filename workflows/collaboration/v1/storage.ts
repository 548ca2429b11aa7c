// How collaboration.v1's context is stored: data the runtime reads, not behaviour (the machine never sees it).
import type { CollaborationState } from './types.js';

/**
 * Fields of append-only collections that the machine's rules and reducers never read: the runtime keeps them in rows
 * of their own (one per element and field), so an event reads and writes a snapshot that does not grow with them.
 * An array element is keyed by its index, a record entry by its key, so these collections must only grow (v1's reducers
 * only append to them); what the rules read (a revision's number and author, a candidate's organization and contact,
 * which parties reviewed) stays in the snapshot. `before`: where the fields stood in an element (see context-split.ts).
 */
export const DETACHED_FIELDS = {
  termsRevisions: { fields: ['terms'], before: 'authorOrganizationId' },
  milestones: { fields: ['title', 'date', 'notes'], before: 'recordedByOrganizationId' },
  candidates: { fields: ['fit'], before: 'shortlistedAt' },
  reviews: { fields: ['kpis', 'ratings', 'lessons'], before: 'submittedByUserId' },
} as const;

/** Where a collaboration stands, coarser than its state: what lists filter on and other modules query by. */
export const PHASES = ['forming', 'agreeing', 'running', 'completed', 'cancelled'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_OF_STATE: Record<CollaborationState, Phase> = {
  proposal: 'forming',
  partnerSearch: 'forming',
  invitation: 'forming',
  negotiation: 'agreeing',
  agreement: 'agreeing',
  ipChecklist: 'running',
  execution: 'running',
  postReview: 'running',
  completed: 'completed',
  cancelled: 'cancelled',
};

/**
 * Detached parts the machine does read, for the events that read them: entering `execution` (collaboration.launch)
 * schedules the end of the term from the end date in the terms the agreement was drawn from. The runtime puts these
 * back before the transition. Returns `[path, key]` pairs.
 */
export function detachedReadBy(context: { agreement: { revision: number } | null }, eventType: string): Array<[string, string]> {
  if (eventType === 'collaboration.launch' && context.agreement) return [['termsRevisions.terms', String(context.agreement.revision - 1)]];
  return [];
}
