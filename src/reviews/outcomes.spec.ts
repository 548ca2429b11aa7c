import fc from 'fast-check';
import { KPI_KEYS, type KpiKey } from '../../workflows/collaboration/index.js';
import {
  actualKpi,
  actualKpis,
  awarenessMet,
  computeOutcomes,
  ctrPct,
  engagementRatePct,
  evaluatePlan,
  followerGrowthPct,
  marginPct,
  median,
  missingInputs,
  netRevenue,
  profit,
  requiredInputs,
  roiPct,
  roundPct,
  targetsMissed,
  type Computed,
  type KpiSubmission,
} from './outcomes.js';

// One party's figures; every expected value below is worked out by hand from these.
const full = (): KpiSubmission => ({
  awareness: {
    followersBefore: 1200,
    followersAfter: 1500,
    reach: 8000,
    impressions: 20000,
    engagements: { likes: 400, comments: 50, shares: 30, saves: 20 },
    mentions: 35,
    clicks: 300,
    aidedRecognitionPct: 40,
    unaidedRecallPct: 12.345,
  },
  commercial: {
    unitsSold: 120,
    grossRevenue: 30_000_000,
    discounts: 1_500_000,
    returns: 500_000,
    costOfGoods: 12_000_000,
    marketingCost: 4_000_000,
    revenueSharePaid: 2_800_000,
    revenueShareReceived: 0,
  },
});
const awareness = (fields: NonNullable<KpiSubmission['awareness']>): KpiSubmission => ({ awareness: fields });
const commercial = (fields: NonNullable<KpiSubmission['commercial']>): KpiSubmission => ({ commercial: fields });
const money = (
  grossRevenue: number,
  discounts: number,
  returns: number,
  revenueShareReceived: number,
  costOfGoods: number,
  marketingCost: number,
  revenueSharePaid: number,
): KpiSubmission => commercial({ grossRevenue, discounts, returns, revenueShareReceived, costOfGoods, marketingCost, revenueSharePaid });
const lossMaking = money(10_000_000, 0, 0, 0, 8_000_000, 3_500_000, 1_000_000); // net 10,000,000; costs 12,500,000; profit −2,500,000
const licensor = money(0, 0, 0, 5_000_000, 0, 1_000_000, 0); // sells nothing itself, receives a royalty: profit 4,000,000
const zeroRevenue = money(0, 0, 0, 0, 0, 1_000_000, 0); // profit −1,000,000 on no sales
const countsOnly = { likes: 1, comments: 0, shares: 0, saves: 0 };

type Formula = (kpis: KpiSubmission) => Computed;
const value = (v: number): Computed => ({ value: v, reason: null });
const reason = (r: string): Computed => ({ value: null, reason: r });

