// Outcomes of one party's post-collaboration KPIs (issue 7; definitions in legal facts §6.2), and the review plan against them.
// Pure: no I/O. A figure that cannot be computed is null with a reason naming the field, never NaN or Infinity.
import { KPI_KEYS, type KpiKey, type ReviewPlan } from '../../workflows/collaboration/index.js';

/** Counts are non-negative integers, money whole rupiah, percentages 0–100; any field may be absent (HTTP requires the planned ones). */
export interface Engagements {
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
}
export interface AwarenessKpis {
  followersBefore?: number | null;
  followersAfter?: number | null;
  reach?: number | null;
  impressions?: number | null;
  engagements?: Engagements | null;
  mentions?: number | null;
  clicks?: number | null;
  aidedRecognitionPct?: number | null;
  unaidedRecallPct?: number | null;
}
export interface CommercialKpis {
  unitsSold?: number | null;
  grossRevenue?: number | null;
  discounts?: number | null;
  returns?: number | null;
  costOfGoods?: number | null;
  marketingCost?: number | null;
  revenueSharePaid?: number | null;
  revenueShareReceived?: number | null;
}
/** The `kpis` of a `review.submit`. */
export interface KpiSubmission {
  awareness?: AwarenessKpis | null;
  commercial?: CommercialKpis | null;
}

/** A computed figure, or why there is none. */
export type Computed = { value: number; reason: null } | { value: null; reason: string };

export interface Outcomes {
  followerGrowthPct: Computed;
  engagementRatePct: Computed;
  ctrPct: Computed;
  netRevenue: Computed;
  profit: Computed;
  marginPct: Computed;
  roiPct: Computed;
}

export interface KpiEvaluation {
  key: KpiKey;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  /** Why `actual` is null (a missing or zero input), else null. */
  reason: string | null;
  /** Every KPI is higher-is-better; null when there is no target or no actual. */
  met: boolean | null;
  /** actual − target, in the KPI's own unit (percentage points for the _pct ones). */
  byHowMuch: number | null;
  /** actual − baseline, in the KPI's own unit. */
  changeFromBaseline: number | null;
}

const ENGAGEMENT_COUNTS = ['likes', 'comments', 'shares', 'saves'] as const;
const COMMERCIAL_FOR_PROFIT = [
  'grossRevenue',
  'discounts',
  'returns',
  'revenueShareReceived',
  'costOfGoods',
  'marketingCost',
  'revenueSharePaid',
] as const;
const NET_REVENUE_INPUTS = ['kpis.commercial.grossRevenue', 'kpis.commercial.discounts', 'kpis.commercial.returns'];
const PROFIT_INPUTS = COMMERCIAL_FOR_PROFIT.map((field) => `kpis.commercial.${field}`);

// Exhaustive over KPI_KEYS at compile time: a new KPI key cannot ship without saying what it needs.
const REQUIRED_INPUTS: Record<KpiKey, readonly string[]> = {
  follower_growth_pct: ['kpis.awareness.followersBefore', 'kpis.awareness.followersAfter'],
  engagement_rate_pct: [...ENGAGEMENT_COUNTS.map((count) => `kpis.awareness.engagements.${count}`), 'kpis.awareness.reach'],
  reach: ['kpis.awareness.reach'],
  mentions: ['kpis.awareness.mentions'],
  ctr_pct: ['kpis.awareness.clicks', 'kpis.awareness.impressions'],
  recall_pct: ['kpis.awareness.unaidedRecallPct'],
  units_sold: ['kpis.commercial.unitsSold'],
  net_revenue: NET_REVENUE_INPUTS,
  profit: PROFIT_INPUTS,
  margin_pct: PROFIT_INPUTS,
  roi_pct: PROFIT_INPUTS,
};

