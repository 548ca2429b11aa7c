import { IP_STATUSES } from '../ip-checklist/index.js';
import type { Criterion, PartnerRequirement } from '../../workflows/collaboration/index.js';
import type { Bilingual } from '../documents/bilingual.js';
import { FIT_DATA, type FitData, type FitInput, type FitProfile, scoreFit, weightProblem } from './fit.js';

// Expected scores below are worked out by hand from the rules in templates/partners/*.json; the arithmetic is in the comments.

const initiator: FitProfile = {
  categories: ['apparel'],
  priceTier: 'mid',
  audience: { cities: ['Bandung', 'Jakarta'], ageBands: ['18-24', '25-34'], followers: { instagram: 4000, tiktok: 1000 } },
  marks: [{ classes: [25], status: 'registered' }],
};
const candidate: FitProfile = {
  categories: ['bags'],
  priceTier: 'mid',
  audience: { cities: ['Jakarta', 'Surabaya'], ageBands: ['25-34'], followers: { instagram: 50000 } },
  capacityPerMonth: 500,
  leadTimeDays: 14,
  marks: [{ classes: [18], status: 'registered' }],
};
const needs = { volumePerMonth: 300, leadTimeDays: 30 };

interface Case {
  initiator?: Partial<FitProfile>;
  candidate?: Partial<FitProfile>;
  needs?: FitInput['needs'];
  ratings?: FitInput['ratings'];
}
const input = (c: Case, requirements: PartnerRequirement[]): FitInput => ({
  requirements,
  needs: c.needs ?? needs,
  initiator: { ...initiator, ...c.initiator },
  candidate: { ...candidate, ...c.candidate },
  ratings: c.ratings ?? {},
});
/** One criterion weighted 100: its score, source, English explanation and the flags it raised. */
const judge = (key: Criterion, c: Case = {}, data: FitData = FIT_DATA) => {
  const result = scoreFit(input(c, [{ criterion: key, weight: 100 }]), data);
  const [criterion] = result.criteria;
  return {
    score: criterion.score,
    source: criterion.source,
    en: criterion.explanation.en,
    id: criterion.explanation.id,
    flags: result.flags,
  };
};
const audience = (cities: string[], ageBands: string[], followers?: { instagram?: number; tiktok?: number }) => ({
  audience: { cities, ageBands, followers },
});

describe('brand_image_fit from the price tier (until rated)', () => {
  it.each([
    ['mid', 'mid', 4, 'Same price tier (mid); only price is computed, values and aesthetic not rated yet'],
    ['mid', 'premium', 2, 'Neighbouring price tiers: the candidate premium, you mid; only price is computed'],
    ['budget', 'premium', 0, 'Distant price tiers: the candidate premium, you budget; only price is computed'],
  ] as const)('initiator %s, candidate %s → %i', (mine, theirs, score, en) => {
    expect(judge('brand_image_fit', { initiator: { priceTier: mine }, candidate: { priceTier: theirs } })).toMatchObject({
      score,
      source: 'computed',
      en,
    });
  });

  it('says it in Indonesian too', () => {
    expect(judge('brand_image_fit', { initiator: { priceTier: 'budget' }, candidate: { priceTier: 'premium' } }).id).toBe(
      'Tingkat harga berjauhan: kandidat premium, Anda ekonomis; baru harga yang dihitung',
    );
  });
});

describe('audience_overlap (Jaccard of cities and of age bands, mean × 5, rounded down)', () => {
  it.each([
    // cities 1/3 (Jakarta of Bandung, Jakarta, Surabaya), ages 1/2 → (1/3 + 1/2) / 2 = 5/12 → 2.08 → 2
    ['partly shared', {}, 2, 'Cities in common 1 of 3 (Jakarta), age bands in common 1 of 2 (25-34)'],
    // both 1/1 and 2/2, spelled differently → 5
    [
      'the same audience',
      { candidate: audience([' jakarta', 'BANDUNG '], ['25-34', '18-24']) },
      5,
      'Cities in common 2 of 2 (jakarta, BANDUNG), age bands in common 2 of 2 (25-34, 18-24)',
    ],
    [
      'nothing shared',
      { candidate: audience(['Medan', 'Makassar'], ['45-54']) },
      0,
      'Cities in common 0 of 4 (—), age bands in common 0 of 3 (—)',
    ],
    // cities only: 1/3 × 5 = 1.67 → 1
    [
      'cities only',
      { candidate: audience(['Jakarta', 'Surabaya'], []) },
      1,
      'Cities in common 1 of 3 (Jakarta); age bands not declared on both sides',
    ],
    // ages only: 1/2 × 5 = 2.5 → 2
    [
      'age bands only',
      { initiator: audience([], ['18-24', '25-34']) },
      2,
      'Age bands in common 1 of 2 (25-34); cities not declared on both sides',
    ],
  ] as Array<[string, Case, number, string]>)('%s', (_, c, score, en) => {
    expect(judge('audience_overlap', c)).toMatchObject({ score, source: 'computed', en });
  });
});

