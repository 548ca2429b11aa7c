import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { collaborationV1, termRemainingMs } from './machine.js';
import { RULES, mayOffer, verdict } from './rules.js';
import { STATES, type Actor, type CollaborationEvent, type CollaborationEventType, type CollaborationInput } from './types.js';

type Snapshot = SnapshotFrom<typeof collaborationV1>;
type Payload = Record<string, unknown>;

const I: Actor = { kind: 'party', userId: 'u-init', organizationId: 'org-init' };
const P: Actor = { kind: 'party', userId: 'u-partner', organizationId: 'org-partner' };
const X: Actor = { kind: 'party', userId: 'u-other', organizationId: 'org-other' };
const SYSTEM: Actor = { kind: 'system' };
const TIMER: Actor = { kind: 'timer' };
const AT = '2026-12-01T03:00:00.000Z';
const SHA = 'a'.repeat(64);

const input = (overrides: Partial<CollaborationInput> = {}): CollaborationInput => ({
  id: 'c-1',
  title: 'LOOKOUT × Batik Kita capsule',
  form: 'co_branding',
  initiatorOrganizationId: 'org-init',
  createdAt: AT,
  vision: { statement: 'Reach Surabaya', goals: ['new_market'], objectives: ['300 units'] },
  partnerRequirements: [{ criterion: 'capability_fit', weight: 100 }],
  ...overrides,
});

const ev = (type: CollaborationEventType, actor: Actor, payload: Payload = {}): CollaborationEvent =>
  ({ type, actor, at: AT, ...payload }) as CollaborationEvent;

function step(snapshot: Snapshot, type: CollaborationEventType, actor: Actor, payload: Payload = {}) {
  const [next, actions] = transition(collaborationV1, snapshot, ev(type, actor, payload));
  return { next, actions, applied: next !== snapshot };
}

function send(snapshot: Snapshot, type: CollaborationEventType, actor: Actor, payload: Payload = {}): Snapshot {
  const result = step(snapshot, type, actor, payload);
  if (!result.applied)
    throw new Error(
      `${type} by ${JSON.stringify(actor)} was refused in ${String(snapshot.value)}: ${JSON.stringify(verdict(snapshot.context, ev(type, actor, payload)))}`,
    );
  return result.next;
}

/** Snapshots in each state along the happy path, so every state can be tested from a realistic context. */
function walk(overrides: Partial<CollaborationInput> = {}): Record<string, Snapshot> {
  const at: Record<string, Snapshot> = {};
  let s = initialTransition(collaborationV1, input(overrides))[0];
  at.proposal = s;
  at.emptyProposal = initialTransition(collaborationV1, input({ vision: undefined, partnerRequirements: undefined }))[0];
  s = send(s, 'proposal.submit', I);
  s = send(s, 'partner.shortlist', I, { organizationId: 'org-partner' });
  s = send(s, 'partner.shortlist', I, { organizationId: 'org-other' });
  at.partnerSearch = s;
  s = send(s, 'partner.invite', I, { candidateId: 'candidate-1', message: 'Mau kolaborasi?' });
  at.invitation = s;
  s = send(s, 'invitation.accept', P);
  s = send(s, 'terms.propose', I, { terms: { startDate: '2027-01-01', endDate: '2027-03-31' } });
  at.negotiation = s;
  s = send(s, 'terms.accept', P, { revision: 1 });
  at.agreementPending = s;
  s = send(s, 'agreement.generated', SYSTEM, { version: 1, sha256: SHA });
  at.agreement = s;
  s = send(s, 'agreement.sign', I, { version: 1, sha256: SHA, signerName: 'Dewi', signerTitle: 'Direktur' });
  at.agreementHalfSigned = s;
  s = send(s, 'agreement.sign', P, { version: 1, sha256: SHA, signerName: 'Raka', signerTitle: 'Pemilik' });
  at.ipChecklistPending = s;
  const items = [
    { id: 'pdki-search', category: 'trademark', title: { id: 'Cari di PDKI', en: 'Search PDKI' }, launchBlocking: true },
    { id: 'copyright', category: 'copyright', title: { id: 'Catat hak cipta', en: 'Record copyright' }, launchBlocking: false },
  ];
  s = send(s, 'checklist.generated', SYSTEM, { items });
  at.ipChecklist = s;
  s = send(s, 'checklist.complete', P, { itemId: 'pdki-search', evidence: { reference: 'PDKI 2026-12-01' } });
  at.ipChecklistReady = s;
  s = send(s, 'collaboration.launch', I);
  at.execution = s;
  s = send(s, 'collaboration.end', P);
  at.postReview = s;
  return at;
}

