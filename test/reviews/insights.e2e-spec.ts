import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CollaborationPartyEntity } from '../../src/collaborations/collaboration-party.entity.js';
import { CollaborationEntity } from '../../src/collaborations/collaboration.entity.js';
import { collaborationFromRow } from '../../src/collaborations/collaboration-store.js';
import { PHASE_OF_STATE } from '../../workflows/collaboration/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type Registered, registerUser } from '../support/factories.js';
import { driveTo, pair, type Pair, REVIEW, send } from '../support/lifecycle.js';

const PLAN = {
  kpis: [
    { key: 'follower_growth_pct', target: 10 },
    { key: 'profit', target: 1_000_000 },
  ],
};

/** A review whose follower growth and profit are exactly `before → after` and `profit` (all costs but marketing are 0). */
const reviewOf = (before: number, after: number, profit: number) => ({
  kpis: {
    awareness: { followersBefore: before, followersAfter: after },
    commercial: {
      grossRevenue: profit >= 0 ? profit : 0,
      discounts: 0,
      returns: 0,
      costOfGoods: 0,
      marketingCost: profit >= 0 ? 0 : -profit,
      revenueSharePaid: 0,
      revenueShareReceived: 0,
    },
  },
  ratings: { communication: 4 },
  lessons: 'seeded',
  submittedByUserId: randomUUID(),
  at: '2027-04-30T03:00:00.000Z',
});