describe('product_complementarity (adjacent beats identical beats unrelated)', () => {
  it.each([
    ['adjacent', ['apparel'], ['bags'], 5, "The candidate's products (bags) complement yours (clothing)"],
    [
      'adjacent and the same',
      ['apparel'],
      ['kaos', 'tas kulit'],
      4,
      "The candidate's products (bags) complement yours (clothing), but also overlap with yours in clothing",
    ],
    ['identical', ['apparel'], ['Hijab'], 2, 'Same categories as yours (clothing): closer to a competitor than a complement'],
    ['unrelated', ['apparel'], ['home decor'], 1, 'Unrelated categories: the candidate homeware, you clothing'],
    // the test factory's organization (clothing, headwear): bags sit next to clothing, not to headwear
    ['next to one of two', ['apparel', 'headwear'], ['Leather bags'], 5, "The candidate's products (bags) complement yours (clothing)"],
    ['same unlisted category', ['coffee'], ['Coffee'], 2, 'Same categories as yours (Coffee): closer to a competitor than a complement'],
  ])('%s: %j vs %j → %i', (_, mine, theirs, score, en) => {
    expect(judge('product_complementarity', { initiator: { categories: mine }, candidate: { categories: theirs } })).toMatchObject({
      score,
      en,
    });
  });

  it('names the pairs in Indonesian', () => {
    expect(judge('product_complementarity').id).toBe('Produk kandidat (tas) melengkapi produk Anda (pakaian)');
  });
});

describe('capability_fit (capacity ≥ volume and lead time ≤ timeline; the weaker decides)', () => {
  it.each([
    ['both met', {}, 5, 'Capacity 500/month ≥ needed 300/month; Lead time 14 days ≤ timeline 30 days', []],
    // 5 × 200/300 = 3.33 → 3
    [
      'capacity short',
      { candidate: { capacityPerMonth: 200 } },
      3,
      'Capacity 200/month < needed 300/month; Lead time 14 days ≤ timeline 30 days',
      ['capacity below the required volume'],
    ],
    // 5 × 30/45 = 3.33 → 3
    [
      'lead time long',
      { candidate: { leadTimeDays: 45 } },
      3,
      'Capacity 500/month ≥ needed 300/month; Lead time 45 days > timeline 30 days',
      ['lead time longer than the timeline'],
    ],
    // capacity 5 × 100/300 = 1.67 → 1, lead time 5 × 30/60 = 2.5 → 2; the lower: 1
    [
      'both short',
      { candidate: { capacityPerMonth: 100, leadTimeDays: 60 } },
      1,
      'Capacity 100/month < needed 300/month; Lead time 60 days > timeline 30 days',
      ['capacity below the required volume', 'lead time longer than the timeline'],
    ],
    ['only a volume needed', { needs: { volumePerMonth: 300 } }, 5, 'Capacity 500/month ≥ needed 300/month', []],
    // exactly enough is enough
    ['exactly the volume and timeline', { candidate: { capacityPerMonth: 300, leadTimeDays: 30 } }, 5, expect.any(String), []],
  ] as Array<[string, Case, number, string, string[]]>)('%s', (_, c, score, en, flags) => {
    expect(judge('capability_fit', c)).toMatchObject({ score, source: 'computed', en, flags });
  });

  it('writes the numbers the Indonesian way in Indonesian', () => {
    const fit = judge('capability_fit', { needs: { volumePerMonth: 1200, leadTimeDays: 30 }, candidate: { capacityPerMonth: 1500 } });
    expect(fit.id).toBe('Kapasitas 1.500/bulan ≥ kebutuhan 1.200/bulan; Waktu produksi 14 hari ≤ jadwal 30 hari');
    expect(fit.en).toBe('Capacity 1,500/month ≥ needed 1,200/month; Lead time 14 days ≤ timeline 30 days');
  });
});

