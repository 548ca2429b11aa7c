// How each applied event changes the context of collaboration.v1. Released: see ../index.ts before changing it.
import type { ChecklistItem, CollaborationContext, CollaborationEvent, CollaborationInput, ProposalFields } from './types.js';

export const DEFAULT_INVITATION_WINDOW_DAYS = 14;
export const DEFAULT_REVIEW_WINDOW_DAYS = 30;

export function initialContext(input: CollaborationInput): CollaborationContext {
  return {
    id: input.id,
    title: input.title,
    form: input.form,
    vision: input.vision ?? null,
    partnerRequirements: input.partnerRequirements ?? [],
    structure: input.structure ?? null,
    reviewPlan: input.reviewPlan ?? null,
    // Added after release: present only when given, so earlier collaborations replay to the same snapshot.
    ...(input.production ? { production: input.production } : {}),
    initiatorOrganizationId: input.initiatorOrganizationId,
    createdAt: input.createdAt,
    invitationWindowDays: input.invitationWindowDays ?? DEFAULT_INVITATION_WINDOW_DAYS,
    submittedAt: null,
    candidates: [],
    invitation: null,
    invitationOutcomes: [],
    partnerOrganizationIds: [],
    termsRevisions: [],
    acceptedRevision: null,
    agreement: null,
    signatures: [],
    changeRequests: [],
    checklist: null,
    launchedAt: null,
    milestones: [],
    ended: null,
    reviews: {},
    reviewWindowEndedAt: null,
    closedAt: null,
    cancellation: null,
  };
}

const PROPOSAL_FIELDS: Array<keyof ProposalFields> = [
  'title',
  'form',
  'vision',
  'partnerRequirements',
  'structure',
  'reviewPlan',
  'production',
];

function withItem(
  context: CollaborationContext,
  itemId: string,
  change: Partial<ChecklistItem>,
  event: CollaborationEvent,
): CollaborationContext {
  const by = event.actor.kind === 'party' ? event.actor.organizationId : null;
  const items = context.checklist!.items.map((item) =>
    item.id === itemId ? { ...item, ...change, updatedAt: event.at, updatedByOrganizationId: by } : item,
  );
  return { ...context, checklist: { ...context.checklist!, items } };
}

