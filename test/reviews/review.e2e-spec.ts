import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler as WorkflowWorker } from '../../src/common/scheduler.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, TestClock } from '../support/clock.js';
import type { Registered } from '../support/factories.js';
import { driveTo, pair, type Pair, send, view } from '../support/lifecycle.js';
import { pdfText } from '../support/pdf-text.js';

const PLAN = {
  kpis: [
    { key: 'follower_growth_pct', baseline: 5, target: 10 },
    { key: 'engagement_rate_pct', target: 4 },
    { key: 'profit', target: 2_000_000 },
  ],
  reviewWindowDays: 14,
};
// Growth (12,600 − 12,000) / 12,000 = 5%: missed; engagement (300+40+20+40) / 8,000 = 5%: met;
// profit 9,000,000 − 500,000 − 200,000 + 0 − 4,000,000 − 1,500,000 − 1,100,000 = 1,700,000: missed.
const INITIATOR_REVIEW = {
  kpis: {
    awareness: {
      followersBefore: 12_000,
      followersAfter: 12_600,
      reach: 8_000,
      impressions: 20_000,
      engagements: { likes: 300, comments: 40, shares: 20, saves: 40 },
      mentions: 15,
      clicks: 400,
    },
    commercial: {
      unitsSold: 90,
      grossRevenue: 9_000_000,
      discounts: 500_000,
      returns: 200_000,
      costOfGoods: 4_000_000,
      marketingCost: 1_500_000,
      revenueSharePaid: 1_100_000,
      revenueShareReceived: 0,
    },
  },
  ratings: { communication: 2, commitment: 4, quality: 5, timeliness: 3 },
  lessons: 'Agree the posting calendar before launch',
};
// Growth 25%, engagement 2%, profit 3,000,000.
const PARTNER_REVIEW = {
  kpis: {
    awareness: {
      followersBefore: 4_000,
      followersAfter: 5_000,
      reach: 10_000,
      engagements: { likes: 150, comments: 20, shares: 10, saves: 20 },
    },
    commercial: {
      grossRevenue: 6_000_000,
      discounts: 0,
      returns: 0,
      costOfGoods: 2_000_000,
      marketingCost: 1_000_000,
      revenueSharePaid: 0,
      revenueShareReceived: 0,
    },
  },
  ratings: { communication: 5, commitment: 5, quality: 4, timeliness: 4 },
  lessons: 'Send fabric samples earlier',
};

