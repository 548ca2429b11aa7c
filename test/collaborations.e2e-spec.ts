import { DataSource } from 'typeorm';
import { Scheduler as WorkflowWorker } from '../src/common/scheduler.js';
import { startTestApp, type TestApp } from './support/app.js';
import { joinOrganization, registerUser, type Registered } from './support/factories.js';
import { createCollaboration, driveTo, eventually, pair, REVIEW, send, TERMS, view, VISION, type Pair } from './support/lifecycle.js';

describe('collaborations over HTTP', () => {
  let t: TestApp;
  let p: Pair;
  let outsider: Registered;
  beforeAll(async () => {
    t = await startTestApp();
    p = await pair(t);
    outsider = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const history = async (who: Registered, id: string) =>
    (await t.http().get(`/api/v1/collaborations/${id}/history`).set(who.auth).expect(200)).body;

  it('walks the whole lifecycle from proposal to completed, two organizations acting as the model says', async () => {
    const { initiator, partner } = p;
    const created = await t
      .http()
      .post('/api/v1/collaborations')
      .set(initiator.auth)
      .send({
        title: 'LOOKOUT × Batik Kita',
        form: 'co_branding',
        vision: VISION,
        partnerRequirements: [{ criterion: 'capability_fit', weight: 100 }],
      })
      .expect(201);
    expect(created.headers.etag).toBe('"0"');
    expect(created.body).toMatchObject({
      state: 'proposal',
      status: 'active',
      version: 0,
      workflow: { id: 'collaboration', version: 1 },
      parties: [{ organizationId: initiator.organizationId, role: 'initiator' }],
    });
    expect(created.body.allowedEvents.sort()).toEqual(['collaboration.cancel', 'proposal.submit', 'proposal.update']);
    const id = created.body.id;
    const ok = async (who: Registered, event: Record<string, unknown>, state: string) => {
      const res = await send(t, who, id, event);
      expect([res.status, res.body.state ?? res.body]).toEqual([200, state]);
      return res.body;
    };

    await ok(
      initiator,
      {
        type: 'proposal.update',
        structure: {
          roles: [{ party: 'partner', responsibilities: ['batik fabric'] }],
          milestones: [{ title: 'Samples', due: '2027-01-10' }],
        },
      },
      'proposal',
    );
    await ok(initiator, { type: 'proposal.submit' }, 'partnerSearch');
    await ok(initiator, { type: 'partner.shortlist', organizationId: partner.organizationId }, 'partnerSearch');
    await ok(initiator, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } }, 'partnerSearch');
    const invited = await ok(initiator, { type: 'partner.invite', candidateId: 'candidate-1' }, 'invitation');
    expect(invited.parties.map((x: { role: string }) => x.role)).toEqual(['initiator', 'invited']);
    const seenByInvitee = await view(t, partner, id);
    expect(seenByInvitee.allowedEvents.sort()).toEqual(['invitation.accept', 'invitation.decline']);
    await ok(partner, { type: 'invitation.accept' }, 'negotiation');
    await ok(initiator, { type: 'terms.propose', terms: TERMS }, 'negotiation');
    await ok(partner, { type: 'terms.propose', terms: { ...TERMS, endDate: '2027-04-30' } }, 'negotiation');
    await ok(initiator, { type: 'terms.accept', revision: 2 }, 'agreement');
    const generated = await eventually(t, partner, id, (v) => Boolean(v.context.agreement?.sha256));
    const { version, sha256 } = generated.context.agreement;
    expect(generated.allowedEvents.sort()).toEqual(['agreement.requestChanges', 'agreement.sign', 'collaboration.cancel']);
    await ok(initiator, { type: 'agreement.sign', version, sha256, meterai: { kind: 'paper' } }, 'agreement');
    await ok(partner, { type: 'agreement.sign', version, sha256: sha256.toUpperCase(), meterai: { kind: 'paper' } }, 'ipChecklist');
    const checklist = await eventually(t, initiator, id, (v) => Boolean(v.context.checklist));
    expect(checklist.allowedEvents).not.toContain('collaboration.launch');
    const blocking = checklist.context.checklist.items.filter((i: { launchBlocking: boolean }) => i.launchBlocking);
    expect(blocking.length).toBeGreaterThan(0);
    for (const item of blocking)
      await ok(partner, { type: 'checklist.complete', itemId: item.id, evidence: { reference: 'PDKI 2026-12-01' } }, 'ipChecklist');
    await ok(initiator, { type: 'collaboration.launch' }, 'execution');
    await ok(partner, { type: 'milestone.record', title: 'Drop 1 sold out', date: '2027-02-01' }, 'execution');
    await ok(initiator, { type: 'collaboration.end' }, 'postReview');

    await ok(initiator, { type: 'review.submit', ...REVIEW }, 'postReview');
    const partnerSees = await view(t, partner, id);
    expect(partnerSees.context.reviews[initiator.organizationId]).toEqual({ hidden: true, at: expect.any(String) });
    const partnerHistory = await history(partner, id);
    expect(partnerHistory.at(-1)).toMatchObject({ type: 'review.submit', payload: { hidden: true } });
    expect(JSON.stringify(partnerSees)).not.toContain('Order fabric earlier');
    expect(JSON.stringify(partnerHistory)).not.toContain('Order fabric earlier');
    const done = await ok(partner, { type: 'review.submit', ...REVIEW, lessons: 'Share the cutting plan' }, 'completed');
    expect(done.status).toBe('done');
    expect(done.context.reviews[initiator.organizationId].lessons).toBe('Order fabric earlier');

    const events = await history(initiator, id);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events.find((e: { type: string }) => e.type === 'agreement.generated').actor).toEqual({ kind: 'system' });
    expect(events.find((e: { type: string }) => e.type === 'invitation.accept')).toMatchObject({
      actor: { userId: partner.userId, organizationId: partner.organizationId },
      from: 'invitation',
      to: 'negotiation',
    });
    expect(done.version).toBe(events.length);
  });

  it('walks to cancelled: by the initiator before a partner joins, by the partner during negotiation', async () => {
    const early = await createCollaboration(t, p.initiator);
    expect(
      (await send(t, p.initiator, early, { type: 'collaboration.cancel', reason: 'No budget this season' }).expect(200)).body,
    ).toMatchObject({ state: 'cancelled', status: 'done' });
    const late = await driveTo(t, p, 'negotiation');
    const cancelled = await send(t, p.partner, late, { type: 'collaboration.cancel', reason: 'Capacity' }).expect(200);
    expect(cancelled.body.context.cancellation).toMatchObject({ reason: 'Capacity', byOrganizationId: p.partner.organizationId });
  });

  describe('refusals change nothing', () => {
    let id: string;
    beforeAll(async () => {
      id = await driveTo(t, p, 'invitation');
    });
    const count = async () =>
      Number(
        (
          await t.app
            .get(DataSource)
            .query('SELECT COUNT(*) AS n FROM collaboration_events WHERE collaboration_id = $1'.replace('$1', `'${id}'`))
        )[0].n,
      );

    it('409 EVENT_NOT_ALLOWED with the state and the allowed events for an event of another state', async () => {
      const before = await count();
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms: TERMS }).set('Idempotency-Key', 'refused-1').expect(409);
      expect(res.body).toMatchObject({
        code: 'EVENT_NOT_ALLOWED',
        details: { state: 'invitation', allowedEvents: expect.arrayContaining(['invitation.revoke', 'collaboration.cancel']) },
      });
      expect(await count()).toEqual(before);
    });

    it('403 EVENT_FORBIDDEN when the initiator accepts its own invitation', async () => {
      const before = await count();
      const res = await send(t, p.initiator, id, { type: 'invitation.accept' }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'EVENT_FORBIDDEN', details: { state: 'invitation' } });
      expect(await count()).toBe(before);
    });

    it('404 for an organization that is not a party, reading or writing', async () => {
      await t.http().get(`/api/v1/collaborations/${id}`).set(outsider.auth).expect(404);
      await t.http().get(`/api/v1/collaborations/${id}/history`).set(outsider.auth).expect(404);
      const res = await send(t, outsider, id, { type: 'invitation.accept' }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it.each([
      [{ type: 'invitation.dance' }, 'type'],
      [{}, 'type'],
      [{ type: 'invitation.expire' }, 'type'],
      [{ type: 'agreement.generated', version: 1, sha256: 'a'.repeat(64) }, 'type'],
      [{ type: 'invitation.decline' }, 'reason'],
      [{ type: 'invitation.decline', reason: 'busy', extra: 1 }, 'extra'],
      [{ type: 'agreement.sign', version: 1, sha256: 'xyz', meterai: { kind: 'paper' } }, 'sha256'],
      [{ type: 'partner.rate', candidateId: 'candidate-1', scores: { charisma: 3 } }, 'scores'],
    ])('400 naming the field for %j', async (event, field) => {
      const before = await count();
      const res = await send(t, p.initiator, id, event).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('400 when the partner requirement weights do not add up to 100, saying the sum', async () => {
      const res = await t
        .http()
        .post('/api/v1/collaborations')
        .set(p.initiator.auth)
        .send({
          title: 'x',
          form: 'licensing',
          partnerRequirements: [
            { criterion: 'capability_fit', weight: 70 },
            { criterion: 'relational_fit', weight: 20 },
          ],
        })
        .expect(400);
      expect(res.body.message).toContain('add up to 90');
      const draft = await createCollaboration(t, p.initiator);
      const update = await send(t, p.initiator, draft, {
        type: 'proposal.update',
        partnerRequirements: [{ criterion: 'capability_fit', weight: 50 }],
      }).expect(400);
      expect(update.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['partnerRequirements']);
    });
  });

  describe('terms, per form', () => {
    it.each([
      [{ endDate: '2027-13-01' }, 'terms.endDate'],
      [{ startDate: '2027-02-30' }, 'terms.startDate'],
      [{ royaltyPercent: 5 }, 'terms.royaltyPercent'],
      [{ revenueSplit: { initiator: 70, partner: 20 } }, 'terms.revenueSplit'],
      [{ products: [{ name: 'Shirt', units: 'many' }] }, 'terms.products.0.units'],
      [{ validUntil: '2027-12-31' }, 'terms.validUntil'],
      [{ exclusivity: 'yes' }, 'terms.exclusivity'],
      [{ startDate: '2027-05-01', endDate: '2027-04-30' }, 'terms.endDate'],
    ])('terms.propose %j on a co-branding collaboration is 400 naming %s, and changes nothing', async (terms, field) => {
      const id = await driveTo(t, p, 'negotiation');
      const before = (await view(t, p.initiator, id)).version;
      const res = await send(t, p.initiator, id, { type: 'terms.propose', terms }).expect(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect((await view(t, p.initiator, id)).version).toBe(before);
    });

    it('terms.accept on data that could not make a complete agreement is 422 listing what is missing; nothing changes', async () => {
      const bare = { initiator: await registerUser(t), partner: p.partner };
      const id = await driveTo(t, bare, 'invitation');
      await send(t, p.partner, id, { type: 'invitation.accept' }).expect(200);
      await send(t, bare.initiator, id, {
        type: 'terms.propose',
        terms: { startDate: '2027-01-01', products: [{ name: 'Shirt', units: 10 }] },
      }).expect(200);
      const before = await view(t, p.partner, id);
      const res = await send(t, p.partner, id, { type: 'terms.accept', revision: 1 }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'AGREEMENT_DATA_INCOMPLETE' });
      expect(res.body.details.parties).toEqual({
        initiator: { legalForm: 'cv', country: 'ID', missing: ['legalName', 'address', 'nib', 'deed', 'npwp', 'signatory'] },
      });
      expect(res.body.details.missing).toEqual([
        'parties.initiator.legalName',
        'parties.initiator.address',
        'parties.initiator.nib',
        'parties.initiator.deed',
        'parties.initiator.npwp',
        'parties.initiator.signatory',
        'terms.endDate',
        'terms.exclusivity',
        'terms.disputeResolution',
        'terms.confidentialityYears',
        'terms.revenueSplit',
        'terms.costSplit',
        'terms.designOwnership',
        'terms.sellOffDays',
      ]);
      const after = await view(t, p.partner, id);
      expect([after.state, after.version]).toEqual([before.state, before.version]);
    });
  });

  describe('If-Match and Idempotency-Key', () => {
    it('412 on a stale If-Match; the current one applies', async () => {
      const id = await createCollaboration(t, p.initiator);
      const stale = await send(t, p.initiator, id, { type: 'proposal.update', title: 'A' }).set('If-Match', '"0"').expect(200);
      expect(stale.headers.etag).toBe('"1"');
      const res = await send(t, p.initiator, id, { type: 'proposal.update', title: 'B' }).set('If-Match', '"0"').expect(412);
      expect(res.body.code).toBe('PRECONDITION_FAILED');
      await send(t, p.initiator, id, { type: 'proposal.update', title: 'B' }).set('If-Match', '"1"').expect(200);
    });

    it('answers a repeated Idempotency-Key with the first answer, once applied; another body with the same key is 422', async () => {
      const id = await createCollaboration(t, p.initiator);
      const event = { type: 'proposal.update', title: 'Once' };
      const first = await send(t, p.initiator, id, event).set('Idempotency-Key', 'k-123').expect(200);
      const again = await send(t, p.initiator, id, event).set('Idempotency-Key', 'k-123').expect(200);
      expect(again.body).toEqual(first.body);
      expect((await history(p.initiator, id)).length).toBe(1);
      const other = await send(t, p.initiator, id, { type: 'proposal.update', title: 'Other' }).set('Idempotency-Key', 'k-123').expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  it('lists the caller’s collaborations newest first with filters and a cursor', async () => {
    const fresh = await pair(t);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createCollaboration(t, fresh.initiator, { form: i === 1 ? 'licensing' : 'co_branding' }));
    const invited = await driveTo(t, fresh, 'invitation');
    const page1 = await t.http().get('/api/v1/collaborations?limit=2').set(fresh.initiator.auth).expect(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([invited, ids[2]]);
    const page2 = await t
      .http()
      .get(`/api/v1/collaborations?limit=2&cursor=${page1.body.nextCursor}`)
      .set(fresh.initiator.auth)
      .expect(200);
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    const licensing = await t.http().get('/api/v1/collaborations?form=licensing').set(fresh.initiator.auth).expect(200);
    expect(licensing.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    const asPartner = await t.http().get('/api/v1/collaborations?role=partner').set(fresh.partner.auth).expect(200);
    expect(asPartner.body.items).toEqual([expect.objectContaining({ id: invited, role: 'invited', state: 'invitation' })]);
    const byState = await t.http().get('/api/v1/collaborations?state=invitation').set(fresh.initiator.auth).expect(200);
    expect(byState.body.items.map((c: { id: string }) => c.id)).toEqual([invited]);
    await t.http().get('/api/v1/collaborations?state=nowhere').set(fresh.initiator.auth).expect(400);
    await t.http().get('/api/v1/collaborations?cursor=garbage').set(fresh.initiator.auth).expect(400);
  });

  it('shows the invited organization none of the initiator’s partner search but its own invitation', async () => {
    const third = await registerUser(t);
    const id = await createCollaboration(t, p.initiator);
    await send(t, p.initiator, id, { type: 'proposal.submit' }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.shortlist', organizationId: third.organizationId }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.shortlist', organizationId: p.partner.organizationId }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 5 } }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.invite', candidateId: 'candidate-1' }).expect(200);
    await send(t, third, id, { type: 'invitation.decline', reason: 'Our capacity is full until March' }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.rate', candidateId: 'candidate-2', scores: { capability_fit: 4 } }).expect(200);
    await send(t, p.initiator, id, { type: 'partner.invite', candidateId: 'candidate-2', message: 'Mau kolaborasi?' }).expect(200);

    const invitee = await view(t, p.partner, id);
    expect(invitee.context.candidates).toEqual([expect.objectContaining({ organizationId: p.partner.organizationId, scores: null })]);
    expect(invitee.context.candidates[0]).not.toHaveProperty('fit'); // the initiator's judgement stays the initiator's
    expect(invitee.context.invitationOutcomes).toEqual([]);
    expect(invitee.context.invitation).toMatchObject({ organizationId: p.partner.organizationId, message: 'Mau kolaborasi?' });
    const seen = JSON.stringify([
      invitee,
      (await t.http().get(`/api/v1/collaborations/${id}/history`).set(p.partner.auth).expect(200)).body,
    ]);
    expect(seen).not.toContain(third.organizationId);
    expect(seen).not.toContain('capacity is full');
    expect(seen).not.toContain('"fit"'); // the initiator's fit breakdown, in the context or the history
    expect(seen).toContain('Mau kolaborasi?');
    // The initiator sees all of it.
    const own = await view(t, p.initiator, id);
    expect(own.context.candidates).toHaveLength(2);
    expect(own.context.invitationOutcomes[0]).toMatchObject({
      organizationId: third.organizationId,
      reason: 'Our capacity is full until March',
    });
    // An organization that declined no longer sees the collaboration.
    await t.http().get(`/api/v1/collaborations/${id}`).set(third.auth).expect(404);
  });

  it('lists a collaboration once for a user in both of its parties, with the stronger role, and asks which party acts', async () => {
    const both = await pair(t);
    const id = await driveTo(t, both, 'negotiation');
    await joinOrganization(t, both.partner, both.partner.organizationId, both.initiator);
    const mine = await createCollaboration(t, both.initiator, { organizationId: both.initiator.organizationId });
    const page = await t.http().get('/api/v1/collaborations?limit=1').set(both.initiator.auth).expect(200);
    expect(page.body.items.map((c: { id: string }) => c.id)).toEqual([mine]);
    const next = await t.http().get(`/api/v1/collaborations?limit=1&cursor=${page.body.nextCursor}`).set(both.initiator.auth).expect(200);
    expect(next.body.items).toEqual([expect.objectContaining({ id, role: 'initiator' })]);
    expect(next.body.nextCursor).toBeNull();
    const ambiguous = await t.http().get(`/api/v1/collaborations/${id}`).set(both.initiator.auth).expect(400);
    expect(ambiguous.body.details.fields[0].field).toBe('as');
    const asPartner = await t
      .http()
      .get(`/api/v1/collaborations/${id}?as=${both.partner.organizationId}`)
      .set(both.initiator.auth)
      .expect(200);
    expect(asPartner.body.allowedEvents).toContain('terms.accept');
  });

  it('reveals the reviews to everyone once the initiator closes the review after its window', async () => {
    const clockless = await driveTo(t, p, 'postReview');
    await send(t, p.partner, clockless, { type: 'review.submit', ...REVIEW, lessons: 'Partner lesson' }).expect(200);
    expect(JSON.stringify(await view(t, p.initiator, clockless))).not.toContain('Partner lesson');
    // The window ends by the timer; here the row of the timer is brought forward.
    await t.app.get(DataSource).query(`UPDATE collaboration_timers SET fire_at = created_at WHERE collaboration_id = '${clockless}'`);
    await t.app.get(WorkflowWorker).runOnce();
    await send(t, p.initiator, clockless, { type: 'review.close' }).expect(200);
    expect((await view(t, p.initiator, clockless)).context.reviews[p.partner.organizationId].lessons).toBe('Partner lesson');
  });

  it('describes the workflow versions as JSON and as a Mermaid diagram', async () => {
    const list = await t.http().get('/api/v1/workflows').set(p.initiator.auth).expect(200);
    expect(list.body).toEqual([{ id: 'collaboration', versions: [1], latest: 1 }]);
    const json = await t.http().get('/api/v1/workflows/collaboration/1').set(p.initiator.auth).expect(200);
    expect(json.body.states.map((s: { name: string }) => s.name)).toEqual([
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
    ]);
    expect(json.body.transitions).toContainEqual({ from: 'invitation', event: 'invitation.accept', to: 'negotiation', guard: 'permitted' });
    const mermaid = await t.http().get('/api/v1/workflows/collaboration/1?format=mermaid').set(p.initiator.auth).expect(200);
    expect(mermaid.headers['content-type']).toMatch(/^text\/plain/);
    expect(mermaid.text).toMatch(/^stateDiagram-v2\n {2}\[\*\] --> proposal\n/);
    expect(mermaid.text).toContain('negotiation --> agreement: terms.accept');
    await t.http().get('/api/v1/workflows/collaboration/9').set(p.initiator.auth).expect(404);
  });
});