/** The new context after an event the rules allowed. Never called for a refused event. */
export function reduce(context: CollaborationContext, event: CollaborationEvent): CollaborationContext {
  const org = event.actor.kind === 'party' ? event.actor.organizationId : null;
  switch (event.type) {
    case 'proposal.update': {
      const changes = Object.fromEntries(PROPOSAL_FIELDS.filter((key) => event[key] !== undefined).map((key) => [key, event[key]]));
      return { ...context, ...changes };
    }
    case 'proposal.submit':
      return { ...context, submittedAt: event.at };
    case 'proposal.reopen':
      return { ...context, submittedAt: null };
    // Fields added after release are set only when present, so earlier histories replay to the same snapshots.
    case 'partner.shortlist':
      return {
        ...context,
        candidates: [
          ...context.candidates,
          {
            id: `candidate-${context.candidates.length + 1}`,
            organizationId: event.organizationId ?? null,
            ...(event.contact ? { contact: event.contact } : {}),
            ...(event.source ? { source: event.source } : {}),
            ...(event.fit ? { fit: event.fit } : {}),
            shortlistedAt: event.at,
            scores: null,
            ratedAt: null,
          },
        ],
      };
    case 'partner.rate':
      return {
        ...context,
        candidates: context.candidates.map((c) =>
          c.id === event.candidateId
            ? { ...c, scores: { ...c.scores, ...event.scores }, ratedAt: event.at, ...(event.fit ? { fit: event.fit } : {}) }
            : c,
        ),
      };
    case 'partner.invite': {
      const candidate = context.candidates.find((c) => c.id === event.candidateId)!;
      return {
        ...context,
        invitation: {
          candidateId: candidate.id,
          organizationId: candidate.organizationId,
          ...(candidate.contact ? { contact: candidate.contact } : {}),
          ...(event.override ? { override: event.override } : {}),
          message: event.message ?? null,
          invitedAt: event.at,
        },
      };
    }
    case 'invitation.accept':
    case 'invitation.decline':
    case 'invitation.revoke':
    case 'invitation.expire': {
      // A contact's invitation is answered by whichever organization the person accepts for.
      const invitation = context.invitation!;
      const invited = invitation.organizationId ?? (event.type === 'invitation.accept' ? org : null);
      const outcome = (
        {
          'invitation.accept': 'accepted',
          'invitation.decline': 'declined',
          'invitation.revoke': 'revoked',
          'invitation.expire': 'expired',
        } as const
      )[event.type];
      return {
        ...context,
        invitation: null,
        invitationOutcomes: [
          ...context.invitationOutcomes,
          {
            organizationId: invited,
            ...(invitation.contact ? { contactEmail: invitation.contact.email } : {}),
            outcome,
            reason: event.type === 'invitation.decline' ? event.reason : null,
            at: event.at,
          },
        ],
        partnerOrganizationIds: outcome === 'accepted' ? [...context.partnerOrganizationIds, invited!] : context.partnerOrganizationIds,
      };
    }
    case 'terms.propose':
      return {
        ...context,
        termsRevisions: [
          ...context.termsRevisions,
          { revision: context.termsRevisions.length + 1, terms: event.terms, authorOrganizationId: org!, proposedAt: event.at },
        ],
      };
    case 'terms.accept':
      return { ...context, acceptedRevision: event.revision };
    case 'agreement.generated':
      return { ...context, agreement: { ...context.agreement!, sha256: event.sha256.toLowerCase(), generatedAt: event.at } };
    case 'agreement.sign':
      return {
        ...context,
        signatures: [
          ...context.signatures,
          {
            organizationId: org!,
            userId: event.actor.kind === 'party' ? event.actor.userId : '',
            signerName: event.signerName,
            signerTitle: event.signerTitle,
            version: event.version,
            sha256: event.sha256.toLowerCase(),
            at: event.at,
            ...(event.ip !== undefined ? { ip: event.ip } : {}),
            ...(event.userAgent !== undefined ? { userAgent: event.userAgent } : {}),
            ...(event.place !== undefined ? { place: event.place } : {}),
            ...(event.meterai !== undefined ? { meterai: event.meterai } : {}),
          },
        ],
      };
    case 'agreement.requestChanges':
      // Signatures are void: the next agreement is a new version that every party signs again.
      return {
        ...context,
        signatures: [],
        acceptedRevision: null,
        changeRequests: [...context.changeRequests, { organizationId: org!, reason: event.reason, at: event.at }],
      };
    case 'checklist.generated':
      return {
        ...context,
        checklist: {
          generatedAt: event.at,
          items: event.items.map((item) => ({
            evidence: null,
            waiverReason: null,
            updatedAt: null,
            updatedByOrganizationId: null,
            ...item,
            status: item.status ?? 'todo',
          })),
        },
      };
    case 'checklist.complete':
      return withItem(context, event.itemId, { status: 'done', evidence: event.evidence, waiverReason: null }, event);
    case 'checklist.waive':
      return withItem(context, event.itemId, { status: 'waived', waiverReason: event.reason }, event);
    case 'checklist.reopen':
      return withItem(context, event.itemId, { status: 'todo', evidence: null, waiverReason: null }, event);
    case 'collaboration.launch':
      return { ...context, launchedAt: event.at };
    case 'milestone.record':
      return {
        ...context,
        milestones: [
          ...context.milestones,
          { title: event.title, date: event.date, notes: event.notes ?? null, recordedByOrganizationId: org!, at: event.at },
        ],
      };
    case 'collaboration.end':
      return {
        ...context,
        ended: { how: event.actor.kind === 'timer' ? 'term' : 'ended', reason: null, byOrganizationId: org, at: event.at },
      };
    case 'collaboration.terminate':
      return { ...context, ended: { how: 'terminated', reason: event.reason, byOrganizationId: org, at: event.at } };
    case 'review.submit':
      return {
        ...context,
        reviews: {
          ...context.reviews,
          [org!]: {
            kpis: event.kpis,
            ratings: event.ratings,
            lessons: event.lessons,
            submittedByUserId: event.actor.kind === 'party' ? event.actor.userId : '',
            at: event.at,
          },
        },
      };
    case 'review.windowEnded':
      return { ...context, reviewWindowEndedAt: event.at };
    case 'review.close':
      return { ...context, closedAt: event.at };
    case 'collaboration.cancel':
      return { ...context, cancellation: { reason: event.reason, byOrganizationId: org!, at: event.at } };
  }
}

/** Starting an agreement version: every entry to `agreement` generates a new numbered document. */
export function startAgreement(context: CollaborationContext): CollaborationContext {
  return {
    ...context,
    signatures: [],
    agreement: { version: (context.agreement?.version ?? 0) + 1, revision: context.acceptedRevision!, sha256: null, generatedAt: null },
  };
}
