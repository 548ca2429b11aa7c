// collaboration.v1 — RELEASED. Do not change its behaviour: copy to v2 (see ../index.ts).
import { and, assign, cancel, enqueueActions, raise, setup } from 'xstate';
import { reduce, initialContext, startAgreement, DEFAULT_REVIEW_WINDOW_DAYS } from './reducers.js';
import { parties, verdict } from './rules.js';
import type { CollaborationContext, CollaborationEvent, CollaborationInput } from './types.js';

const DAY_MS = 86_400_000;

/** Milliseconds from the event that launched execution to the end of the term, or null without an end date. */
export function termRemainingMs(context: CollaborationContext, now: string): number | null {
  const accepted = context.termsRevisions.find((r) => r.revision === context.agreement?.revision);
  const endDate = accepted?.terms.endDate;
  if (typeof endDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) return null;
  // The term runs to the end of its last day in Jakarta time (WIB, UTC+7).
  const remaining = Date.parse(`${endDate}T00:00:00+07:00`) + DAY_MS - Date.parse(now);
  return Number.isFinite(remaining) ? Math.max(0, remaining) : null;
}

export const collaborationV1 = setup({
  types: {
    context: {} as CollaborationContext,
    events: {} as CollaborationEvent,
    input: {} as CollaborationInput,
  },
  guards: {
    permitted: ({ context, event }) => verdict(context, event).ok,
    completesSignatures: ({ context, event }) => {
      const signed = new Set(context.signatures.filter((s) => s.version === context.agreement?.version).map((s) => s.organizationId));
      if (event.actor.kind === 'party') signed.add(event.actor.organizationId);
      return parties(context).every((org) => signed.has(org));
    },
    completesReviews: ({ context, event }) => {
      const submitted = new Set(Object.keys(context.reviews));
      if (event.actor.kind === 'party') submitted.add(event.actor.organizationId);
      return parties(context).every((org) => submitted.has(org));
    },
  },
  actions: {
    apply: assign(({ context, event }) => reduce(context, event)),
    startAgreement: assign(({ context }) => startAgreement(context)),
    // Effects: named, with params; the service runs them from its outbox after the transition commits.
    generateAgreement: (_, _params: { version: number; revision: number }): void => {},
    produceExecutedCopy: (_, _params: { version: number }): void => {},
    buildChecklist: (_, _params: { form: string }): void => {},
  },
}).createMachine({
  id: 'collaboration.v1',
  initial: 'proposal',
  context: ({ input }) => initialContext(input),
  states: {
    proposal: {
      on: {
        'proposal.update': { guard: 'permitted', actions: 'apply' },
        'proposal.submit': { guard: 'permitted', target: 'partnerSearch', actions: 'apply' },
        'collaboration.cancel': { guard: 'permitted', target: 'cancelled', actions: 'apply' },
      },
    },
    partnerSearch: {
      on: {
        'partner.shortlist': { guard: 'permitted', actions: 'apply' },
        'partner.rate': { guard: 'permitted', actions: 'apply' },
        'partner.invite': { guard: 'permitted', target: 'invitation', actions: 'apply' },
        'proposal.reopen': { guard: 'permitted', target: 'proposal', actions: 'apply' },
        'collaboration.cancel': { guard: 'permitted', target: 'cancelled', actions: 'apply' },
      },
    },
    invitation: {
      entry: raise({ type: 'invitation.expire' } as CollaborationEvent, {
        id: 'invitationWindow',
        delay: ({ context }) => context.invitationWindowDays * DAY_MS,
      }),
      exit: cancel('invitationWindow'),
      on: {
        'invitation.accept': { guard: 'permitted', target: 'negotiation', actions: 'apply' },
        'invitation.decline': { guard: 'permitted', target: 'partnerSearch', actions: 'apply' },
        'invitation.revoke': { guard: 'permitted', target: 'partnerSearch', actions: 'apply' },
        'invitation.expire': { guard: 'permitted', target: 'partnerSearch', actions: 'apply' },
        'collaboration.cancel': { guard: 'permitted', target: 'cancelled', actions: 'apply' },
      },
    },
    negotiation: {
      on: {
        'terms.propose': { guard: 'permitted', actions: 'apply' },
        'terms.accept': { guard: 'permitted', target: 'agreement', actions: 'apply' },
        'collaboration.cancel': { guard: 'permitted', target: 'cancelled', actions: 'apply' },
      },
    },
    agreement: {
      entry: [
        'startAgreement',
        {
          type: 'generateAgreement',
          params: ({ context }) => ({ version: context.agreement!.version, revision: context.agreement!.revision }),
        },
      ],
      on: {
        'agreement.generated': { guard: 'permitted', actions: 'apply' },
        'agreement.sign': [
          {
            guard: and(['permitted', 'completesSignatures']),
            target: 'ipChecklist',
            actions: ['apply', { type: 'produceExecutedCopy', params: ({ context }) => ({ version: context.agreement!.version }) }],
          },
          { guard: 'permitted', actions: 'apply' },
        ],
        'agreement.requestChanges': { guard: 'permitted', target: 'negotiation', actions: 'apply' },
        'collaboration.cancel': { guard: 'permitted', target: 'cancelled', actions: 'apply' },
      },
    },
    ipChecklist: {
      entry: { type: 'buildChecklist', params: ({ context }) => ({ form: context.form }) },
      on: {
        'checklist.generated': { guard: 'permitted', actions: 'apply' },
        'checklist.complete': { guard: 'permitted', actions: 'apply' },
        'checklist.waive': { guard: 'permitted', actions: 'apply' },
        'checklist.reopen': { guard: 'permitted', actions: 'apply' },
        'collaboration.launch': { guard: 'permitted', target: 'execution', actions: 'apply' },
      },
    },
    execution: {
      entry: enqueueActions(({ context, event, enqueue }) => {
        const remaining = termRemainingMs(context, event.at);
        if (remaining !== null) enqueue.raise({ type: 'collaboration.end' } as CollaborationEvent, { id: 'termEnd', delay: remaining });
      }),
      exit: cancel('termEnd'),
      on: {
        'milestone.record': { guard: 'permitted', actions: 'apply' },
        'checklist.complete': { guard: 'permitted', actions: 'apply' },
        'checklist.waive': { guard: 'permitted', actions: 'apply' },
        'checklist.reopen': { guard: 'permitted', actions: 'apply' },
        'collaboration.end': { guard: 'permitted', target: 'postReview', actions: 'apply' },
        'collaboration.terminate': { guard: 'permitted', target: 'postReview', actions: 'apply' },
      },
    },
    postReview: {
      entry: raise({ type: 'review.windowEnded' } as CollaborationEvent, {
        id: 'reviewWindow',
        delay: ({ context }) => (context.reviewPlan?.reviewWindowDays ?? DEFAULT_REVIEW_WINDOW_DAYS) * DAY_MS,
      }),
      exit: cancel('reviewWindow'),
      on: {
        'review.submit': [
          { guard: and(['permitted', 'completesReviews']), target: 'completed', actions: 'apply' },
          { guard: 'permitted', actions: 'apply' },
        ],
        'review.windowEnded': { guard: 'permitted', actions: 'apply' },
        'review.close': { guard: 'permitted', target: 'completed', actions: 'apply' },
      },
    },
    completed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