describe('reputation_risk (registered marks in the Nice classes of the candidate’s categories)', () => {
  it.each([
    ['registered in its class', {}, 5, 'Registered mark in 1 of 1 relevant Nice classes (registered: 18; pending: —; none: —)', []],
    [
      'no mark at all',
      { marks: [] },
      0,
      'Registered mark in 0 of 1 relevant Nice classes (registered: —; pending: —; none: 18)',
      ['mark not registered (Nice class 18)'],
    ],
    [
      'registered, but in another class',
      { marks: [{ classes: [25], status: 'registered' }] },
      0,
      expect.any(String),
      ['mark not registered (Nice class 18)'],
    ],
    // classes 18 and 25 relevant; 25 registered (1), 18 filed (0.5): 5 × 1.5/2 = 3.75 → 3
    [
      'one registered, one filed',
      {
        categories: ['bags', 'sepatu'],
        marks: [
          { classes: [25], status: 'registered' },
          { classes: [18], status: 'filed' },
        ],
      },
      3,
      'Registered mark in 1 of 2 relevant Nice classes (registered: 25; pending: 18; none: —)',
      ['mark not registered (Nice class 18)'],
    ],
    // opposed earns 0.25: 5 × 0.25 = 1.25 → 1
    ['opposed', { marks: [{ classes: [18], status: 'opposed' }] }, 1, expect.any(String), ['mark not registered (Nice class 18)']],
    [
      'refused and lapsed earn nothing',
      {
        categories: ['bags', 'apparel'],
        marks: [
          { classes: [18], status: 'refused' },
          { classes: [25], status: 'lapsed' },
        ],
      },
      0,
      'Registered mark in 0 of 2 relevant Nice classes (registered: —; pending: —; none: 18, 25)',
      ['mark not registered (Nice classes 18, 25)'],
    ],
  ] as Array<[string, Partial<FitProfile>, number, string, string[]]>)('%s', (_, theirs, score, en, flags) => {
    expect(judge('reputation_risk', { candidate: theirs })).toMatchObject({ score, source: 'computed', en, flags });
  });
});

describe('awareness_asymmetry (the less-known partner gains more)', () => {
  const followers = (mine: number, theirs: number): Case => ({
    initiator: audience(['Jakarta'], ['25-34'], { instagram: mine }),
    candidate: audience(['Jakarta'], ['25-34'], { tiktok: theirs }),
  });
  it.each([
    // base: 50,000 vs 4,000 + 1,000 → ratio 10 → 5
    [
      'much better known candidate',
      {},
      5,
      'Followers: the candidate 50,000, you 5,000; the candidate is 10× better known, so you gain more',
    ],
    [
      'three times',
      followers(5000, 15000),
      4,
      'Followers: the candidate 15,000, you 5,000; the candidate is 3× better known, so you gain more',
    ],
    [
      '2.5 times',
      followers(4000, 10000),
      3,
      'Followers: the candidate 10,000, you 4,000; the candidate is 2.5× better known, so you gain more',
    ],
    ['equally known', followers(5000, 5000), 2, 'Followers: the candidate 5,000, you 5,000; about equally known, so both gain alike'],
    // 2,000 / 5,000 = 0.4 → 1
    [
      'less known candidate',
      followers(5000, 2000),
      1,
      'Followers: the candidate 2,000, you 5,000; you are 2.5× better known, so the candidate gains more',
    ],
    // 1,000 / 5,000 = 0.2 → 0
    [
      'much less known candidate',
      followers(5000, 1000),
      0,
      'Followers: the candidate 1,000, you 5,000; you are 5× better known, so the candidate gains more',
    ],
  ] as Array<[string, Case, number, string]>)('%s', (_, c, score, en) => {
    expect(judge('awareness_asymmetry', c)).toMatchObject({ score, source: 'computed', en });
  });

  it('says who gains in Indonesian', () => {
    expect(judge('awareness_asymmetry').id).toBe(
      'Pengikut: kandidat 50.000, Anda 5.000; kandidat 10× lebih dikenal, jadi Anda yang lebih diuntungkan',
    );
  });
});

