import { type CollaborationEventType, parties } from '../../workflows/collaboration/index.js';
import type { EventListener } from '../workflow-runtime/plugins.js';

/** The event types an endpoint may subscribe to (API: names are kept). */
export const WEBHOOK_EVENT_TYPES = [
  'collaboration.transitioned',
  'agreement.generated',
  'agreement.signed',
  'agreement.executed',
  'checklist.item.due',
  'reminder.due',
  'invitation.answered',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A message before it is fanned out to the subscribed endpoints. */
export interface NewMessage {
  type: WebhookEventType | 'webhook.ping';
  data: Record<string, unknown>;
  /** Messages of one collaboration's history go out in (seq, sub) order per endpoint. */
  collaborationId?: string;
  seq?: number;
}

// Every collaboration event: a Record over the union, so a new event type does not compile until it is listed.
const EVERY_EVENT: Record<CollaborationEventType, true> = {
  'proposal.update': true,
  'proposal.submit': true,
  'proposal.reopen': true,
  'partner.shortlist': true,
  'partner.rate': true,
  'partner.invite': true,
  'invitation.accept': true,
  'invitation.decline': true,
  'invitation.revoke': true,
  'invitation.expire': true,
  'terms.propose': true,
  'terms.accept': true,
  'agreement.generated': true,
  'agreement.sign': true,
  'agreement.requestChanges': true,
  'checklist.generated': true,
  'checklist.complete': true,
  'checklist.waive': true,
  'checklist.reopen': true,
  'collaboration.launch': true,
  'milestone.record': true,
  'collaboration.end': true,
  'collaboration.terminate': true,
  'review.submit': true,
  'review.windowEnded': true,
  'review.close': true,
  'collaboration.cancel': true,
};
export const COLLABORATION_EVENT_TYPES = Object.keys(EVERY_EVENT) as CollaborationEventType[];

/**
 * What an applied event tells the parties' endpoints: ids, states and versions only, never a payload (terms, reasons,
 * reviews) that a party could not read in the view at that moment.
 */
export function messagesOf(scope: Parameters<EventListener>[0]): { organizationIds: string[]; messages: NewMessage[] } {
  const { event, before, after, seq, from, to } = scope;
  const collaborationId = after.id;
  const stream = { collaborationId, seq };
  const messages: NewMessage[] = [
    { type: 'collaboration.transitioned', data: { collaborationId, seq, event: event.type, from, to }, ...stream },
  ];
  if (event.type === 'agreement.generated') {
    messages.push({ type: 'agreement.generated', data: { collaborationId, seq, version: event.version, sha256: event.sha256 }, ...stream });
  }
  if (event.type === 'agreement.sign') {
    const signature = after.signatures[after.signatures.length - 1];
    messages.push({
      type: 'agreement.signed',
      data: { collaborationId, seq, version: event.version, organizationId: signature?.organizationId ?? null },
      ...stream,
    });
    // The last signature moves the collaboration out of `agreement`: the agreement is executed.
    if (from === 'agreement' && to !== 'agreement') {
      messages.push({
        type: 'agreement.executed',
        data: { collaborationId, seq, version: event.version, sha256: event.sha256 },
        ...stream,
      });
    }
  }
  if (event.type === 'invitation.accept' || event.type === 'invitation.decline') {
    const outcome = after.invitationOutcomes[after.invitationOutcomes.length - 1];
    messages.push({
      type: 'invitation.answered',
      data: {
        collaborationId,
        seq,
        organizationId: outcome?.organizationId ?? null,
        answer: event.type === 'invitation.accept' ? 'accepted' : 'declined',
      },
      ...stream,
    });
  }
  // The parties before and after: a partner that joins with this event is one from now on; nobody else hears of it.
  return { organizationIds: [...new Set([...parties(before), ...parties(after)])], messages };
}
