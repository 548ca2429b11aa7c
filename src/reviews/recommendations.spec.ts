import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scale as OrganizationScale } from '../organizations/organization.entity.js';
import {
  checkRules,
  loadRecommendationRules,
  recommend,
  type RecommendationRule,
  type ReviewFacts,
  type Scale,
} from './recommendations.js';

// Compile-time: the review's scales are the organizations' scales (a type-only import, so no TypeORM at run time).
const sameScales: [Scale, OrganizationScale] extends [OrganizationScale, Scale] ? true : never = true;

const rules = loadRecommendationRules(); // the real templates/reviews/recommendation-rules.json, through TEMPLATES_DIR

// A collaboration that went well: no rule should fire.
const calm: ReviewFacts = {
  partnerSearchDays: 30,
  candidatesConsidered: 5,
  capabilityFitScore: 4,
  targetsMissed: 0,
  marksUnregistered: 0,
  ipItemsWaived: 0,
  awarenessMet: true,
  profit: 1_000_000,
  partnerCommunicationRating: 4,
  partnerCommitmentRating: 4,
  partnerQualityRating: 4,
  partnerTimelinessRating: 4,
  scale: 'micro',
};
const unknown: ReviewFacts = {
  partnerSearchDays: null,
  candidatesConsidered: null,
  capabilityFitScore: null,
  targetsMissed: null,
  marksUnregistered: null,
  ipItemsWaived: null,
  awarenessMet: null,
  profit: null,
  partnerCommunicationRating: null,
  partnerCommitmentRating: null,
  partnerQualityRating: null,
  partnerTimelinessRating: null,
  scale: 'small',
};
const fired = (facts: Partial<ReviewFacts>, base: ReviewFacts = calm) => recommend({ ...base, ...facts }, rules);
const only = (id: string, facts: Partial<ReviewFacts>, base?: ReviewFacts) => {
  const found = fired(facts, base);
  expect(found.map((r) => r.id)).toEqual([id]);
  return found[0];
};

describe('the rule file', () => {
  it('holds at least the five rules of issue 7, each with a source and advice in both languages, and no problems', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'widen-network',
      'fit-capabilities',
      'register-marks',
      'revisit-split',
      'communication-cadence',
    ]);
    expect(checkRules(rules)).toEqual([]);
    for (const rule of rules) expect(rule.source).toMatch(/§\d/);
  });

  it('keeps the trademark fees in data with their basis, marked to be confirmed (legal facts §2.7)', () => {
    const fee = rules.find((r) => r.id === 'register-marks')!.lookups!.markFee;
    expect(fee.table).toEqual({ micro: 500000, small: 500000, medium: 1800000 });
    expect(fee.mark).toBe('U');
    expect(fee.basis).toContain('§2.7');
    expect(fee.toConfirm).toContain('PP 45/2024');
  });

  it('fires nothing for a collaboration that went well', () => expect(fired({})).toEqual([]));

  it('knows the same scales as organizations', () => expect(sameScales).toBe(true));
});

describe('each rule, both ways', () => {
  it.each<[string, Partial<ReviewFacts>]>([
    ['widen-network', { partnerSearchDays: 60 }],
    ['widen-network', { candidatesConsidered: 2 }],
    ['fit-capabilities', { capabilityFitScore: 2, targetsMissed: 1 }],
    ['register-marks', { marksUnregistered: 1 }],
    ['register-marks', { ipItemsWaived: 1 }],
    ['revisit-split', { profit: -1 }],
    ['communication-cadence', { partnerCommunicationRating: 2 }],
  ])('%s fires at %j', (id, facts) => expect(fired(facts).map((r) => r.id)).toEqual([id]));

  it.each<[string, Partial<ReviewFacts>]>([
    ['widen-network', { partnerSearchDays: 59 }],
    ['widen-network', { candidatesConsidered: 3 }],
    ['fit-capabilities', { capabilityFitScore: 2.5, targetsMissed: 3 }],
    ['fit-capabilities', { capabilityFitScore: 0, targetsMissed: 0 }],
    ['register-marks', { marksUnregistered: 0, ipItemsWaived: 0 }],
    ['revisit-split', { profit: 0 }],
    ['revisit-split', { awarenessMet: false, profit: -5_000_000 }],
    ['communication-cadence', { partnerCommunicationRating: 3 }],
  ])('%s stays quiet at %j', (_, facts) => expect(fired(facts)).toEqual([]));
});