/** The submission fields (as paths in the `review.submit` body) a planned KPI needs; 0 counts as given. */
export function requiredInputs(key: KpiKey): string[] {
  return [...REQUIRED_INPUTS[key]];
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function valueAt(kpis: KpiSubmission, path: string): unknown {
  let at: unknown = kpis;
  for (const part of path.replace(/^kpis\./, '').split('.')) {
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  }
  return at;
}

/** The required inputs of `key` that the submission lacks, for a 4xx naming them; empty when the KPI can be computed. */
export function missingInputs(kpis: KpiSubmission, key: KpiKey): string[] {
  return REQUIRED_INPUTS[key].filter((path) => !isNumber(valueAt(kpis, path)));
}

/** Half away from zero at 2 decimals; toPrecision first, so 1.005 (really 1.00499…) still rounds to 1.01. */
export function roundPct(value: number): number {
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / 100 || 0; // `|| 0`: never −0
}

const ok = (value: number): Computed => ({ value, reason: null });
const none = (reason: string): Computed => ({ value: null, reason });
const missing = (paths: string[]): Computed => none(`${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} missing`);

/** Reads the inputs at `paths` (all numbers) or says which are missing. */
function inputs(kpis: KpiSubmission, paths: readonly string[]): number[] | Computed {
  const absent = paths.filter((path) => !isNumber(valueAt(kpis, path)));
  return absent.length ? missing(absent) : paths.map((path) => valueAt(kpis, path) as number);
}

/**
 * A figure only when it is finite, and (for sums of whole rupiah or counts) an exact integer. The maxima of
 * src/common/limits.ts keep every accepted submission inside; submissions stored before them may not be.
 */
function bounded(value: number, what: string, integer = false): Computed {
  return Number.isFinite(value) && (!integer || Number.isSafeInteger(value)) ? ok(value) : none(`${what} is too large to compute`);
}

/** numerator × 100 / denominator, multiplied first so whole-number inputs round once. */
function percent(numerator: number, denominator: number, denominatorName: string, what: string): Computed {
  if (denominator === 0) return none(`${denominatorName} is 0`);
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return none(`${what} is too large to compute`);
  return bounded(roundPct((numerator * 100) / denominator), what);
}

/** (after − before) / before × 100. */
export function followerGrowthPct(kpis: KpiSubmission): Computed {
  const read = inputs(kpis, REQUIRED_INPUTS.follower_growth_pct);
  if (!Array.isArray(read)) return read;
  const [before, after] = read;
  return percent(after - before, before, 'kpis.awareness.followersBefore', 'follower growth');
}

/** (likes + comments + shares + saves) / reach × 100; all four counts are needed (a platform without saves sends 0). */
export function engagementRatePct(kpis: KpiSubmission): Computed {
  const read = inputs(kpis, REQUIRED_INPUTS.engagement_rate_pct);
  if (!Array.isArray(read)) return read;
  const reach = read[read.length - 1];
  const engagements = read.slice(0, -1).reduce((sum, count) => sum + count, 0);
  return percent(engagements, reach, 'kpis.awareness.reach', 'the engagement rate');
}

/** clicks / impressions × 100. */
export function ctrPct(kpis: KpiSubmission): Computed {
  const read = inputs(kpis, REQUIRED_INPUTS.ctr_pct);
  if (!Array.isArray(read)) return read;
  const [clicks, impressions] = read;
  return percent(clicks, impressions, 'kpis.awareness.impressions', 'the click-through rate');
}

/** gross − discounts − returns, whole rupiah. */
export function netRevenue(kpis: KpiSubmission): Computed {
  const read = inputs(kpis, NET_REVENUE_INPUTS);
  if (!Array.isArray(read)) return read;
  const [gross, discounts, returns] = read;
  return bounded(gross - discounts - returns, 'net revenue', true);
}

interface ProfitParts {
  netRevenue: number;
  profit: number;
  costs: number;
}

function profitParts(kpis: KpiSubmission): ProfitParts | Computed {
  const read = inputs(kpis, PROFIT_INPUTS);
  if (!Array.isArray(read)) return read;
  const [gross, discounts, returns, received, costOfGoods, marketingCost, paid] = read;
  const net = gross - discounts - returns;
  const costs = costOfGoods + marketingCost + paid;
  const parts = { netRevenue: net, profit: net + received - costs, costs };
  // Inexact sums would make profit, margin and ROI disagree: none of the three then.
  return Object.values(parts).every(Number.isSafeInteger) ? parts : none('profit is too large to compute');
}

const isParts = (value: ProfitParts | Computed): value is ProfitParts => 'profit' in value;

/** net revenue + revenue share received − cost of goods − marketing cost − revenue share paid, whole rupiah. */
export function profit(kpis: KpiSubmission): Computed {
  const parts = profitParts(kpis);
  return isParts(parts) ? ok(parts.profit) : parts;
}

/** profit / net revenue × 100; null unless net revenue is positive (a negative base would flip the sign of the margin). */
export function marginPct(kpis: KpiSubmission): Computed {
  const parts = profitParts(kpis);
  if (!isParts(parts)) return parts;
  if (parts.netRevenue < 0) return none('net revenue (kpis.commercial.grossRevenue − discounts − returns) is negative');
  return percent(parts.profit, parts.netRevenue, 'net revenue (kpis.commercial.grossRevenue − discounts − returns)', 'the margin');
}

/** profit / (cost of goods + marketing cost + revenue share paid) × 100: the return on what the party spent. */
export function roiPct(kpis: KpiSubmission): Computed {
  const parts = profitParts(kpis);
  if (!isParts(parts)) return parts;
  return percent(parts.profit, parts.costs, 'costs (kpis.commercial.costOfGoods + marketingCost + revenueSharePaid)', 'the ROI');
}

/** Every computed outcome of one submission, whether planned or not. */
export function computeOutcomes(kpis: KpiSubmission): Outcomes {
  return {
    followerGrowthPct: followerGrowthPct(kpis),
    engagementRatePct: engagementRatePct(kpis),
    ctrPct: ctrPct(kpis),
    netRevenue: netRevenue(kpis),
    profit: profit(kpis),
    marginPct: marginPct(kpis),
    roiPct: roiPct(kpis),
  };
}

/** A read-through figure: the field as given, or why there is none. */
function given(kpis: KpiSubmission, path: string, round = false): Computed {
  const value = valueAt(kpis, path);
  return isNumber(value) ? bounded(round ? roundPct(value) : value, path) : missing([path]);
}

const ACTUAL: Record<KpiKey, (kpis: KpiSubmission) => Computed> = {
  follower_growth_pct: followerGrowthPct,
  engagement_rate_pct: engagementRatePct,
  reach: (kpis) => given(kpis, 'kpis.awareness.reach'),
  mentions: (kpis) => given(kpis, 'kpis.awareness.mentions'),
  ctr_pct: ctrPct,
  recall_pct: (kpis) => given(kpis, 'kpis.awareness.unaidedRecallPct', true), // unaided recall, not aided recognition (§6.2 lists both)
  units_sold: (kpis) => given(kpis, 'kpis.commercial.unitsSold'),
  net_revenue: netRevenue,
  profit,
  margin_pct: marginPct,
  roi_pct: roiPct,
};

/** The actual value of one KPI key from a submission. */
export function actualKpi(kpis: KpiSubmission, key: KpiKey): Computed {
  return ACTUAL[key](kpis);
}

/** Every KPI key with its actual value, in KPI_KEYS order. */
export function actualKpis(kpis: KpiSubmission): Record<KpiKey, Computed> {
  return Object.fromEntries(KPI_KEYS.map((key) => [key, actualKpi(kpis, key)])) as Record<KpiKey, Computed>;
}

// Differences of 2-decimal figures pick up float noise (12.35 − 10.1 = 2.2499…); whole rupiah and counts stay exact.
function difference(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  const d = Number.isInteger(a) && Number.isInteger(b) ? a - b : roundPct(a - b);
  return Number.isFinite(d) ? d : null; // a plan stored before the maxima may hold ±1e308
}

/** Each planned KPI against its baseline and target, in plan order. */
export function evaluatePlan(plan: Pick<ReviewPlan, 'kpis'>, kpis: KpiSubmission): KpiEvaluation[] {
  return plan.kpis.map(({ key, baseline, target }) => {
    const { value: actual, reason } = actualKpi(kpis, key);
    const base = isNumber(baseline) ? baseline : null;
    const goal = isNumber(target) ? target : null;
    return {
      key,
      baseline: base,
      target: goal,
      actual,
      reason,
      met: actual === null || goal === null ? null : actual >= goal,
      byHowMuch: difference(actual, goal),
      changeFromBaseline: difference(actual, base),
    };
  });
}

/** The KPIs that measure brand awareness (legal facts §6.2); the rest are commercial. */
export const AWARENESS_KPIS: readonly KpiKey[] = [
  'follower_growth_pct',
  'engagement_rate_pct',
  'reach',
  'mentions',
  'ctr_pct',
  'recall_pct',
];

/** Whether every awareness KPI with a known result met its target; null when none has one. */
export function awarenessMet(evaluations: readonly KpiEvaluation[]): boolean | null {
  const known = evaluations.filter((e) => AWARENESS_KPIS.includes(e.key) && e.met !== null);
  return known.length ? known.every((e) => e.met) : null;
}

/** How many planned KPIs missed their target; null when no KPI has a known result. */
export function targetsMissed(evaluations: readonly KpiEvaluation[]): number | null {
  const known = evaluations.filter((e) => e.met !== null);
  return known.length ? known.filter((e) => e.met === false).length : null;
}

/** The middle value (mean of the two middle ones for an even count); null for none. Non-finite entries are ignored. */
export function median(numbers: readonly number[]): number | null {
  const sorted = numbers.filter(isNumber).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
