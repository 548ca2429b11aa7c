import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { type Registered, registerUser } from './support/factories.js';
import { send, VISION } from './support/lifecycle.js';

type Body = Record<string, unknown>;
const profile = (overrides: Body = {}): Body => ({
  listed: true,
  story: 'Kami membuat produk dari kain lokal.',
  priceTier: 'mid',
  audience: { ageBands: ['18-24', '25-34'], cities: ['Bandung'], followers: { instagram: 5000 } },
  capacityPerMonth: 500,
  leadTimeDays: 21,
  channels: ['instagram'],
  tags: ['tenun'],
  openToForms: ['co_branding'],
  ...overrides,
});

describe('partner suggestions', () => {
  let t: TestApp;
  let initiator: Registered;
  const ids: Record<string, string> = {};

  async function brand(key: string, categories: string[], profileOverrides: Body | null): Promise<Registered> {
    const user = await registerUser(t, {
      organization: { name: `Brand ${key}`, legalForm: 'cv', scale: 'small', city: 'Bandung', brands: [`BRAND ${key}`], categories },
    });
    if (profileOverrides) {
      await t
        .http()
        .patch(`/api/v1/organizations/${user.organizationId}`)
        .set(user.auth)
        .send({ profile: profile(profileOverrides) })
        .expect(200);
    }
    ids[key] = user.organizationId;
    return user;
  }

  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' });
    initiator = await brand('I', ['apparel'], {});
    await brand('A', ['bags'], {}); // adjacent category, enough capacity
    await brand('B', ['apparel'], {}); // the same category: closer to a competitor
    await brand('C', ['bags'], { capacityPerMonth: 100 }); // below the required volume
    await brand('D', ['bags'], { listed: false }); // not in the directory
  });
  afterAll(async () => t?.close());

  it('ranks listed organizations by fit for the proposal, eligible first, with the breakdown', async () => {
    const created = await t
      .http()
      .post('/api/v1/collaborations')
      .set(initiator.auth)
      .send({
        title: 'Capsule',
        form: 'co_branding',
        vision: VISION,
        partnerRequirements: [
          { criterion: 'product_complementarity', weight: 50 },
          { criterion: 'capability_fit', weight: 50, minimum: 3 },
        ],
        production: { unitsPerMonth: 300, leadTimeDays: 30 },
      })
      .expect(201);
    const id = created.body.id as string;
    const res = await t.http().get(`/api/v1/collaborations/${id}/suggestions`).set(initiator.auth).expect(200);
    // A: 50 × 5/5 + 50 × 5/5 = 100. B: 50 × 2/5 + 50 × 5/5 = 70. C: 50 × 5/5 + 50 × floor(5 × 100/300)/5 = 50 + 10 = 60, ineligible.
    expect(res.body.items.map((s: any) => [s.partner.name, s.fit.score, s.fit.eligible])).toEqual([
      ['Brand A', 100, true],
      ['Brand B', 70, true],
      ['Brand C', 60, false],
    ]);
    const c = res.body.items[2];
    expect(c.fit.flags).toEqual(expect.arrayContaining(['capacity below the required volume']));
    expect(c.fit.criteria.find((k: { key: string }) => k.key === 'capability_fit')).toMatchObject({
      score: 1,
      source: 'computed',
      explanation: { id: expect.stringContaining('100'), en: expect.stringContaining('300') },
    });
    // Only public fields of the suggested organizations.
    expect(JSON.stringify(res.body)).not.toMatch(/legalName|nib|ktp|signatory/);

    // Shortlisting records the same breakdown, and the candidate leaves the suggestions.
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    const shortlisted = await send(t, initiator, id, { type: 'partner.shortlist', organizationId: ids.A, source: 'directory' }).expect(200);
    expect(shortlisted.body.context.candidates[0]).toMatchObject({
      organizationId: ids.A,
      source: 'directory',
      fit: { score: 100, eligible: true },
    });
    const after = await t.http().get(`/api/v1/collaborations/${id}/suggestions?limit=1`).set(initiator.auth).expect(200);
    expect(after.body.items.map((s: any) => s.partner.name)).toEqual(['Brand B']);

    // An unlisted organization can still be shortlisted by id, but shares nothing to score it on until rated.
    const unlisted = await send(t, initiator, id, { type: 'partner.shortlist', organizationId: ids.D }).expect(200);
    expect(unlisted.body.context.candidates[1].fit).toMatchObject({ score: 0, eligible: false });
    expect(unlisted.body.context.candidates[1].fit.flags.join(' ')).toContain('capacity not declared'); // its private 500 is not used

    await t.http().get(`/api/v1/collaborations/${id}/suggestions?limit=0`).set(initiator.auth).expect(400);
    const stranger = await registerUser(t);
    await t.http().get(`/api/v1/collaborations/${id}/suggestions`).set(stranger.auth).expect(404);
  });

  it('checks eligibility at invite against the requirements as they are then, not the fit stored at shortlisting', async () => {
    const requirements = (minimum?: number) => [
      { criterion: 'product_complementarity', weight: 50 },
      { criterion: 'capability_fit', weight: 50, ...(minimum ? { minimum } : {}) },
    ];
    const created = await t
      .http()
      .post('/api/v1/collaborations')
      .set(initiator.auth)
      .send({
        title: 'Later',
        form: 'co_branding',
        vision: VISION,
        partnerRequirements: requirements(),
        production: { unitsPerMonth: 300 },
      })
      .expect(201);
    const id = created.body.id as string;
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    const listed = await send(t, initiator, id, { type: 'partner.shortlist', organizationId: ids.C }).expect(200);
    expect(listed.body.context.candidates[0].fit).toMatchObject({ score: 60, eligible: true }); // no minimum yet
    await send(t, initiator, id, { type: 'proposal.reopen' }).expect(200);
    await send(t, initiator, id, { type: 'proposal.update', partnerRequirements: requirements(3) }).expect(200);
    await send(t, initiator, id, { type: 'proposal.submit' }).expect(200);
    const refused = await send(t, initiator, id, { type: 'partner.invite', candidateId: 'candidate-1' }).expect(422);
    expect(refused.body.code).toBe('CANDIDATE_INELIGIBLE');
    expect(refused.body.message).toContain('capability_fit');
  });

  it('says the sum when partner requirement weights do not add up to 100', async () => {
    const res = await t
      .http()
      .post('/api/v1/collaborations')
      .set(initiator.auth)
      .send({ title: 'X', form: 'co_branding', partnerRequirements: [{ criterion: 'capability_fit', weight: 85 }] })
      .expect(400);
    expect(res.body.details.fields[0]).toMatchObject({ field: 'partnerRequirements' });
    expect(JSON.stringify(res.body)).toContain('add up to 85');
  });
});