const review = { kpis: { commercial: { unitsSold: 120 } }, ratings: { communication: 4 }, lessons: 'Plan stock earlier' };

describe('collaboration.v1', () => {
  const at = walk();

  it('walks from proposal to completed with two organizations', () => {
    expect(at.postReview.value).toBe('postReview');
    let s = send(at.postReview, 'review.submit', I, review);
    expect(s.value).toBe('postReview');
    s = send(s, 'review.submit', P, review);
    expect(s.value).toBe('completed');
    expect(s.status).toBe('done');
    expect(Object.keys(s.context.reviews)).toEqual(['org-init', 'org-partner']);
  });

  it('walks to cancelled from every early state, by the initiator before a partner joins and by any party after', () => {
    for (const state of ['proposal', 'partnerSearch', 'invitation']) {
      expect(step(at[state], 'collaboration.cancel', I, { reason: 'x' }).next.value).toBe('cancelled');
      expect(verdict(at[state].context, ev('collaboration.cancel', P, { reason: 'x' }))).toMatchObject({ ok: false, kind: 'forbidden' });
    }
    for (const state of ['negotiation', 'agreement']) {
      const s = send(at[state], 'collaboration.cancel', P, { reason: 'no budget' });
      expect(s.value).toBe('cancelled');
      expect(s.context.cancellation).toEqual({ reason: 'no budget', byOrganizationId: 'org-partner', at: AT });
    }
    for (const state of ['ipChecklist', 'execution', 'postReview'])
      expect(step(at[state], 'collaboration.cancel', I, { reason: 'x' }).applied).toBe(false);
  });

  it('handles exactly the model events in each state and ignores the rest', () => {
    const handled: Record<string, string[]> = {
      proposal: ['proposal.update', 'proposal.submit', 'collaboration.cancel'],
      partnerSearch: ['partner.shortlist', 'partner.rate', 'partner.invite', 'proposal.reopen', 'collaboration.cancel'],
      invitation: ['invitation.accept', 'invitation.decline', 'invitation.revoke', 'invitation.expire', 'collaboration.cancel'],
      negotiation: ['terms.propose', 'terms.accept', 'collaboration.cancel'],
      agreement: ['agreement.generated', 'agreement.sign', 'agreement.requestChanges', 'collaboration.cancel'],
      ipChecklist: ['checklist.generated', 'checklist.complete', 'checklist.waive', 'checklist.reopen', 'collaboration.launch'],
      execution: [
        'milestone.record',
        'checklist.complete',
        'checklist.waive',
        'checklist.reopen',
        'collaboration.end',
        'collaboration.terminate',
      ],
      postReview: ['review.submit', 'review.windowEnded', 'review.close'],
      completed: [],
      cancelled: [],
    };
    expect(Object.keys(handled)).toEqual([...STATES]);
    for (const state of STATES) {
      expect(Object.keys(collaborationV1.states[state].on).sort()).toEqual([...handled[state]].sort());
      for (const type of Object.keys(RULES) as CollaborationEventType[]) {
        if (handled[state].includes(type)) continue;
        const snapshot = at[state] ?? collaborationV1.resolveState({ value: state, context: at.proposal.context });
        for (const actor of [I, P, SYSTEM, TIMER]) expect(step(snapshot, type, actor, {}).applied).toBe(false);
      }
    }
  });

  describe('guards, each both ways', () => {
    const cases: Array<[string, CollaborationEventType, Payload, Actor, Actor | null, string]> = [
      // [state, event, payload, allowed actor, forbidden actor (403), expected next state]
      ['proposal', 'proposal.update', { title: 'New title' }, I, P, 'proposal'],
      ['proposal', 'proposal.submit', {}, I, P, 'partnerSearch'],
      ['partnerSearch', 'proposal.reopen', {}, I, P, 'proposal'],
      ['partnerSearch', 'partner.shortlist', { organizationId: 'org-third' }, I, P, 'partnerSearch'],
      ['partnerSearch', 'partner.rate', { candidateId: 'candidate-1', scores: { capability_fit: 4 } }, I, P, 'partnerSearch'],
      ['partnerSearch', 'partner.invite', { candidateId: 'candidate-2' }, I, P, 'invitation'],
      ['invitation', 'invitation.accept', {}, P, I, 'negotiation'],
      ['invitation', 'invitation.decline', { reason: 'busy' }, P, I, 'partnerSearch'],
      ['invitation', 'invitation.revoke', {}, I, P, 'partnerSearch'],
      ['invitation', 'invitation.expire', {}, TIMER, I, 'partnerSearch'],
      ['invitation', 'invitation.expire', {}, TIMER, SYSTEM, 'partnerSearch'],
      ['negotiation', 'terms.propose', { terms: { startDate: '2027-02-01' } }, P, X, 'negotiation'],
      ['negotiation', 'terms.accept', { revision: 1 }, P, I, 'agreement'],
      ['agreementPending', 'agreement.generated', { version: 1, sha256: SHA }, SYSTEM, I, 'agreement'],
      ['agreement', 'agreement.sign', { version: 1, sha256: SHA, signerName: 'D', signerTitle: 'T' }, I, X, 'agreement'],
      ['agreementHalfSigned', 'agreement.sign', { version: 1, sha256: SHA, signerName: 'R', signerTitle: 'T' }, P, X, 'ipChecklist'],
      ['agreement', 'agreement.requestChanges', { reason: 'royalty' }, P, X, 'negotiation'],
      ['ipChecklistPending', 'checklist.generated', { items: [] }, SYSTEM, P, 'ipChecklist'],
      ['ipChecklist', 'checklist.complete', { itemId: 'copyright', evidence: { note: 'x' } }, P, X, 'ipChecklist'],
      ['ipChecklist', 'checklist.waive', { itemId: 'pdki-search', reason: 'searched offline' }, I, X, 'ipChecklist'],
      ['ipChecklistReady', 'checklist.reopen', { itemId: 'pdki-search' }, I, X, 'ipChecklist'],
      ['ipChecklistReady', 'collaboration.launch', {}, I, P, 'execution'],
      ['execution', 'milestone.record', { title: 'Drop 1', date: '2027-01-15' }, P, X, 'execution'],
      ['execution', 'checklist.complete', { itemId: 'copyright', evidence: {} }, I, X, 'execution'],
      ['execution', 'collaboration.end', {}, TIMER, X, 'postReview'],
      ['execution', 'collaboration.end', {}, P, SYSTEM, 'postReview'],
      ['execution', 'collaboration.terminate', { reason: 'breach' }, I, X, 'postReview'],
      ['postReview', 'review.submit', review, P, X, 'postReview'],
      ['postReview', 'review.windowEnded', {}, TIMER, P, 'postReview'],
      ['postReview', 'review.windowEnded', {}, TIMER, SYSTEM, 'postReview'],
      ['agreementPending', 'agreement.generated', { version: 1, sha256: SHA }, SYSTEM, TIMER, 'agreement'],
    ];

    it.each(cases)(
      '%s: %s is applied for the allowed sender and refused (forbidden) for another',
      (state, type, payload, allowed, other, target) => {
        const result = step(at[state], type, allowed, payload);
        expect(result.applied).toBe(true);
        expect(result.next.value).toBe(target);
        if (other) {
          expect(step(at[state], type, other, payload).applied).toBe(false);
          expect(verdict(at[state].context, ev(type, other, payload))).toMatchObject({ ok: false, kind: 'forbidden' });
        }
      },
    );

    const refusedByState: Array<[string, CollaborationEventType, Payload, Actor, RegExp]> = [
      ['emptyProposal', 'proposal.submit', {}, I, /vision/],
      ['partnerSearch', 'partner.shortlist', { organizationId: 'org-init' }, I, /own partner/],
      ['partnerSearch', 'partner.shortlist', { organizationId: 'org-partner' }, I, /already shortlisted/],
      ['partnerSearch', 'partner.rate', { candidateId: 'candidate-9', scores: {} }, I, /no candidate/],
      ['partnerSearch', 'partner.invite', { candidateId: 'candidate-9' }, I, /no candidate/],
      ['negotiation', 'terms.accept', { revision: 2 }, P, /not the latest/],
      ['agreementPending', 'agreement.sign', { version: 1, sha256: SHA, signerName: 'D', signerTitle: 'T' }, I, /being generated/],
      ['agreementPending', 'agreement.generated', { version: 2, sha256: SHA }, SYSTEM, /not pending/],
      ['agreement', 'agreement.generated', { version: 1, sha256: SHA }, SYSTEM, /not pending/],
      ['agreement', 'agreement.sign', { version: 2, sha256: SHA, signerName: 'D', signerTitle: 'T' }, I, /not the latest/],
      ['agreement', 'agreement.sign', { version: 1, sha256: 'b'.repeat(64), signerName: 'D', signerTitle: 'T' }, I, /does not match/],
      ['agreementHalfSigned', 'agreement.sign', { version: 1, sha256: SHA, signerName: 'D', signerTitle: 'T' }, I, /already signed/],
      ['ipChecklistPending', 'collaboration.launch', {}, I, /being built/],
      ['ipChecklistPending', 'checklist.complete', { itemId: 'pdki-search', evidence: {} }, I, /being built/],
      ['ipChecklist', 'checklist.generated', { items: [] }, SYSTEM, /exists already/],
      ['ipChecklist', 'checklist.complete', { itemId: 'nope', evidence: {} }, I, /no checklist item/],
      ['ipChecklist', 'collaboration.launch', {}, I, /pdki-search/],
      ['postReview', 'review.close', {}, I, /not ended/],
    ];

    it.each(refusedByState)('%s: %s is refused (409) for a reason of state or payload', (state, type, payload, actor, reason) => {
      expect(step(at[state], type, actor, payload).applied).toBe(false);
      const v = verdict(at[state].context, ev(type, actor, payload));
      expect(v).toMatchObject({ ok: false, kind: 'notAllowed' });
      expect(!v.ok && v.reason).toMatch(reason);
    });

    it('invites a contact not on Kolabora: whichever organization accepts becomes the partner, never the initiator', () => {
      const contact = { name: 'Sari', email: 'Sari@Tenun.id', brand: 'Tenun Sari' };
      let s = send(at.partnerSearch, 'partner.shortlist', I, { contact, source: 'event' });
      expect(s.context.candidates[2]).toEqual({
        id: 'candidate-3',
        organizationId: null,
        contact,
        source: 'event',
        shortlistedAt: AT,
        scores: null,
        ratedAt: null,
      });
      expect(verdict(s.context, ev('partner.shortlist', I, { contact: { ...contact, email: 'sari@tenun.id' } }))).toMatchObject({
        ok: false,
        reason: 'this contact is already shortlisted',
      });
      s = send(s, 'partner.invite', I, { candidateId: 'candidate-3', override: { reason: 'met at Jakarta Fashion Week' } });
      expect(s.context.invitation).toMatchObject({ organizationId: null, contact, override: { reason: 'met at Jakarta Fashion Week' } });
      expect(verdict(s.context, ev('invitation.accept', I))).toMatchObject({ ok: false, kind: 'forbidden' });
      const accepted = send(s, 'invitation.accept', X);
      expect(accepted.value).toBe('negotiation');
      expect(accepted.context.partnerOrganizationIds).toEqual(['org-other']);
      expect(accepted.context.invitationOutcomes).toEqual([
        { organizationId: 'org-other', contactEmail: 'Sari@Tenun.id', outcome: 'accepted', reason: null, at: AT },
      ]);
      const declined = send(s, 'invitation.decline', X, { reason: 'busy' });
      expect(declined.context.invitationOutcomes[0]).toMatchObject({ organizationId: null, outcome: 'declined' });
      // Declining through the link needs no account: the service sends it. Accepting always names an organization.
      expect(send(s, 'invitation.decline', SYSTEM, { reason: 'not now' }).value).toBe('partnerSearch');
      expect(verdict(s.context, ev('invitation.accept', SYSTEM))).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(verdict(at.invitation.context, ev('invitation.decline', SYSTEM, { reason: 'x' }))).toMatchObject({
        ok: false,
        kind: 'forbidden',
      });
    });

    it('shortlists either an organization or a contact, not both or neither', () => {
      for (const payload of [{}, { organizationId: 'org-x', contact: { name: 'A', email: 'a@b.id' } }]) {
        expect(verdict(at.partnerSearch.context, ev('partner.shortlist', I, payload))).toMatchObject({ ok: false, kind: 'notAllowed' });
      }
    });

    it('keeps the fit the service computed with the candidate, and the newer one after a rating', () => {
      const fit = { score: 60, eligible: true, flags: [], criteria: [] };
      const s = send(at.partnerSearch, 'partner.shortlist', I, { organizationId: 'org-third', fit });
      expect(s.context.candidates[2].fit).toEqual(fit);
      const rated = send(s, 'partner.rate', I, { candidateId: 'candidate-3', scores: { brand_image_fit: 4 }, fit: { ...fit, score: 80 } });
      expect(rated.context.candidates[2]).toMatchObject({ scores: { brand_image_fit: 4 }, fit: { score: 80 } });
      // An event from before these fields existed adds none of them: earlier histories replay to the same snapshot.
      expect(Object.keys(at.partnerSearch.context.candidates[0])).toEqual(['id', 'organizationId', 'shortlistedAt', 'scores', 'ratedAt']);
    });

    it('lets each party review once; the last review completes, or the initiator closes after the window', () => {
      const once = send(at.postReview, 'review.submit', I, review);
      expect(verdict(once.context, ev('review.submit', I, review))).toMatchObject({ ok: false, kind: 'notAllowed' });
      const ended = send(once, 'review.windowEnded', TIMER);
      expect(step(ended, 'review.close', P).applied).toBe(false);
      expect(send(ended, 'review.close', I).value).toBe('completed');
    });

    it('voids signatures on requested changes and generates a new agreement version on the next acceptance', () => {
      let s = send(at.agreementHalfSigned, 'agreement.requestChanges', P, { reason: 'royalty' });
      expect(s.context.signatures).toEqual([]);
      s = send(s, 'terms.propose', P, { terms: { endDate: '2027-06-30' } });
      expect(verdict(s.context, ev('terms.accept', P, { revision: 2 }))).toMatchObject({ ok: false, kind: 'forbidden' });
      const { next, actions } = step(s, 'terms.accept', I, { revision: 2 });
      expect(next.context.agreement).toEqual({ version: 2, revision: 2, sha256: null, generatedAt: null });
      expect(actions.find((a) => a.type === 'generateAgreement')?.params).toEqual({ version: 2, revision: 2 });
      expect(step(next, 'agreement.generated', SYSTEM, { version: 1, sha256: SHA }).applied).toBe(false);
    });

    it('lists what a caller may offer now, payload aside', () => {
      expect(mayOffer(at.invitation.context, 'invitation.accept', P)).toBe(true);
      expect(mayOffer(at.invitation.context, 'invitation.accept', I)).toBe(false);
      expect(mayOffer(at.ipChecklist.context, 'collaboration.launch', I)).toBe(false);
      expect(mayOffer(at.ipChecklistReady.context, 'collaboration.launch', I)).toBe(true);
    });
  });

  describe('effects and timers', () => {
    it('schedules the invitation window on entry and cancels it on exit', () => {
      const invite = step(at.partnerSearch, 'partner.invite', I, { candidateId: 'candidate-1' });
      expect(invite.actions.map((a) => [a.type, a.params])).toContainEqual([
        'xstate.raise',
        { event: { type: 'invitation.expire' }, id: 'invitationWindow', delay: 14 * 86_400_000 },
      ]);
      const accept = step(at.invitation, 'invitation.accept', P);
      expect(accept.actions.map((a) => [a.type, a.params])).toContainEqual(['xstate.cancel', { sendId: 'invitationWindow' }]);
    });

    it('asks for the agreement and the checklist on entering their states', () => {
      expect(
        step(at.negotiation, 'terms.accept', P, { revision: 1 })
          .actions.filter((a) => a.type === 'generateAgreement')
          .map((a) => a.params),
      ).toEqual([{ version: 1, revision: 1 }]);
      const signed = step(at.agreementHalfSigned, 'agreement.sign', P, { version: 1, sha256: SHA, signerName: 'R', signerTitle: 'T' });
      expect(signed.actions.filter((a) => a.type === 'buildChecklist').map((a) => a.params)).toEqual([{ form: 'co_branding' }]);
    });

    it('schedules the end of term at launch and the review window at the end', () => {
      const launch = step(at.ipChecklistReady, 'collaboration.launch', I);
      const term = launch.actions.find((a) => a.type === 'xstate.raise');
      expect(term?.params).toMatchObject({
        event: { type: 'collaboration.end' },
        id: 'termEnd',
        delay: termRemainingMs(launch.next.context, AT),
      });
      const end = step(at.execution, 'collaboration.end', TIMER);
      expect(end.next.context.ended).toMatchObject({ how: 'term' });
      expect(end.actions.map((a) => [a.type, a.params])).toEqual(
        expect.arrayContaining([
          ['xstate.cancel', { sendId: 'termEnd' }],
          ['xstate.raise', { event: { type: 'review.windowEnded' }, id: 'reviewWindow', delay: 30 * 86_400_000 }],
        ]),
      );
    });

    it('computes the rest of the term to the end of the last day in Jakarta time, and none without an end date', () => {
      const badDate = {
        ...at.execution.context,
        termsRevisions: at.execution.context.termsRevisions.map((r) => ({ ...r, terms: { endDate: '2027-13-45' } })),
      };
      expect(termRemainingMs(badDate, AT)).toBeNull();
      // 2027-03-31 ends at 2027-04-01T00:00+07:00 = 2027-03-31T17:00Z.
      expect(termRemainingMs(at.execution.context, '2027-03-31T16:00:00.000Z')).toBe(3_600_000);
      expect(termRemainingMs(at.execution.context, '2027-05-01T00:00:00.000Z')).toBe(0);
      const noEnd = walk({});
      const context = {
        ...noEnd.execution.context,
        termsRevisions: noEnd.execution.context.termsRevisions.map((r) => ({ ...r, terms: {} })),
      };
      expect(termRemainingMs(context, AT)).toBeNull();
    });
  });
});