describe('outcome formulas (legal facts §6.2)', () => {
  it.each<[string, Formula, KpiSubmission, Computed]>([
    // follower growth = (after − before) / before × 100
    ['follower growth: 1,200 → 1,500 is 300/1,200', followerGrowthPct, full(), value(25)],
    ['follower growth: a decline, 1,000 → 850', followerGrowthPct, awareness({ followersBefore: 1000, followersAfter: 850 }), value(-15)],
    ['follower growth: 3 → 4 is 33.333…', followerGrowthPct, awareness({ followersBefore: 3, followersAfter: 4 }), value(33.33)],
    ['follower growth: 3 → 5 is 66.666…', followerGrowthPct, awareness({ followersBefore: 3, followersAfter: 5 }), value(66.67)],
    [
      'follower growth: 800 → 801 is 0.125, half up',
      followerGrowthPct,
      awareness({ followersBefore: 800, followersAfter: 801 }),
      value(0.13),
    ],
    [
      'follower growth: 800 → 799 is −0.125, half away from zero',
      followerGrowthPct,
      awareness({ followersBefore: 800, followersAfter: 799 }),
      value(-0.13),
    ],
    [
      'follower growth: from 0 followers',
      followerGrowthPct,
      awareness({ followersBefore: 0, followersAfter: 50 }),
      reason('kpis.awareness.followersBefore is 0'),
    ],
    [
      'follower growth: no baseline',
      followerGrowthPct,
      awareness({ followersAfter: 1500 }),
      reason('kpis.awareness.followersBefore is missing'),
    ],
    [
      'follower growth: a null baseline',
      followerGrowthPct,
      awareness({ followersBefore: null, followersAfter: 1500 }),
      reason('kpis.awareness.followersBefore is missing'),
    ],
    [
      'follower growth: nothing',
      followerGrowthPct,
      {},
      reason('kpis.awareness.followersBefore, kpis.awareness.followersAfter are missing'),
    ],
    // engagement rate = (likes + comments + shares + saves) / reach × 100
    ['engagement: 500 / 8,000', engagementRatePct, full(), value(6.25)],
    ['engagement: 1 / 3', engagementRatePct, awareness({ engagements: countsOnly, reach: 3 }), value(33.33)],
    ['engagement: none on some reach', engagementRatePct, awareness({ engagements: { ...countsOnly, likes: 0 }, reach: 100 }), value(0)],
    ['engagement: zero reach', engagementRatePct, awareness({ engagements: countsOnly, reach: 0 }), reason('kpis.awareness.reach is 0')],
    [
      'engagement: no saves count',
      engagementRatePct,
      awareness({ engagements: { likes: 1, comments: 0, shares: 0 }, reach: 10 }),
      reason('kpis.awareness.engagements.saves is missing'),
    ],
    // CTR = clicks / impressions × 100
    ['CTR: 300 / 20,000', ctrPct, full(), value(1.5)],
    ['CTR: 2 / 3', ctrPct, awareness({ clicks: 2, impressions: 3 }), value(66.67)],
    ['CTR: no clicks', ctrPct, awareness({ clicks: 0, impressions: 500 }), value(0)],
    ['CTR: zero impressions', ctrPct, awareness({ clicks: 0, impressions: 0 }), reason('kpis.awareness.impressions is 0')],
    ['CTR: no clicks figure', ctrPct, awareness({ impressions: 10 }), reason('kpis.awareness.clicks is missing')],
    // net revenue = gross − discounts − returns
    ['net revenue: 30,000,000 − 1,500,000 − 500,000', netRevenue, full(), value(28_000_000)],
    ['net revenue: zero revenue', netRevenue, zeroRevenue, value(0)],
    [
      'net revenue: no returns figure',
      netRevenue,
      commercial({ grossRevenue: 1, discounts: 0 }),
      reason('kpis.commercial.returns is missing'),
    ],
    // profit = net revenue + share received − cost of goods − marketing − share paid
    ['profit: 28,000,000 + 0 − 12,000,000 − 4,000,000 − 2,800,000', profit, full(), value(9_200_000)],
    ['profit: negative', profit, lossMaking, value(-2_500_000)],
    ['profit: a royalty with no own sales', profit, licensor, value(4_000_000)],
    ['profit: zero revenue', profit, zeroRevenue, value(-1_000_000)],
    [
      'profit: no revenue share received figure',
      profit,
      commercial({ ...full().commercial, revenueShareReceived: undefined }),
      reason('kpis.commercial.revenueShareReceived is missing'),
    ],
    // margin = profit / net revenue × 100
    ['margin: 9,200,000 / 28,000,000 is 32.857…', marginPct, full(), value(32.86)],
    ['margin: negative profit', marginPct, lossMaking, value(-25)],
    ['margin: zero revenue', marginPct, zeroRevenue, reason('net revenue (kpis.commercial.grossRevenue − discounts − returns) is 0')],
    [
      'margin: returns above sales',
      marginPct,
      money(100_000, 0, 300_000, 0, 0, 0, 0),
      reason('net revenue (kpis.commercial.grossRevenue − discounts − returns) is negative'),
    ],
    // ROI = profit / (cost of goods + marketing + share paid) × 100
    ['ROI: 9,200,000 / 18,800,000 is 48.936…', roiPct, full(), value(48.94)],
    ['ROI: negative profit, −2,500,000 / 12,500,000', roiPct, lossMaking, value(-20)],
    ['ROI: a royalty, 4,000,000 / 1,000,000', roiPct, licensor, value(400)],
    [
      'ROI: nothing spent',
      roiPct,
      money(1_000_000, 0, 0, 0, 0, 0, 0),
      reason('costs (kpis.commercial.costOfGoods + marketingCost + revenueSharePaid) is 0'),
    ],
    [
      'ROI: no commercial figures',
      roiPct,
      { awareness: full().awareness },
      reason(
        'kpis.commercial.grossRevenue, kpis.commercial.discounts, kpis.commercial.returns, kpis.commercial.revenueShareReceived, ' +
          'kpis.commercial.costOfGoods, kpis.commercial.marketingCost, kpis.commercial.revenueSharePaid are missing',
      ),
    ],
  ])('%s', (_, formula, kpis, expected) => expect(formula(kpis)).toEqual(expected));

  it('computes every outcome at once', () => {
    expect(computeOutcomes(full())).toEqual({
      followerGrowthPct: value(25),
      engagementRatePct: value(6.25),
      ctrPct: value(1.5),
      netRevenue: value(28_000_000),
      profit: value(9_200_000),
      marginPct: value(32.86),
      roiPct: value(48.94),
    });
  });

  it('never yields NaN or Infinity, and gives a reason exactly when there is no value', () => {
    const count = fc.option(fc.oneof(fc.constant(0), fc.nat(1_000_000)), { nil: undefined });
    const rupiah = fc.option(fc.oneof(fc.constant(0), fc.nat(2_000_000_000)), { nil: undefined });
    const submission = fc.record({
      awareness: fc.record({
        followersBefore: count,
        followersAfter: count,
        reach: count,
        impressions: count,
        engagements: fc.record({ likes: count, comments: count, shares: count, saves: count }),
        clicks: count,
      }),
      commercial: fc.record({
        grossRevenue: rupiah,
        discounts: rupiah,
        returns: rupiah,
        costOfGoods: rupiah,
        marketingCost: rupiah,
        revenueSharePaid: rupiah,
        revenueShareReceived: rupiah,
      }),
    });
    fc.assert(
      fc.property(submission, (kpis) =>
        Object.values(computeOutcomes(kpis)).every((c) =>
          c.value === null ? typeof c.reason === 'string' : Number.isFinite(c.value) && c.reason === null,
        ),
      ),
    );
  });

  it('stays finite or null for figures stored before the maxima existed, however large (issue 13 item 4)', () => {
    const any = fc.option(
      fc.oneof(
        fc.constant(0),
        fc.constant(1e308),
        fc.constant(Number.MAX_VALUE),
        fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      ),
      {
        nil: undefined,
      },
    );
    const submission = fc.record({
      awareness: fc.record({
        followersBefore: any,
        followersAfter: any,
        reach: any,
        impressions: any,
        engagements: fc.record({ likes: any, comments: any, shares: any, saves: any }),
        clicks: any,
      }),
      commercial: fc.record({
        grossRevenue: any,
        discounts: any,
        returns: any,
        costOfGoods: any,
        marketingCost: any,
        revenueSharePaid: any,
        revenueShareReceived: any,
      }),
    });
    fc.assert(
      fc.property(submission, (kpis) =>
        Object.values(computeOutcomes(kpis)).every((c) =>
          c.value === null ? typeof c.reason === 'string' : Number.isFinite(c.value) && c.reason === null,
        ),
      ),
      { seed: 13, numRuns: 2000 },
    );
    expect(followerGrowthPct({ awareness: { followersBefore: 1, followersAfter: 1e308 } })).toEqual({
      value: null,
      reason: expect.stringMatching(/too large/),
    });
    const plan = { kpis: [{ key: 'profit' as const, target: -1e308, baseline: 1e308 }] };
    const [profitKpi] = evaluatePlan(plan, {
      commercial: {
        grossRevenue: 1e308,
        discounts: 0,
        returns: 0,
        costOfGoods: 0,
        marketingCost: 0,
        revenueSharePaid: 0,
        revenueShareReceived: 1e308,
      },
    });
    expect(profitKpi).toMatchObject({ actual: null, met: null, byHowMuch: null, changeFromBaseline: null });
  });
});