describe('post-collaboration review over HTTP', () => {
  const clock = new TestClock('2026-11-28T03:00:00.000Z');
  let t: TestApp;
  let p: Pair;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_POLL_MS: '0' }, { clock });
    p = await pair(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const review = async (who: Registered, id: string) =>
    (await t.http().get(`/api/v1/collaborations/${id}/review`).set(who.auth).expect(200)).body;
  const history = async (who: Registered, id: string) =>
    (await t.http().get(`/api/v1/collaborations/${id}/history`).set(who.auth).expect(200)).body as unknown[];
  const party = (body: { parties: Array<{ organizationId: string }> }, who: Registered) =>
    body.parties.find((x) => x.organizationId === who.organizationId) as Record<string, any>;

  it('refuses bad KPI input with a 400 naming the field, and writes nothing', async () => {
    const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
    const before = await view(t, p.initiator, id);
    const beforeHistory = await history(p.initiator, id);
    const aw = INITIATOR_REVIEW.kpis.awareness;
    const cases: Array<[string, Record<string, unknown>]> = [
      ['kpis.awareness.reach', { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, awareness: { ...aw, reach: -1 } } }],
      [
        'kpis.awareness.engagements.likes',
        { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, awareness: { ...aw, engagements: { ...aw.engagements, likes: 1.5 } } } },
      ],
      [
        'kpis.awareness.unaidedRecallPct',
        { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, awareness: { ...aw, unaidedRecallPct: 101 } } },
      ],
      [
        'kpis.commercial.grossRevenue',
        { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, commercial: { ...INITIATOR_REVIEW.kpis.commercial, grossRevenue: -5 } } },
      ],
      ['ratings.communication', { ...INITIATOR_REVIEW, ratings: { ...INITIATOR_REVIEW.ratings, communication: 6 } }],
      ['ratings.quality', { ...INITIATOR_REVIEW, ratings: { ...INITIATOR_REVIEW.ratings, quality: 0 } }],
      ['kpis.awareness.followers', { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, awareness: { ...aw, followers: 3 } } }],
      [
        'kpis.awareness.followersBefore',
        { ...INITIATOR_REVIEW, kpis: { ...INITIATOR_REVIEW.kpis, awareness: { ...aw, followersBefore: undefined } } },
      ],
    ];
    for (const [field, body] of cases) {
      const res = await send(t, p.initiator, id, { type: 'review.submit', ...body });
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    // Every input the planned KPIs need is named at once.
    const bare = await send(t, p.initiator, id, { type: 'review.submit', kpis: {}, ratings: {}, lessons: '' }).expect(400);
    expect(bare.body.details.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining([
        'kpis.awareness.followersBefore',
        'kpis.awareness.followersAfter',
        'kpis.awareness.reach',
        'kpis.commercial.costOfGoods',
      ]),
    );
    const after = await view(t, p.initiator, id);
    expect(after.version).toBe(before.version);
    expect(after.context.reviews).toEqual({});
    expect(await history(p.initiator, id)).toHaveLength(beforeHistory.length);
  });

  it("hides the other party's review until both submitted, then shows both with outcomes and advice", async () => {
    const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
    await send(t, p.initiator, id, { type: 'review.submit', ...INITIATOR_REVIEW }).expect(200);
    const again = await send(t, p.initiator, id, { type: 'review.submit', ...INITIATOR_REVIEW }).expect(409);
    expect(again.body.code).toBe('EVENT_NOT_ALLOWED');

    const partnerSees = await review(p.partner, id);
    expect(party(partnerSees, p.initiator)).toMatchObject({ status: 'hidden', submission: null, outcomes: null, evaluations: null });
    expect(JSON.stringify(partnerSees)).not.toContain('posting calendar');
    expect(party(partnerSees, p.partner)).toMatchObject({ status: 'pending', submission: null });
    expect(partnerSees.revealed).toBe(false);

    const initiatorSees = await review(p.initiator, id);
    expect(party(initiatorSees, p.initiator)).toMatchObject({
      status: 'submitted',
      outcomes: {
        followerGrowthPct: { value: 5, reason: null },
        engagementRatePct: { value: 5, reason: null },
        ctrPct: { value: 2, reason: null },
        netRevenue: { value: 8_300_000, reason: null },
        profit: { value: 1_700_000, reason: null },
      },
      evaluations: [
        { key: 'follower_growth_pct', baseline: 5, target: 10, actual: 5, met: false, byHowMuch: -5 },
        { key: 'engagement_rate_pct', target: 4, actual: 5, met: true, byHowMuch: 1 },
        { key: 'profit', target: 2_000_000, actual: 1_700_000, met: false, byHowMuch: -300_000 },
      ],
    });
    // The initiator rated the partner's communication 2: the cadence advice, with the number that triggered it.
    expect(initiatorSees.recommendations.items.map((r: { id: string }) => r.id)).toContain('communication-cadence');
    const cadence = initiatorSees.recommendations.items.find((r: { id: string }) => r.id === 'communication-cadence');
    expect(cadence.triggeredBy).toEqual({ partnerCommunicationRating: 2 });
    expect(cadence.advice.en).toContain('rated 2 of 5');
    // driveTo rates capability_fit 4 (weight 60); brand_image_fit (40) is unknown without profiles: 60 × 4/5 = 48.
    expect(initiatorSees.facts).toMatchObject({ partnerSearchDays: 0, candidatesConsidered: 1, chosenPartnerFitScore: 48 });
    expect(initiatorSees.facts.ipItems.done).toBeGreaterThan(0);

    await send(t, p.partner, id, { type: 'review.submit', ...PARTNER_REVIEW }).expect(200);
    for (const who of [p.initiator, p.partner]) {
      const both = await review(who, id);
      expect(both.state).toBe('completed');
      expect(both.revealed).toBe(true);
      expect(party(both, p.initiator).submission.lessons).toBe('Agree the posting calendar before launch');
      expect(party(both, p.partner).submission.lessons).toBe('Send fabric samples earlier');
      expect(party(both, p.partner).outcomes.followerGrowthPct.value).toBe(25);
    }
    // The partner did not run the search: no search facts, and its own advice (it rated communication 5).
    const partnerAfter = await review(p.partner, id);
    expect(partnerAfter.facts.candidatesConsidered).toBeNull();
    expect(partnerAfter.recommendations.items.map((r: { id: string }) => r.id)).not.toContain('communication-cadence');
  });

  it('closes after the review window: the party that never submitted shows as such, the other review is revealed', async () => {
    const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
    await send(t, p.partner, id, { type: 'review.submit', ...PARTNER_REVIEW }).expect(200);
    expect(party(await review(p.initiator, id), p.partner)).toMatchObject({ status: 'hidden', submission: null });
    await send(t, p.initiator, id, { type: 'review.close' }).expect(409);

    clock.advance(15 * DAY);
    await t.app.get(WorkflowWorker).runOnce();
    await send(t, p.initiator, id, { type: 'review.close' }).expect(200);
    const closed = await review(p.initiator, id);
    expect(closed).toMatchObject({ state: 'completed', revealed: true, closedAt: expect.any(String) });
    expect(party(closed, p.initiator)).toMatchObject({ status: 'notSubmitted', submission: null, submittedAt: null });
    expect(party(closed, p.partner)).toMatchObject({ status: 'submitted', submission: { lessons: 'Send fabric samples earlier' } });
  });

  it('renders the review as a bilingual PDF with the KPI names in both languages and the numbers', async () => {
    const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
    await send(t, p.initiator, id, { type: 'review.submit', ...INITIATOR_REVIEW }).expect(200);
    await send(t, p.partner, id, { type: 'review.submit', ...PARTNER_REVIEW }).expect(200);
    const res = await t
      .http()
      .get(`/api/v1/collaborations/${id}/review.pdf`)
      .set(p.initiator.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(res.body as Buffer)).join(' ');
    for (const words of [
      'Pertumbuhan pengikut',
      'Follower growth',
      'Tingkat keterlibatan',
      'Engagement rate',
      'Laba',
      'Profit',
      'Rp1.700.000',
      'Rp2.000.000',
      'Rp3.000.000',
      '25%',
      'Agree the posting calendar before launch',
      'Send fabric samples earlier',
      'Komunikasi / Communication',
    ]) {
      expect([words, text.includes(words)]).toEqual([words, true]);
    }
    expect(text).toContain('tidak / no');
    expect(text).toContain('ya / yes');
    await t.http().get(`/api/v1/collaborations/${id}/review.pdf?lang=xx`).set(p.initiator.auth).expect(400);
  });

  it('answers 404 to a non-party', async () => {
    const id = await driveTo(t, p, 'postReview', { reviewPlan: PLAN });
    const other = await pair(t);
    await t.http().get(`/api/v1/collaborations/${id}/review`).set(other.initiator.auth).expect(404);
  });
});