describe('insights across completed collaborations', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let a: Registered;
  let b: Registered;
  let d: Registered;
  let template: CollaborationEntity;
  let other: Pair;
  let second: TestApp | undefined;

  /** A completed collaboration made from a real completed one, with the context changed: rows written directly, fast. */
  async function seed(options: {
    form: string;
    initiator: string;
    partner: string;
    reviews: Record<string, unknown>;
    fitScore?: number;
    closed?: boolean;
    state?: string;
  }): Promise<string> {
    const id = randomUUID();
    const snapshot = structuredClone(template.snapshot) as { value: string; status: string; context: Record<string, any> };
    const context = snapshot.context;
    Object.assign(context, {
      id,
      form: options.form,
      initiatorOrganizationId: options.initiator,
      partnerOrganizationIds: [options.partner],
      reviewPlan: PLAN,
      reviews: options.reviews,
      closedAt: options.closed ? '2027-05-31T03:00:00.000Z' : null,
      candidates: [
        {
          id: 'candidate-1',
          organizationId: options.partner,
          shortlistedAt: context.createdAt,
          scores: null,
          ratedAt: null,
          ...(options.fitScore === undefined ? {} : { fit: { score: options.fitScore, eligible: true, flags: [], criteria: [] } }),
        },
      ],
    });
    if (options.state) Object.assign(snapshot, { value: options.state, status: 'active' });
    await dataSource.getRepository(CollaborationEntity).insert({
      ...template,
      id,
      form: options.form,
      state: options.state ?? 'completed',
      phase: PHASE_OF_STATE[(options.state ?? 'completed') as keyof typeof PHASE_OF_STATE],
      status: options.state ? 'active' : 'done',
      initiatorOrganizationId: options.initiator,
      snapshot: snapshot as never,
    });
    await dataSource.getRepository(CollaborationPartyEntity).insert([
      { collaborationId: id, organizationId: options.initiator, role: 'initiator' },
      { collaborationId: id, organizationId: options.partner, role: 'partner' },
    ]);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    other = await pair(t);
    const id = await driveTo(t, other, 'postReview');
    await send(t, other.initiator, id, { type: 'review.submit', ...REVIEW }).expect(200);
    await send(t, other.partner, id, { type: 'review.submit', ...REVIEW }).expect(200);
    const [row] = await dataSource.query(`SELECT * FROM collaborations WHERE id = '${id}'`);
    template = collaborationFromRow(row);
    expect(template.state).toBe('completed');

    [a, b, d] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    await dataSource.query(`UPDATE organizations SET name = 'Batik "Kita", Solo' WHERE id = '${d.organizationId}'`);
    await dataSource.query(`UPDATE organizations SET name = 'Bima Wear' WHERE id = '${b.organizationId}'`);
    const A = a.organizationId;
    const B = b.organizationId;
    const D = d.organizationId;
    const partnerReview = reviewOf(10, 10, 0);
    // The hand computation below is over these five; the sixth is not completed and must not count.
    await seed({
      form: 'co_branding',
      initiator: A,
      partner: B,
      fitScore: 80,
      reviews: { [A]: reviewOf(100, 120, 2_000_000), [B]: partnerReview },
    });
    await seed({
      form: 'co_branding',
      initiator: A,
      partner: B,
      fitScore: 40,
      reviews: { [A]: reviewOf(100, 105, -500_000), [B]: partnerReview },
    });
    await seed({
      form: 'licensing',
      initiator: A,
      partner: D,
      fitScore: 60,
      reviews: { [A]: reviewOf(200, 220, 1_000_000), [D]: partnerReview },
    });
    await seed({
      form: 'licensing',
      initiator: B,
      partner: A,
      fitScore: 95,
      reviews: { [A]: reviewOf(50, 50, 300_000), [B]: partnerReview },
    });
    await seed({ form: 'co_branding', initiator: A, partner: D, fitScore: 90, closed: true, reviews: { [D]: partnerReview } });
    await seed({
      form: 'co_branding',
      initiator: A,
      partner: D,
      fitScore: 90,
      state: 'postReview',
      reviews: { [A]: reviewOf(1, 1000, 9) },
    });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('writes each party outcome row in the transaction that completes the collaboration', async () => {
    // No insights call has been made for these organizations: the rows come from the completing review.submit.
    const rows = await dataSource.query(
      `SELECT organization_id, submitted FROM review_outcomes WHERE collaboration_id = '${template.id}' ORDER BY organization_id`,
    );
    expect(rows.map((r: { organization_id: string }) => r.organization_id).sort()).toEqual(
      [other.initiator.organizationId, other.partner.organizationId].sort(),
    );
    expect(rows.every((r: { submitted: unknown }) => Number(r.submitted) === 1)).toBe(true);
  });

  const group = (g: Record<string, unknown>) => ({
    group: expect.any(String),
    name: null,
    ...g,
  });

  it('equals a hand computation: by form, by partner and by fit band', async () => {
    const res = await t.http().get('/api/v1/insights').set(a.auth).expect(200);
    const B = b.organizationId;
    const D = d.organizationId;
    expect(res.body.overall).toEqual(
      group({
        group: 'all',
        collaborations: 5,
        reviewed: 4,
        medianFollowerGrowthPct: 7.5, // growth 20, 5, 10, 0
        medianProfit: 650_000, // −500,000, 300,000, 1,000,000, 2,000,000
        targetsMet: 4,
        targetsWithResult: 8,
        shareOfTargetsMetPct: 50,
      }),
    );
    expect(res.body.byForm).toEqual([
      group({
        group: 'co_branding',
        collaborations: 3,
        reviewed: 2,
        medianFollowerGrowthPct: 12.5,
        medianProfit: 750_000,
        targetsMet: 2,
        targetsWithResult: 4,
        shareOfTargetsMetPct: 50,
      }),
      group({
        group: 'licensing',
        collaborations: 2,
        reviewed: 2,
        medianFollowerGrowthPct: 5,
        medianProfit: 650_000,
        targetsMet: 2,
        targetsWithResult: 4,
        shareOfTargetsMetPct: 50,
      }),
    ]);
    expect(res.body.byPartner).toEqual([
      {
        group: B,
        name: 'Bima Wear',
        collaborations: 3,
        reviewed: 3,
        medianFollowerGrowthPct: 5,
        medianProfit: 300_000,
        targetsMet: 2,
        targetsWithResult: 6,
        shareOfTargetsMetPct: 33.33,
      },
      {
        group: D,
        name: 'Batik "Kita", Solo',
        collaborations: 2,
        reviewed: 1,
        medianFollowerGrowthPct: 10,
        medianProfit: 1_000_000,
        targetsMet: 2,
        targetsWithResult: 2,
        shareOfTargetsMetPct: 100,
      },
    ]);
    // Bands (templates/reviews/fit-bands.json): low < 50 ≤ medium < 75 ≤ high; the collaboration B initiated has no score for A.
    expect(res.body.byFitBand).toEqual([
      group({
        group: 'low',
        collaborations: 1,
        reviewed: 1,
        medianFollowerGrowthPct: 5,
        medianProfit: -500_000,
        targetsMet: 0,
        targetsWithResult: 2,
        shareOfTargetsMetPct: 0,
      }),
      group({
        group: 'medium',
        collaborations: 1,
        reviewed: 1,
        medianFollowerGrowthPct: 10,
        medianProfit: 1_000_000,
        targetsMet: 2,
        targetsWithResult: 2,
        shareOfTargetsMetPct: 100,
      }),
      group({
        group: 'high',
        collaborations: 2,
        reviewed: 1,
        medianFollowerGrowthPct: 20,
        medianProfit: 2_000_000,
        targetsMet: 2,
        targetsWithResult: 2,
        shareOfTargetsMetPct: 100,
      }),
      group({
        group: 'unknown',
        collaborations: 1,
        reviewed: 1,
        medianFollowerGrowthPct: 0,
        medianProfit: 300_000,
        targetsMet: 0,
        targetsWithResult: 2,
        shareOfTargetsMetPct: 0,
      }),
    ]);
    expect(res.body.fitBands.map((f: { band: string }) => f.band)).toEqual(['low', 'medium', 'high']);
  });

  it("reads a completion written straight to the database (before outcome rows existed) on a process's first call", async () => {
    await seed({ form: 'endorsement', initiator: a.organizationId, partner: b.organizationId, reviews: {}, closed: true });
    // Completions through the lifecycle write their rows as they happen; older ones are read once per process.
    second = await startTestApp({}, { shareWith: t });
    const res = await second.http().get('/api/v1/insights').set(a.auth).expect(200);
    expect(res.body.overall.collaborations).toBe(6);
    expect(res.body.byForm.find((g: { group: string }) => g.group === 'endorsement')).toMatchObject({
      collaborations: 1,
      reviewed: 0,
      medianProfit: null,
    });
    const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM review_outcomes WHERE organization_id = '${a.organizationId}'`);
    expect(Number(n)).toBe(6);
  });

  it('serves the insights as CSV: UTF-8 with a BOM, the header, one RFC 4180 row per group', async () => {
    const res = await second!
      .http()
      .get('/api/v1/insights.csv')
      .set(a.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'group_kind,group,name,collaborations,reviewed,median_follower_growth_pct,median_profit_idr,targets_met,targets_with_result,share_of_targets_met_pct',
    );
    expect(lines).toContain('overall,all,,6,4,7.5,650000,4,8,50');
    expect(lines).toContain('form,licensing,,2,2,5,650000,2,4,50');
    expect(lines).toContain('form,endorsement,,1,0,,,0,0,');
    expect(lines).toContain(`partner,${d.organizationId},"Batik ""Kita"", Solo",2,1,10,1000000,2,2,100`);
    expect(lines).toContain('fit_band,low,,1,1,5,-500000,0,2,0');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 1 + 3 + 2 + 4 + 1);
  });

  it('answers 404 for an organization the caller is not a member of', async () => {
    await t.http().get(`/api/v1/insights?organizationId=${b.organizationId}`).set(a.auth).expect(404);
    await t.http().get(`/api/v1/insights.csv?organizationId=${b.organizationId}`).set(a.auth).expect(404);
  });
});
