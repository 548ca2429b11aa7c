// Who may send each event of collaboration.v1, and when. The machine's guards and the service's error answers
// both come from this one table, so they cannot disagree. Released: see ../index.ts before changing it.
import type { Actor, CollaborationContext, CollaborationEvent, CollaborationEventType, EventOf } from './types.js';

/** Why an event was refused: `forbidden` is the caller's role (403); `notAllowed` is the state of things (409). */
export type Refusal = { kind: 'forbidden' | 'notAllowed'; reason: string };
export type Verdict = { ok: true } | ({ ok: false } & Refusal);

type Who = (context: CollaborationContext, actor: Actor, event: CollaborationEvent) => Refusal | null;

interface Rule<T extends CollaborationEventType> {
  who: Who;
  /** A condition on the collaboration alone, so it also decides `allowedEvents`. */
  ready?: (context: CollaborationContext) => string | null;
  /** A condition on the event's payload. */
  valid?: (context: CollaborationContext, event: EventOf<T>) => string | null;
}

const forbidden = (reason: string): Refusal => ({ kind: 'forbidden', reason });
const notAllowed = (reason: string): Refusal => ({ kind: 'notAllowed', reason });

export const parties = (context: CollaborationContext): string[] => [context.initiatorOrganizationId, ...context.partnerOrganizationIds];
const partyOf = (actor: Actor): string | null => (actor.kind === 'party' ? actor.organizationId : null);

const initiator: Who = (context, actor) =>
  partyOf(actor) === context.initiatorOrganizationId ? null : forbidden('only the initiator may send this event');

const anyParty: Who = (context, actor) => {
  const org = partyOf(actor);
  return org && parties(context).includes(org) ? null : forbidden('only a party to the collaboration may send this event');
};

// A contact's invitation names no organization: the service lets only the holder of its link answer it, accepting
// for one of their organizations, or declining without an account (then the service itself sends the decline).
const invitee =
  (declining: boolean): Who =>
  (context, actor) => {
    const invitation = context.invitation;
    const org = partyOf(actor);
    const ok =
      invitation !== null &&
      (invitation.organizationId === null
        ? (org !== null && org !== context.initiatorOrganizationId) || (declining && actor.kind === 'system')
        : org === invitation.organizationId);
    return ok ? null : forbidden('only the invited organization may answer the invitation');
  };

const eachPartyOnce =
  (alreadySent: (context: CollaborationContext, organizationId: string) => boolean, what: string): Who =>
  (context, actor, event) =>
    anyParty(context, actor, event) ?? (alreadySent(context, partyOf(actor)!) ? notAllowed(`this party has already ${what}`) : null);

const service =
  (kind: 'system' | 'timer'): Who =>
  (_context, actor) =>
    actor.kind === kind ? null : forbidden(`only the service (${kind}) sends this event`);

const latestRevision = (context: CollaborationContext): CollaborationContext['termsRevisions'][number] | undefined =>
  context.termsRevisions[context.termsRevisions.length - 1];

const checklistItem = (context: CollaborationContext, itemId: string): string | null =>
  context.checklist?.items.some((item) => item.id === itemId) ? null : `no checklist item ${itemId}`;

const candidate = (context: CollaborationContext, candidateId: string): string | null =>
  context.candidates.some((c) => c.id === candidateId) ? null : `no candidate ${candidateId}`;

/** Launch-blocking items still open. */
export const openBlockingItems = (context: CollaborationContext): string[] =>
  (context.checklist?.items ?? [])
    .filter((i) => i.launchBlocking && !['done', 'waived', 'notApplicable'].includes(i.status))
    .map((i) => i.id);