describe('rounding', () => {
  it.each([
    [1.005, 1.01], // 1.00499999… in binary
    [2.675, 2.68],
    [12.345, 12.35],
    [-0.125, -0.13],
    [33.3333, 33.33],
    [7, 7],
  ])('%d → %d', (input, expected) => expect(roundPct(input)).toBe(expected));

  it('never gives −0', () => expect(Object.is(roundPct(-0.001), 0)).toBe(true));
});

describe('KPI keys and their inputs', () => {
  it('maps every KPI key to its actual value', () => {
    expect(actualKpis(full())).toEqual({
      follower_growth_pct: value(25),
      engagement_rate_pct: value(6.25),
      reach: value(8000),
      mentions: value(35),
      ctr_pct: value(1.5),
      recall_pct: value(12.35), // unaided recall, not the aided 40
      units_sold: value(120),
      net_revenue: value(28_000_000),
      profit: value(9_200_000),
      margin_pct: value(32.86),
      roi_pct: value(48.94),
    });
  });

  const COMMERCIAL = [
    'kpis.commercial.grossRevenue',
    'kpis.commercial.discounts',
    'kpis.commercial.returns',
    'kpis.commercial.revenueShareReceived',
    'kpis.commercial.costOfGoods',
    'kpis.commercial.marketingCost',
    'kpis.commercial.revenueSharePaid',
  ];
  it.each<[KpiKey, string[]]>([
    ['follower_growth_pct', ['kpis.awareness.followersBefore', 'kpis.awareness.followersAfter']],
    [
      'engagement_rate_pct',
      [
        'kpis.awareness.engagements.likes',
        'kpis.awareness.engagements.comments',
        'kpis.awareness.engagements.shares',
        'kpis.awareness.engagements.saves',
        'kpis.awareness.reach',
      ],
    ],
    ['reach', ['kpis.awareness.reach']],
    ['mentions', ['kpis.awareness.mentions']],
    ['ctr_pct', ['kpis.awareness.clicks', 'kpis.awareness.impressions']],
    ['recall_pct', ['kpis.awareness.unaidedRecallPct']],
    ['units_sold', ['kpis.commercial.unitsSold']],
    ['net_revenue', ['kpis.commercial.grossRevenue', 'kpis.commercial.discounts', 'kpis.commercial.returns']],
    ['profit', COMMERCIAL],
    ['margin_pct', COMMERCIAL],
    ['roi_pct', COMMERCIAL],
  ])('%s needs %j', (key, paths) => expect(requiredInputs(key)).toEqual(paths));

  // Drop each required field in turn: the formula and the HTTP check must agree on what is needed.
  it.each(KPI_KEYS.flatMap((key) => requiredInputs(key).map((path) => [key, path] as const)))(
    '%s without %s is null, naming it',
    (key, path) => {
      const kpis = full();
      const parts = path.split('.').slice(1);
      let at = kpis as Record<string, unknown>;
      for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
      delete at[parts[parts.length - 1]];
      expect(actualKpi(kpis, key)).toEqual({ value: null, reason: `${path} is missing` });
      expect(missingInputs(kpis, key)).toEqual([path]);
    },
  );

  it('counts 0 as given, and finds nothing missing in a full submission', () => {
    expect(missingInputs(awareness({ followersBefore: 0, followersAfter: 0 }), 'follower_growth_pct')).toEqual([]);
    expect(missingInputs(awareness({ followersAfter: 10 }), 'follower_growth_pct')).toEqual(['kpis.awareness.followersBefore']);
    expect(missingInputs({ awareness: null }, 'ctr_pct')).toEqual(['kpis.awareness.clicks', 'kpis.awareness.impressions']);
    expect(KPI_KEYS.flatMap((key) => missingInputs(full(), key))).toEqual([]);
  });
});

