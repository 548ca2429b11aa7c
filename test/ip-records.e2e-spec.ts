import { startTestApp, type TestApp } from './support/app.js';
import { TestClock } from './support/clock.js';
import { registerUser, type Registered } from './support/factories.js';

describe('IP records of an organization', () => {
  let t: TestApp;
  let owner: Registered;
  let stranger: Registered;
  // "Today" is pinned so that which deadlines are overdue is known.
  const clock = new TestClock();
  clock.advance(Date.parse('2026-11-28T03:00:00Z') - Date.now());
  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    owner = await registerUser(t);
    stranger = await registerUser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const marks = (suffix = '') => `/api/v1/organizations/${owner.organizationId}/marks${suffix}`;

  it('keeps marks with their statutory deadlines, recomputed when a date changes; past ones are flagged overdue', async () => {
    const created = await t
      .http()
      .post(marks())
      .set(owner.auth)
      .send({
        name: 'LOOKOUT',
        classes: [25, 18],
        status: 'registered',
        registrationNumber: 'IDM000123456',
        filingDate: '2016-08-31',
        registrationDate: '2017-05-10',
      })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'LOOKOUT', kind: 'mark', classes: [25, 18], owners: [], filingDate: '2016-08-31' });
    const due = (
      body: { deadlines: Array<{ kind: string; due: string; overdue: boolean; mark: string; legalBasis: string }> },
      kind: string,
    ) => body.deadlines.find((d) => d.kind === kind);
    expect(due(created.body, 'expiry')).toMatchObject({
      due: '2026-08-31',
      overdue: true,
      mark: 'S',
      legalBasis: expect.stringContaining('Art. 35(1)'),
    });
    expect(due(created.body, 'renewal_window_opens')).toMatchObject({ due: '2026-02-28', overdue: true });
    expect(due(created.body, 'grace_period_end')).toMatchObject({ due: '2027-02-28', overdue: false });
    expect(due(created.body, 'non_use_risk')).toMatchObject({ due: '2022-05-10', overdue: true });

    const updated = await t
      .http()
      .patch(marks(`/${created.body.id}`))
      .set(owner.auth)
      .send({ lastUseEvidenceDate: '2026-10-01' })
      .expect(200);
    expect(due(updated.body, 'non_use_risk')).toMatchObject({ due: '2031-10-01', overdue: false });
    expect(due(updated.body, 'non_use_reminder')).toMatchObject({ due: '2030-10-01' });
    const read = await t
      .http()
      .get(marks(`/${created.body.id}`))
      .set(owner.auth)
      .expect(200);
    expect(read.body.lastUseEvidenceDate).toBe('2026-10-01');
    const list = await t.http().get(marks()).set(owner.auth).expect(200);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
  });

  it('keeps designs (novelty grace from first disclosure) and copyright recordals apart from marks', async () => {
    const design = await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/designs`)
      .set(owner.auth)
      .send({ name: 'Kawung overshirt', firstDisclosureDate: '2026-08-31' })
      .expect(201);
    expect(design.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'design_novelty_grace_end', due: '2027-02-28', overdue: false }),
    ]);
    const copyright = await t
      .http()
      .post(`/api/v1/organizations/${owner.organizationId}/copyrights`)
      .set(owner.auth)
      .send({ name: 'Motif Kawung Baru' })
      .expect(201);
    expect(copyright.body).toMatchObject({ kind: 'copyright', status: 'none', deadlines: [] });
    await t
      .http()
      .get(marks(`/${design.body.id}`))
      .set(owner.auth)
      .expect(404);
  });

  it('is for members only, and names a bad field', async () => {
    await t.http().get(marks()).set(stranger.auth).expect(404);
    await t.http().post(marks()).set(stranger.auth).send({ name: 'X' }).expect(404);
    await t.http().get(`/api/v1/organizations/${owner.organizationId}/patents`).set(owner.auth).expect(404);
    const bad = await t
      .http()
      .post(marks())
      .set(owner.auth)
      .send({ name: 'X', filingDate: '2026-02-30', classes: [46], status: 'granted' })
      .expect(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['classes', 'filingDate', 'status']);
  });

  it('suggests Nice classes from product categories, with the official heading', async () => {
    const res = await t.http().get('/api/v1/ip/nice-classes?categories=apparel,Tas').set(owner.auth).expect(200);
    expect(res.body.map((c: { class: number }) => c.class)).toEqual([25, 18]);
    expect(res.body[0].heading).toBe('Clothing, footwear, headwear');
  });
});