export const RULES: { [T in CollaborationEventType]: Rule<T> } = {
  'proposal.update': { who: initiator },
  'proposal.submit': {
    who: initiator,
    ready: (c) =>
      c.vision && c.form && c.partnerRequirements.length > 0
        ? null
        : 'a proposal needs a vision, a form and at least one partner requirement',
  },
  'proposal.reopen': { who: initiator },
  'partner.shortlist': {
    who: initiator,
    valid: (c, e) => {
      if ((e.organizationId === undefined) === (e.contact === undefined)) return 'shortlist either an organizationId or a contact';
      if (e.contact) {
        const email = e.contact.email.toLowerCase();
        return c.candidates.some((x) => x.contact?.email.toLowerCase() === email) ? 'this contact is already shortlisted' : null;
      }
      return e.organizationId === c.initiatorOrganizationId
        ? 'the initiator cannot be its own partner'
        : c.candidates.some((x) => x.organizationId === e.organizationId)
          ? 'this organization is already shortlisted'
          : null;
    },
  },
  'partner.rate': { who: initiator, valid: (c, e) => candidate(c, e.candidateId) },
  'partner.invite': { who: initiator, valid: (c, e) => candidate(c, e.candidateId) },
  'invitation.accept': { who: invitee(false) },
  'invitation.decline': { who: invitee(true) },
  'invitation.revoke': { who: initiator },
  'invitation.expire': { who: service('timer') },
  'terms.propose': { who: anyParty },
  'terms.accept': {
    who: (context, actor, event) =>
      anyParty(context, actor, event) ??
      (latestRevision(context)?.authorOrganizationId === partyOf(actor)
        ? forbidden('the author of the latest revision cannot accept it')
        : null),
    ready: (c) => (latestRevision(c) ? null : 'no terms have been proposed'),
    valid: (c, e) =>
      e.revision === latestRevision(c)?.revision ? null : `revision ${e.revision} is not the latest (${latestRevision(c)?.revision})`,
  },
  'agreement.generated': {
    who: service('system'),
    valid: (c, e) =>
      c.agreement?.version === e.version && c.agreement.sha256 === null ? null : `agreement version ${e.version} is not pending`,
  },
  'agreement.sign': {
    who: eachPartyOnce((c, org) => c.signatures.some((s) => s.organizationId === org && s.version === c.agreement?.version), 'signed'),
    ready: (c) => (c.agreement?.sha256 ? null : 'the agreement is still being generated'),
    valid: (c, e) =>
      e.version !== c.agreement?.version
        ? `version ${e.version} is not the latest agreement (${c.agreement?.version})`
        : e.sha256.toLowerCase() !== c.agreement.sha256
          ? 'sha256 does not match the agreement document'
          : null,
  },
  'agreement.requestChanges': { who: anyParty },
  'checklist.generated': { who: service('system'), valid: (c) => (c.checklist ? 'the checklist exists already' : null) },
  'checklist.complete': {
    who: anyParty,
    ready: (c) => (c.checklist ? null : 'the checklist is still being built'),
    valid: (c, e) => checklistItem(c, e.itemId),
  },
  'checklist.waive': {
    who: anyParty,
    ready: (c) => (c.checklist ? null : 'the checklist is still being built'),
    valid: (c, e) => checklistItem(c, e.itemId),
  },
  'checklist.reopen': {
    who: anyParty,
    ready: (c) => (c.checklist ? null : 'the checklist is still being built'),
    valid: (c, e) => checklistItem(c, e.itemId),
  },
  'collaboration.launch': {
    who: initiator,
    ready: (c) => {
      if (!c.checklist) return 'the checklist is still being built';
      const open = openBlockingItems(c);
      return open.length === 0 ? null : `launch-blocking checklist items are open: ${open.join(', ')}`;
    },
  },
  'milestone.record': { who: anyParty },
  'collaboration.end': { who: (context, actor, event) => (actor.kind === 'timer' ? null : anyParty(context, actor, event)) },
  'collaboration.terminate': { who: anyParty },
  'review.submit': { who: eachPartyOnce((c, org) => org in c.reviews, 'submitted its review') },
  'review.windowEnded': { who: service('timer') },
  'review.close': { who: initiator, ready: (c) => (c.reviewWindowEndedAt ? null : 'the review window has not ended yet') },
  // Before a partner has joined only the initiator can cancel; from negotiation on, any party.
  'collaboration.cancel': {
    who: (context, actor, event) => (context.partnerOrganizationIds.length > 0 ? anyParty : initiator)(context, actor, event),
  },
};

function refuse(refusal: Refusal | null): Verdict {
  return refusal ? { ok: false, ...refusal } : { ok: true };
}

/** Whether this event may be applied now, judged on the collaboration, the actor and the payload. */
export function verdict(context: CollaborationContext, event: CollaborationEvent): Verdict {
  const rule = RULES[event.type] as Rule<CollaborationEventType>;
  const who = rule.who(context, event.actor, event);
  if (who) return refuse(who);
  const reason = rule.ready?.(context) ?? rule.valid?.(context, event as never) ?? null;
  return refuse(reason ? notAllowed(reason) : null);
}

/** Whether this actor could send an event of this type now, payload aside: what `allowedEvents` lists. */
export function mayOffer(context: CollaborationContext, type: CollaborationEventType, actor: Actor): boolean {
  const rule = RULES[type] as Rule<CollaborationEventType>;
  const probe = { type, actor, at: '' } as CollaborationEvent;
  return rule.who(context, actor, probe) === null && (rule.ready?.(context) ?? null) === null;
}