describe('missing data: null score, a flag naming what is missing', () => {
  it.each([
    ['brand_image_fit', { candidate: { priceTier: undefined } }, 'price tier not declared by the candidate', 'computed'],
    [
      'brand_image_fit',
      { initiator: { priceTier: null }, candidate: { priceTier: undefined } },
      'price tier not declared by either side',
      'computed',
    ],
    ['audience_overlap', { candidate: { audience: undefined } }, 'cities or age bands not declared on both sides', 'computed'],
    [
      'audience_overlap',
      { initiator: audience(['Jakarta'], []), candidate: audience([], ['25-34']) },
      'cities or age bands not declared on both sides',
      'computed',
    ],
    ['product_complementarity', { candidate: { categories: [] } }, 'product categories not declared by the candidate', 'computed'],
    ['product_complementarity', { initiator: { categories: [] } }, 'product categories not declared by you', 'computed'],
    ['product_complementarity', { candidate: { categories: ['coffee'] } }, 'categories not in the adjacency list: coffee', 'computed'],
    ['capability_fit', { candidate: { capacityPerMonth: undefined } }, 'capacity not declared', 'computed'],
    [
      'capability_fit',
      { candidate: { capacityPerMonth: null, leadTimeDays: null } },
      'capacity not declared, lead time not declared',
      'computed',
    ],
    ['capability_fit', { needs: {} }, 'the proposal states no volume or timeline', 'computed'],
    ['reputation_risk', { candidate: { categories: [] } }, 'product categories not declared by the candidate', 'computed'],
    ['reputation_risk', { candidate: { categories: ['coffee'] } }, 'no Nice class known for categories: coffee', 'computed'],
    // whole words: 'pajamas' is not a watch although it contains 'jam'
    ['reputation_risk', { candidate: { categories: ['Pajamas'] } }, 'no Nice class known for categories: Pajamas', 'computed'],
    [
      'awareness_asymmetry',
      { candidate: audience(['Jakarta'], ['25-34'], {}) },
      'follower counts not declared by the candidate',
      'computed',
    ],
    ['awareness_asymmetry', { initiator: { audience: null } }, 'follower counts not declared by you', 'computed'],
    ['relational_fit', {}, 'not rated by the initiator yet', 'rated'],
  ] as Array<[Criterion, Case, string, string]>)('%s, case %#', (key, c, reason, source) => {
    const fit = judge(key, c);
    expect(fit).toMatchObject({ score: null, source, en: `Cannot be judged yet: ${reason}` });
    expect(fit.flags).toContain(`not enough data: ${key} (${reason})`);
  });

  it('explains it in Indonesian too', () => {
    expect(judge('capability_fit', { candidate: { capacityPerMonth: undefined } }).id).toBe('Belum dapat dinilai: kapasitas belum diisi');
  });

  it('still flags a known shortfall when another figure is missing', () => {
    const fit = judge('capability_fit', { candidate: { capacityPerMonth: undefined, leadTimeDays: 45 } });
    expect(fit.score).toBeNull();
    expect(fit.flags).toEqual(['lead time longer than the timeline', 'not enough data: capability_fit (capacity not declared)']);
  });
});

describe('ratings override computed scores', () => {
  it.each([
    // computed 3 (capacity 200 of 300)
    ['capability_fit', { candidate: { capacityPerMonth: 200 } }, 5, 'Rated by the initiator: 5/5 (from the profiles: 3/5)'],
    ['product_complementarity', {}, 1, 'Rated by the initiator: 1/5 (from the profiles: 5/5)'],
    ['brand_image_fit', { candidate: { priceTier: 'premium' } }, 4, 'Rated by the initiator: 4/5 (from the profiles: 2/5)'],
    ['capability_fit', { candidate: { capacityPerMonth: undefined } }, 4, 'Rated by the initiator: 4/5'],
    ['relational_fit', {}, 4, 'Rated by the initiator: 4/5'],
    ['awareness_asymmetry', {}, 0, 'Rated by the initiator: 0/5 (from the profiles: 5/5)'],
  ] as Array<[Criterion, Case, number, string]>)('%s rated, case %#', (key, c, rating, en) => {
    const fit = judge(key, { ...c, ratings: { [key]: rating } });
    expect(fit).toMatchObject({ score: rating, source: 'rated', en });
    expect(fit.flags.filter((f) => f.startsWith('not enough data'))).toEqual([]);
  });

  it('keeps the risk flags the data shows, and writes decimals the Indonesian way', () => {
    const fit = judge('capability_fit', { candidate: { capacityPerMonth: 200 }, ratings: { capability_fit: 3.5 } });
    expect(fit.flags).toEqual(['capacity below the required volume']);
    expect(fit.id).toBe('Dinilai oleh inisiator: 3,5/5 (dari profil: 3/5)');
  });

  it.each([6, -1, Number.NaN])('refuses a rating of %d', (rating) => {
    expect(() => judge('relational_fit', { ratings: { relational_fit: rating } })).toThrow(RangeError);
  });
});