describe('advice with the numbers that triggered it', () => {
  it('widen-network: the days of search, formatted per language', () => {
    const r = only('widen-network', { partnerSearchDays: 1200 });
    expect(r.triggeredBy).toEqual({ partnerSearchDays: 1200 });
    expect(r.advice.id).toContain('Karena pencarian mitra memakan 1.200 hari (batas 60 hari), perluas jaringan');
    expect(r.advice.en).toContain('Because the partner search took 1,200 days (threshold 60 days), widen your network');
    expect(r.toBeConfirmed).toBe(false);
  });

  it('widen-network: both reasons when both hold, joined', () => {
    const r = only('widen-network', { partnerSearchDays: 75, candidatesConsidered: 1 });
    expect(r.triggeredBy).toEqual({ partnerSearchDays: 75, candidatesConsidered: 1 });
    expect(r.advice.id).toContain('memakan 75 hari (batas 60 hari) dan hanya 1 kandidat yang dipertimbangkan (batas 2 atau kurang)');
    expect(r.advice.en).toContain('took 75 days (threshold 60 days) and the number of candidates considered was 1 (2 or fewer)');
  });

  it('fit-capabilities: a fractional score with a decimal comma in Indonesian', () => {
    const r = only('fit-capabilities', { capabilityFitScore: 1.5, targetsMissed: 2 });
    expect(r.triggeredBy).toEqual({ capabilityFitScore: 1.5, targetsMissed: 2 });
    expect(r.advice.id).toContain('skor kesesuaian kapabilitas mitra terpilih 1,5 dari 5 (batas 2) dan 2 target KPI tidak tercapai');
    expect(r.advice.en).toContain(
      "the chosen partner's capability-fit score was 1.5 of 5 (threshold 2) and the number of KPI targets missed was 2",
    );
  });

  it.each<[ReviewFacts['scale'], string, string, string]>([
    ['micro', 'Rp500.000', 'Rp500,000', 'UMK'],
    ['small', 'Rp500.000', 'Rp500,000', 'UMK'],
    ['medium', 'Rp1.800.000', 'Rp1,800,000', 'general'],
  ])('register-marks for a %s party: the fee %s per class, to be confirmed', (scale, feeId, feeEn, tier) => {
    const r = only('register-marks', { marksUnregistered: 2, scale });
    expect(r.triggeredBy).toEqual({ marksUnregistered: 2 });
    expect(r.advice.id).toContain(`Karena 2 merek yang dipakai belum terdaftar, daftarkan merek`);
    expect(r.advice.id).toContain(`${feeId} per kelas`);
    expect(r.advice.en).toContain(`${feeEn} per class`);
    expect(r.advice.en).toContain(tier);
    expect(r.advice.en).toContain('to be confirmed');
    expect(r.advice.id).toContain('PP 45/2024');
    expect(r.toBeConfirmed).toBe(true);
  });

  it('revisit-split: a negative profit in rupiah', () => {
    const r = only('revisit-split', { awarenessMet: true, profit: -2_500_000 });
    expect(r.triggeredBy).toEqual({ awarenessMet: true, profit: -2_500_000 });
    expect(r.advice.id).toContain('Karena target kesadaran merek tercapai dan laba kolaborasi -Rp2.500.000, kolaborasi ini');
    expect(r.advice.en).toContain(
      "Because the awareness targets were met and the collaboration's profit was -Rp2,500,000, the collaboration",
    );
  });

  it('communication-cadence: the rating', () => {
    const r = only('communication-cadence', { partnerCommunicationRating: 1 });
    expect(r.triggeredBy).toEqual({ partnerCommunicationRating: 1 });
    expect(r.advice.id).toContain('komunikasi mitra dinilai 1 dari 5 (batas 2), sepakati ritme komunikasi');
    expect(r.advice.en).toContain("the partner's communication was rated 1 of 5 (threshold 2), agree a communication cadence");
  });

  it('fires every rule in file order, with every placeholder filled', () => {
    const all = fired({
      partnerSearchDays: 90,
      capabilityFitScore: 1,
      targetsMissed: 4,
      ipItemsWaived: 3,
      profit: -10,
      partnerCommunicationRating: 2,
      scale: 'medium',
    });
    expect(all.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    for (const r of all) expect(`${r.advice.id} ${r.advice.en}`).not.toMatch(/[{}]|null|undefined|NaN/);
  });
});

describe('unknown facts', () => {
  it('never trigger a rule, whatever the comparison', () => expect(recommend(unknown, rules)).toEqual([]));

  it('do not stop another branch of an "any", and are neither shown nor counted', () => {
    const r = only('register-marks', { ipItemsWaived: 1 }, unknown);
    expect(r.triggeredBy).toEqual({ ipItemsWaived: 1 });
    expect(r.advice.en).toContain('Because the number of IP checklist items waived was 1, register');
    expect(r.advice.en).not.toContain('marks used without registration');
  });

  it('stop an "all"', () => {
    expect(fired({ awarenessMet: null, profit: -1 })).toEqual([]);
    expect(fired({ capabilityFitScore: null, targetsMissed: 5 })).toEqual([]);
    expect(fired({ capabilityFitScore: 1, targetsMissed: null })).toEqual([]);
  });
});

describe('the evaluator on rules of its own', () => {
  const rule = (when: RecommendationRule['when'], advice = { id: 'x {because}', en: 'x {because}' }): RecommendationRule => ({
    id: 'r',
    when,
    advice,
    source: '§6',
  });

  it('reports only the comparisons of branches that held', () => {
    const nested = rule({
      any: [
        {
          all: [
            { fact: 'targetsMissed', op: '>=', value: 1 },
            { fact: 'ipItemsWaived', op: '>=', value: 1 },
          ],
        },
        { fact: 'partnerSearchDays', op: '>', value: 10, says: { id: '{partnerSearchDays} hari', en: '{partnerSearchDays} days' } },
      ],
    });
    const [r] = recommend({ ...calm, targetsMissed: 1, ipItemsWaived: 0, partnerSearchDays: 11 }, [nested]);
    expect(r.triggeredBy).toEqual({ partnerSearchDays: 11 });
    expect(r.advice).toEqual({ id: 'x 11 hari', en: 'x 11 days' });
  });

  it.each<[string, RecommendationRule, string]>([
    ['an unknown fact', rule({ fact: 'followers' as never, op: '>', value: 1 }), 'unknown fact followers'],
    ['an unknown op', rule({ fact: 'profit', op: '!=' as never, value: 1 }), 'unknown op !='],
    ['an order op on a non-number', rule({ fact: 'awarenessMet', op: '<', value: true }), '< needs a number'],
    ['an empty any', rule({ any: [] }), 'needs a non-empty all or any'],
    [
      'a placeholder only one branch of an any knows',
      rule(
        {
          any: [
            { fact: 'profit', op: '<', value: 0 },
            { fact: 'targetsMissed', op: '>', value: 0 },
          ],
        },
        { id: '{profit}', en: '{because}' },
      ),
      'advice.id uses {profit}, which may be unknown',
    ],
    [
      'a says placeholder of another fact',
      rule({ fact: 'profit', op: '<', value: 0, says: { id: '{targetsMissed}', en: '{value}' } }),
      'says.id uses {targetsMissed}',
    ],
    [
      'a scale lookup without the medium fee',
      {
        ...rule({ fact: 'profit', op: '<', value: 0 }),
        lookups: { fee: { fact: 'scale', table: { micro: 1, small: 1 }, basis: '§2.7', mark: 'V' } },
      },
      'no entry for medium',
    ],
    ['no source', { ...rule({ fact: 'profit', op: '<', value: 0 }), source: ' ' }, 'no source'],
    ['missing English advice', rule({ fact: 'profit', op: '<', value: 0 }, { id: 'x', en: '' }), 'advice.en is empty'],
  ])('checkRules finds %s', (_, broken, problem) => expect(checkRules([broken]).join('\n')).toContain(problem));

  it('finds duplicate ids, and accepts a placeholder every branch of an any knows', () => {
    const both = rule(
      {
        any: [
          { fact: 'profit', op: '<', value: 0 },
          { fact: 'profit', op: '>', value: 1_000_000_000 },
        ],
      },
      { id: '{profit} {scale}', en: '{profit} {scale}' },
    );
    expect(checkRules([both])).toEqual([]);
    expect(checkRules([both, both])).toEqual(['r: duplicate id']);
    expect(recommend({ ...calm, profit: -5 }, [both])[0].advice).toEqual({ id: '-Rp5 mikro', en: '-Rp5 micro' });
  });

  it('refuses to load a rule file with problems', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kolabora-rules-')), 'rules.json');
    writeFileSync(file, JSON.stringify({ rules: [rule({ fact: 'followers' as never, op: '>', value: 1 })] }));
    expect(() => loadRecommendationRules(file)).toThrow('r.when: unknown fact followers');
  });
});