describe('the review plan against the actuals', () => {
  it('gives baseline, target, actual, met and the differences per planned KPI, in plan order', () => {
    const evaluations = evaluatePlan(
      {
        kpis: [
          { key: 'follower_growth_pct', baseline: 5, target: 20 },
          { key: 'engagement_rate_pct', target: 8 },
          { key: 'recall_pct', baseline: 10.1, target: 12.35 },
          { key: 'profit', baseline: 7_000_000, target: 10_000_000 },
          { key: 'roi_pct', target: 50 },
          { key: 'reach' },
        ],
      },
      full(),
    );
    expect(evaluations).toEqual([
      { key: 'follower_growth_pct', baseline: 5, target: 20, actual: 25, reason: null, met: true, byHowMuch: 5, changeFromBaseline: 20 },
      {
        key: 'engagement_rate_pct',
        baseline: null,
        target: 8,
        actual: 6.25,
        reason: null,
        met: false,
        byHowMuch: -1.75,
        changeFromBaseline: null,
      },
      // met exactly counts as met; 12.35 − 10.1 is 2.2499… in floating point
      { key: 'recall_pct', baseline: 10.1, target: 12.35, actual: 12.35, reason: null, met: true, byHowMuch: 0, changeFromBaseline: 2.25 },
      {
        key: 'profit',
        baseline: 7_000_000,
        target: 10_000_000,
        actual: 9_200_000,
        reason: null,
        met: false,
        byHowMuch: -800_000,
        changeFromBaseline: 2_200_000,
      },
      { key: 'roi_pct', baseline: null, target: 50, actual: 48.94, reason: null, met: false, byHowMuch: -1.06, changeFromBaseline: null },
      { key: 'reach', baseline: null, target: null, actual: 8000, reason: null, met: null, byHowMuch: null, changeFromBaseline: null },
    ]);
    expect(awarenessMet(evaluations)).toBe(false); // engagement missed; reach has no target
    expect(targetsMissed(evaluations)).toBe(3);
  });

  it('leaves met and the differences unknown when the actual is, and says why', () => {
    const [ctr, growth] = evaluatePlan(
      {
        kpis: [
          { key: 'ctr_pct', baseline: 1, target: 2 },
          { key: 'follower_growth_pct', target: 0 },
        ],
      },
      awareness({ clicks: 0, impressions: 0, followersBefore: 10, followersAfter: 10 }),
    );
    expect(ctr).toEqual({
      key: 'ctr_pct',
      baseline: 1,
      target: 2,
      actual: null,
      reason: 'kpis.awareness.impressions is 0',
      met: null,
      byHowMuch: null,
      changeFromBaseline: null,
    });
    expect(growth).toMatchObject({ actual: 0, target: 0, met: true, byHowMuch: 0 }); // a target of 0 growth, held exactly
  });

  it('summarises awareness and missed targets only from known results', () => {
    const [growth] = evaluatePlan({ kpis: [{ key: 'follower_growth_pct', target: 20 }] }, full());
    const [units] = evaluatePlan({ kpis: [{ key: 'units_sold', target: 100 }] }, full());
    const [unknown] = evaluatePlan({ kpis: [{ key: 'reach', target: 100 }] }, {});
    expect(awarenessMet([growth, units, unknown])).toBe(true);
    expect(targetsMissed([growth, units, unknown])).toBe(0);
    expect(awarenessMet([units])).toBeNull(); // units sold is commercial
    expect(awarenessMet([unknown])).toBeNull();
    expect(targetsMissed([unknown])).toBeNull();
  });
});

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[-5, 10], 2.5],
    [[Number.NaN, 1, 3], 2],
  ])('of %j is %p', (numbers, expected) => expect(median(numbers)).toBe(expected));
});