describe('the total: round(Σ weight × score / 5), unknown counting 0', () => {
  const requirements = (minimum?: number): PartnerRequirement[] => [
    { criterion: 'product_complementarity', weight: 30 },
    { criterion: 'capability_fit', weight: 25, minimum },
    { criterion: 'reputation_risk', weight: 15 },
    { criterion: 'audience_overlap', weight: 10 },
    { criterion: 'awareness_asymmetry', weight: 10 },
    { criterion: 'brand_image_fit', weight: 10 },
  ];

  it.each([
    // 30×5 + 25×5 + 15×5 + 10×2 + 10×5 + 10×4 = 150 + 125 + 75 + 20 + 50 + 40 = 460 → 92
    ['the base pair', {}, 92],
    // capability 3: 150 + 75 + 75 + 20 + 50 + 40 = 410 → 82
    ['capacity short', { candidate: { capacityPerMonth: 200 } }, 82],
    // capability unknown counts 0: 150 + 0 + 75 + 20 + 50 + 40 = 335 → 67
    ['capacity unknown', { candidate: { capacityPerMonth: undefined } }, 67],
    // reputation 0 and awareness 0 (1,000 vs 5,000): 150 + 125 + 0 + 20 + 0 + 40 = 335 → 67
    [
      'unregistered, less known',
      { candidate: { ...candidate, marks: [], ...audience(['Jakarta', 'Surabaya'], ['25-34'], { instagram: 1000 }) } },
      67,
    ],
  ] as Array<[string, Case, number]>)('%s', (_, c, score) => {
    expect(scoreFit(input(c, requirements())).score).toBe(score);
  });

  it('rounds to the nearest point: 33×5 + 33×2 + 34×3 = 333 → 66.6 → 67', () => {
    const result = scoreFit(
      input({ ratings: { relational_fit: 3 } }, [
        { criterion: 'product_complementarity', weight: 33 },
        { criterion: 'audience_overlap', weight: 33 },
        { criterion: 'relational_fit', weight: 34 },
      ]),
    );
    expect(result.criteria.map((c) => c.score)).toEqual([5, 2, 3]);
    expect(result.score).toBe(67);
  });

  it('keeps the criteria in the order of the requirements, and the whole result shape', () => {
    const result = scoreFit(input({}, requirements(3)));
    expect(result.criteria.map((c) => c.key)).toEqual([
      'product_complementarity',
      'capability_fit',
      'reputation_risk',
      'audience_overlap',
      'awareness_asymmetry',
      'brand_image_fit',
    ]);
    expect(result).toMatchObject({ score: 92, eligible: true, flags: [] });
    expect(result.criteria.every((c) => c.explanation.id && c.explanation.en && !/[{}\n]/.test(c.explanation.id + c.explanation.en))).toBe(
      true,
    );
  });

  describe('minimums decide eligibility', () => {
    it.each([
      // capacity 200 of 300 → 3
      ['met exactly', { candidate: { capacityPerMonth: 200 } }, 3, true, ['capacity below the required volume']],
      // capacity 100 of 300 → 1
      [
        'below',
        { candidate: { capacityPerMonth: 100 } },
        3,
        false,
        ['capacity below the required volume', 'below the minimum: capability_fit 1 < 3'],
      ],
      [
        'not known yet',
        { candidate: { capacityPerMonth: undefined } },
        3,
        false,
        ['not enough data: capability_fit (capacity not declared)', 'minimum not yet known: capability_fit (needs 3)'],
      ],
      [
        'rated up to the minimum',
        { candidate: { capacityPerMonth: 100 }, ratings: { capability_fit: 3 } },
        3,
        true,
        ['capacity below the required volume'],
      ],
      [
        'a minimum of 0 on a known 0',
        { candidate: { capacityPerMonth: 200 }, ratings: { capability_fit: 0 } },
        0,
        true,
        ['capacity below the required volume'],
      ],
    ] as Array<[string, Case, number, boolean, string[]]>)('%s', (_, c, minimum, eligible, flags) => {
      const result = scoreFit(input(c, requirements(minimum)));
      expect(result.eligible).toBe(eligible);
      expect(result.flags).toEqual(flags);
    });

    it('an unrated relational minimum makes the candidate ineligible, whatever the score', () => {
      const result = scoreFit(
        input({}, [
          { criterion: 'product_complementarity', weight: 60 },
          { criterion: 'relational_fit', weight: 40, minimum: 2 },
        ]),
      );
      // 60×5 + 40×0 = 300 → 60
      expect(result).toMatchObject({ score: 60, eligible: false });
      expect(result.flags).toEqual([
        'not enough data: relational_fit (not rated by the initiator yet)',
        'minimum not yet known: relational_fit (needs 2)',
      ]);
    });
  });
});

