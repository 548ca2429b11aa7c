// The data of collaboration.v1. Released: see ../index.ts before changing anything here.

export const FORMS = ['co_branding', 'licensing', 'consignment', 'endorsement', 'distribution', 'joint_venture', 'nda', 'mou'] as const;
export type Form = (typeof FORMS)[number];

export const GOALS = ['brand_awareness', 'new_market', 'revenue', 'product_innovation', 'learning', 'other'] as const;
export type Goal = (typeof GOALS)[number];

export const CRITERIA = [
  'brand_image_fit',
  'audience_overlap',
  'product_complementarity',
  'capability_fit',
  'reputation_risk',
  'relational_fit',
  'awareness_asymmetry',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const KPI_KEYS = [
  'follower_growth_pct',
  'engagement_rate_pct',
  'reach',
  'mentions',
  'ctr_pct',
  'recall_pct',
  'units_sold',
  'net_revenue',
  'profit',
  'margin_pct',
  'roi_pct',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface Vision {
  statement: string;
  goals: Goal[];
  objectives: string[];
}
export interface PartnerRequirement {
  criterion: Criterion;
  weight: number;
  minimum?: number;
}
export interface Structure {
  roles: Array<{ party: 'initiator' | 'partner'; responsibilities: string[] }>;
  milestones: Array<{ title: string; due: string }>;
  decisionMaking?: string;
  communicationCadence?: string;
}
/** What the partner must be able to produce: capability fit compares it with the candidate's capacity and lead time. */
export interface Production {
  unitsPerMonth?: number;
  leadTimeDays?: number;
}
export interface ReviewPlan {
  kpis: Array<{ key: KpiKey; baseline?: number; target?: number }>;
  reviewWindowDays?: number;
}

/** The fields a proposal is made of: the creation body and `proposal.update`. */
export interface ProposalFields {
  title: string;
  form: Form;
  vision: Vision | null;
  partnerRequirements: PartnerRequirement[];
  structure: Structure | null;
  reviewPlan: ReviewPlan | null;
  production?: Production | null;
}

/** Who sent an event; the runtime adds it, so guards decide from data. */
export type Actor = { kind: 'party'; userId: string; organizationId: string } | { kind: 'system' } | { kind: 'timer' };

export const CANDIDATE_SOURCES = ['event', 'referral', 'directory', 'instagram', 'other'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];
/** Someone not on Kolabora yet, invited by email. */
export interface Contact {
  name: string;
  email: string;
  brand?: string;
  phone?: string;
}
/** The fit of a candidate against the proposal's requirements, computed by the service and recorded with the event. */
export interface FitBreakdown {
  score: number;
  eligible: boolean;
  flags: string[];
  criteria: Array<{ key: string; score: number | null; source: 'computed' | 'rated'; explanation: { id: string; en: string } }>;
}
export interface Candidate {
  id: string;
  /** null for a contact who is not on Kolabora yet. */
  organizationId: string | null;
  contact?: Contact;
  source?: CandidateSource;
  fit?: FitBreakdown;
  shortlistedAt: string;
  scores: Partial<Record<Criterion, number>> | null;
  ratedAt: string | null;
}
export interface Invitation {
  candidateId: string;
  /** null while a contact is invited: the organization that accepts becomes the partner. */
  organizationId: string | null;
  contact?: Contact;
  /** Why an ineligible candidate was invited anyway. */
  override?: { reason: string };
  message: string | null;
  invitedAt: string;
}
export interface InvitationOutcome {
  organizationId: string | null;
  contactEmail?: string;
  outcome: 'accepted' | 'declined' | 'revoked' | 'expired';
  reason: string | null;
  at: string;
}
export interface TermsRevision {
  revision: number;
  terms: Record<string, unknown>;
  authorOrganizationId: string;
  proposedAt: string;
}
export interface AgreementVersion {
  version: number;
  revision: number;
  sha256: string | null; // null until the agreement effect reports the generated document
  generatedAt: string | null;
}
export interface Signature {
  organizationId: string;
  userId: string;
  signerName: string;
  signerTitle: string;
  version: number;
  sha256: string;
  at: string;
  /** Where the signature came from, recorded by the service (clients cannot set these). */
  ip?: string;
  userAgent?: string;
  /** The signing organization's city, recorded by the service; absent in signatures made before it was recorded. */
  place?: string;
  /** The party's stamp duty: an e-meterai (with its serial) or a paper meterai on the printed counterpart; absent before. */
  meterai?: Meterai;
}
export const METERAI_KINDS = ['electronic', 'paper'] as const;
export type MeteraiKind = (typeof METERAI_KINDS)[number];
export interface Meterai {
  kind: MeteraiKind;
  serial?: string;
}
export const CHECKLIST_STATUSES = ['todo', 'inProgress', 'done', 'waived', 'notApplicable'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
/** An item as the checklist effect builds it; it may carry more (legal basis, due date, fee). */
export interface ChecklistItemSeed {
  id: string;
  category: string;
  title: { id: string; en: string };
  launchBlocking: boolean;
  status?: ChecklistStatus;
  [extra: string]: unknown;
}
export interface ChecklistItem extends ChecklistItemSeed {
  status: ChecklistStatus;
  evidence: Record<string, unknown> | null;
  waiverReason: string | null;
  updatedAt: string | null;
  updatedByOrganizationId: string | null;
}
export interface Milestone {
  title: string;
  date: string;
  notes: string | null;
  recordedByOrganizationId: string;
  at: string;
}
export interface ReviewSubmission {
  kpis: Record<string, unknown>;
  ratings: Record<string, number>;
  lessons: string;
  submittedByUserId: string;
  at: string;
}

export interface CollaborationContext extends ProposalFields {
  id: string;
  initiatorOrganizationId: string;
  createdAt: string;
  invitationWindowDays: number;
  submittedAt: string | null;
  candidates: Candidate[];
  invitation: Invitation | null;
  invitationOutcomes: InvitationOutcome[];
  partnerOrganizationIds: string[];
  termsRevisions: TermsRevision[];
  acceptedRevision: number | null;
  agreement: AgreementVersion | null;
  signatures: Signature[];
  changeRequests: Array<{ organizationId: string; reason: string; at: string }>;
  checklist: { items: ChecklistItem[]; generatedAt: string } | null;
  launchedAt: string | null;
  milestones: Milestone[];
  ended: { how: 'term' | 'ended' | 'terminated'; reason: string | null; byOrganizationId: string | null; at: string } | null;
  reviews: Record<string, ReviewSubmission>;
  reviewWindowEndedAt: string | null;
  closedAt: string | null;
  cancellation: { reason: string; byOrganizationId: string; at: string } | null;
}

export interface CollaborationInput extends Partial<Omit<ProposalFields, 'title' | 'form'>> {
  id: string;
  title: string;
  form: Form;
  initiatorOrganizationId: string;
  createdAt: string;
  invitationWindowDays?: number;
}

interface Base<T extends string> {
  type: T;
  actor: Actor;
  at: string; // ISO time the runtime applied the event; part of the history, so replays are exact
}

export type CollaborationEvent =
  | (Base<'proposal.update'> & Partial<ProposalFields>)
  | Base<'proposal.submit'>
  | Base<'proposal.reopen'>
  | (Base<'partner.shortlist'> & { organizationId?: string; contact?: Contact; source?: CandidateSource; fit?: FitBreakdown })
  | (Base<'partner.rate'> & { candidateId: string; scores: Partial<Record<Criterion, number>>; fit?: FitBreakdown })
  | (Base<'partner.invite'> & { candidateId: string; message?: string; override?: { reason: string } })
  | Base<'invitation.accept'>
  | (Base<'invitation.decline'> & { reason: string })
  | Base<'invitation.revoke'>
  | Base<'invitation.expire'>
  | (Base<'terms.propose'> & { terms: Record<string, unknown> })
  | (Base<'terms.accept'> & { revision: number })
  | (Base<'agreement.generated'> & { version: number; sha256: string })
  | (Base<'agreement.sign'> & {
      version: number;
      sha256: string;
      signerName: string;
      signerTitle: string;
      ip?: string;
      userAgent?: string;
      place?: string;
      meterai?: Meterai;
    })
  | (Base<'agreement.requestChanges'> & { reason: string })
  | (Base<'checklist.generated'> & { items: ChecklistItemSeed[] })
  | (Base<'checklist.complete'> & { itemId: string; evidence: Record<string, unknown> })
  | (Base<'checklist.waive'> & { itemId: string; reason: string })
  | (Base<'checklist.reopen'> & { itemId: string })
  | Base<'collaboration.launch'>
  | (Base<'milestone.record'> & { title: string; date: string; notes?: string })
  | Base<'collaboration.end'>
  | (Base<'collaboration.terminate'> & { reason: string })
  | (Base<'review.submit'> & { kpis: Record<string, unknown>; ratings: Record<string, number>; lessons: string })
  | Base<'review.windowEnded'>
  | Base<'review.close'>
  | (Base<'collaboration.cancel'> & { reason: string });

export type CollaborationEventType = CollaborationEvent['type'];
export type EventOf<T extends CollaborationEventType> = Extract<CollaborationEvent, { type: T }>;

export const STATES = [
  'proposal',
  'partnerSearch',
  'invitation',
  'negotiation',
  'agreement',
  'ipChecklist',
  'execution',
  'postReview',
  'completed',
  'cancelled',
] as const;
export type CollaborationState = (typeof STATES)[number];
