import type { KpiKey } from './elements.js';

// What each planned KPI needs from a review.submit, as the API's src/reviews/outcomes.ts says (review-inputs.spec.ts
// keeps the two equal): the console marks these fields required before the server has to refuse them.
const ENGAGEMENTS = ['likes', 'comments', 'shares', 'saves'].map((c) => `kpis.awareness.engagements.${c}`);
const NET_REVENUE = ['grossRevenue', 'discounts', 'returns'].map((f) => `kpis.commercial.${f}`);
const PROFIT = ['grossRevenue', 'discounts', 'returns', 'revenueShareReceived', 'costOfGoods', 'marketingCost', 'revenueSharePaid'].map(
  (f) => `kpis.commercial.${f}`,
);

export const REQUIRED_INPUTS: Record<KpiKey, readonly string[]> = {
  follower_growth_pct: ['kpis.awareness.followersBefore', 'kpis.awareness.followersAfter'],
  engagement_rate_pct: [...ENGAGEMENTS, 'kpis.awareness.reach'],
  reach: ['kpis.awareness.reach'],
  mentions: ['kpis.awareness.mentions'],
  ctr_pct: ['kpis.awareness.clicks', 'kpis.awareness.impressions'],
  recall_pct: ['kpis.awareness.unaidedRecallPct'],
  units_sold: ['kpis.commercial.unitsSold'],
  net_revenue: NET_REVENUE,
  profit: PROFIT,
  margin_pct: PROFIT,
  roi_pct: PROFIT,
};

/** Every KPI input of the form, in the order it asks for them: [path, kind]. */
export const KPI_INPUTS: ReadonlyArray<readonly [string, 'count' | 'rupiah' | 'percent']> = [
  ['kpis.awareness.followersBefore', 'count'],
  ['kpis.awareness.followersAfter', 'count'],
  ['kpis.awareness.reach', 'count'],
  ['kpis.awareness.impressions', 'count'],
  ...ENGAGEMENTS.map((path) => [path, 'count'] as const),
  ['kpis.awareness.mentions', 'count'],
  ['kpis.awareness.clicks', 'count'],
  ['kpis.awareness.aidedRecognitionPct', 'percent'],
  ['kpis.awareness.unaidedRecallPct', 'percent'],
  ['kpis.commercial.unitsSold', 'count'],
  ['kpis.commercial.grossRevenue', 'rupiah'],
  ['kpis.commercial.discounts', 'rupiah'],
  ['kpis.commercial.returns', 'rupiah'],
  ['kpis.commercial.costOfGoods', 'rupiah'],
  ['kpis.commercial.marketingCost', 'rupiah'],
  ['kpis.commercial.revenueSharePaid', 'rupiah'],
  ['kpis.commercial.revenueShareReceived', 'rupiah'],
];

/** The inputs the plan's KPIs need, without repeats. */
export const requiredFor = (keys: readonly string[]): Set<string> => new Set(keys.flatMap((key) => REQUIRED_INPUTS[key as KpiKey] ?? []));

/** The `kpis` body from the form's text values: blank fields left out, the rest as numbers at their paths. */
export function kpisBody(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path] of KPI_INPUTS) {
    const text = (values[path] ?? '').trim();
    if (!text) continue;
    const parts = path.split('.').slice(1);
    let at = body;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = Number(text.replace(',', '.'));
  }
  return body;
}