describe('weights', () => {
  const r = (criterion: string, weight: number, minimum?: number) => ({ criterion, weight, minimum });
  it.each([
    ['none yet (a draft)', [], null],
    ['100', [r('capability_fit', 60), r('relational_fit', 40)], null],
    ['decimals adding up to 100', [r('capability_fit', 33.3), r('relational_fit', 33.3), r('brand_image_fit', 33.4)], null],
    ['85', [r('capability_fit', 60), r('relational_fit', 25)], 'weights add up to 85, not 100'],
    ['120', [r('capability_fit', 60), r('relational_fit', 60)], 'weights add up to 120, not 100'],
    ['an unknown criterion', [r('capability_fit', 60), r('vibes', 40)], 'unknown criterion: vibes'],
    ['a criterion twice', [r('capability_fit', 60), r('capability_fit', 40)], 'capability_fit is listed twice'],
    [
      'a negative weight',
      [r('capability_fit', 110), r('relational_fit', -10)],
      'capability_fit: weight must be a number from 0 to 100; relational_fit: weight must be a number from 0 to 100',
    ],
    ['a minimum above 5', [r('capability_fit', 100, 6)], 'capability_fit: minimum must be from 0 to 5'],
    ['several problems at once', [r('vibes', 50), r('capability_fit', 35)], 'unknown criterion: vibes; weights add up to 85, not 100'],
  ])('%s', (_, requirements, problem) => {
    expect(weightProblem(requirements)).toBe(problem);
  });

  it('flags bad weights and unknown criteria in a score instead of failing, and keeps the score within 0–100', () => {
    const over = scoreFit(
      input({}, [
        { criterion: 'product_complementarity', weight: 70 },
        { criterion: 'capability_fit', weight: 50 },
        { criterion: 'vibes' as Criterion, weight: 10, minimum: 1 },
      ]),
    );
    // 70×5 + 50×5 = 600 → 120, kept at 100
    expect(over.score).toBe(100);
    expect(over.criteria.map((c) => c.key)).toEqual(['product_complementarity', 'capability_fit']);
    expect(over.eligible).toBe(false);
    expect(over.flags).toEqual(['unknown criterion: vibes; weights add up to 130, not 100', 'minimum not yet known: vibes (needs 1)']);
  });
});

describe('the data files', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const sentences = (node: unknown): Bilingual[] =>
    node && typeof node === 'object' ? ('id' in node && 'en' in node ? [node as Bilingual] : Object.values(node).flatMap(sentences)) : [];

  it('every sentence has both languages, one line each, with the same placeholders', () => {
    const all = sentences(FIT_DATA.texts);
    expect(all.length).toBeGreaterThan(30);
    for (const s of all) {
      expect(s.id && s.en).toBeTruthy();
      expect(`${s.id}${s.en}`).not.toContain('\n');
      expect(placeholders(s.id)).toEqual(placeholders(s.en));
    }
  });

  it('adjacent pairs name known groups, and every IP status has a credit', () => {
    const groups = Object.keys(FIT_DATA.adjacency.groups);
    expect(FIT_DATA.adjacency.adjacent.flat().filter((g) => !groups.includes(g))).toEqual([]);
    expect(IP_STATUSES.filter((s) => !(s in FIT_DATA.rules.reputation_risk.statusCredit))).toEqual([]);
  });

  it('thresholds come from the data', () => {
    const data: FitData = {
      ...FIT_DATA,
      rules: { ...FIT_DATA.rules, brand_image_fit: { priceTier: { same: 5, adjacent: 3, apart: 1 } } },
    };
    expect(judge('brand_image_fit', {}, data).score).toBe(5);
  });

  it('a misspelt placeholder fails loudly rather than printing braces', () => {
    const texts = structuredClone(FIT_DATA.texts);
    texts.criteria.capability_fit.capacityMet = { id: 'Kapasitas {kapasitas}/bulan', en: 'Capacity {capacity}/month' };
    expect(() => judge('capability_fit', {}, { ...FIT_DATA, texts })).toThrow(/\{kapasitas\}/);
  });
});
