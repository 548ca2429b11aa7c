// Insights across an organization's completed collaborations (issue 7): per form, per partner and per fit band, how many
// there were and how they went. Pure: rows in, groups out; the service reads and caches the rows.
import { readFileSync } from 'node:fs';
import type { CollaborationContext, ReviewSubmission } from '../../workflows/collaboration/index.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import { computeOutcomes, evaluatePlan, type KpiSubmission, median, roundPct } from '../reviews/index.js';
import { collaborationFacts, type PartyReview } from '../reviews/index.js';

/** One party's outcomes of one completed collaboration. */
export interface OutcomeRow {
  collaborationId: string;
  form: string;
  partnerOrganizationIds: string[];
  submitted: boolean;
  followerGrowthPct: number | null;
  profit: number | null;
  /** Planned KPIs that met their target, of those with a known result. */
  targetsMet: number;
  targetsWithResult: number;
  /** The chosen partner's fit score, 0–100; only for the initiator, who chose. */
  fitScore: number | null;
}

export interface FitBand {
  band: string;
  min: number;
  below: number;
}

export interface GroupInsight {
  group: string;
  /** The partner's name (by partner), else null. */
  name: string | null;
  collaborations: number;
  /** Of those, how many this organization reviewed (submitted its KPIs). */
  reviewed: number;
  medianFollowerGrowthPct: number | null;
  /** Whole rupiah. */
  medianProfit: number | null;
  targetsMet: number;
  targetsWithResult: number;
  /** targetsMet / targetsWithResult × 100, pooled over the group's collaborations; null when no target has a result. */
  shareOfTargetsMetPct: number | null;
}

export interface OutcomeInsights {
  organizationId: string;
  overall: GroupInsight;
  byForm: GroupInsight[];
  byPartner: GroupInsight[];
  byFitBand: GroupInsight[];
  fitBands: FitBand[];
}

/** The fit bands in templates/reviews/fit-bands.json. */
export function loadFitBands(file = `${TEMPLATES_DIR}/reviews/fit-bands.json`): FitBand[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { bands: FitBand[] }).bands;
}

// The computations give finite figures or null; a non-finite one would fail the row's insert, and with it the event.
const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

/** The row of `organizationId` from a completed collaboration's context. */
export function outcomeRow(context: CollaborationContext, organizationId: string): OutcomeRow {
  const review = context.reviews[organizationId] as ReviewSubmission | undefined;
  const kpis = (review?.kpis ?? {}) as KpiSubmission;
  const outcomes = computeOutcomes(kpis);
  const evaluations: PartyReview['evaluations'] = review ? evaluatePlan(context.reviewPlan ?? { kpis: [] }, kpis) : [];
  const known = evaluations.filter((e) => e.met !== null);
  const parties = [context.initiatorOrganizationId, ...context.partnerOrganizationIds];
  const initiated = organizationId === context.initiatorOrganizationId;
  return {
    collaborationId: context.id,
    form: context.form,
    partnerOrganizationIds: parties.filter((id) => id !== organizationId),
    submitted: Boolean(review),
    followerGrowthPct: review ? finite(outcomes.followerGrowthPct.value) : null,
    profit: review ? finite(outcomes.profit.value) : null,
    targetsMet: known.filter((e) => e.met).length,
    targetsWithResult: known.length,
    fitScore: initiated ? collaborationFacts(context, organizationId).chosenPartnerFitScore : null,
  };
}

function summarize(group: string, name: string | null, rows: OutcomeRow[]): GroupInsight {
  const targetsMet = rows.reduce((n, r) => n + r.targetsMet, 0);
  const targetsWithResult = rows.reduce((n, r) => n + r.targetsWithResult, 0);
  const growth = median(rows.flatMap((r) => (r.followerGrowthPct === null ? [] : [r.followerGrowthPct])));
  const profit = median(rows.flatMap((r) => (r.profit === null ? [] : [r.profit])));
  return {
    group,
    name,
    collaborations: rows.length,
    reviewed: rows.filter((r) => r.submitted).length,
    medianFollowerGrowthPct: growth === null ? null : roundPct(growth),
    medianProfit: profit === null ? null : Math.round(profit),
    targetsMet,
    targetsWithResult,
    shareOfTargetsMetPct: targetsWithResult ? roundPct((targetsMet * 100) / targetsWithResult) : null,
  };
}

function groupBy(rows: OutcomeRow[], keys: (row: OutcomeRow) => string[]): Map<string, OutcomeRow[]> {
  const groups = new Map<string, OutcomeRow[]>();
  for (const row of rows) {
    for (const key of keys(row)) {
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
  }
  return groups;
}

const byCountThenGroup = (a: GroupInsight, b: GroupInsight): number =>
  b.collaborations - a.collaborations || a.group.localeCompare(b.group);

/** The band a fit score falls in, or 'unknown' without a score. */
export function fitBandOf(score: number | null, bands: readonly FitBand[]): string {
  if (score === null) return 'unknown';
  return bands.find((b) => score >= b.min && score < b.below)?.band ?? 'unknown';
}

/**
 * Per form, per partner (a collaboration with two partners counts for each) and per fit band of the chosen partner
 * (every band listed, empty ones with zero, then 'unknown': collaborations without a fit score, or not initiated here).
 */
export function outcomeInsights(
  organizationId: string,
  rows: OutcomeRow[],
  bands: readonly FitBand[],
  names: ReadonlyMap<string, string>,
): OutcomeInsights {
  const forms = groupBy(rows, (r) => [r.form]);
  const partners = groupBy(rows, (r) => r.partnerOrganizationIds);
  const fit = groupBy(rows, (r) => [fitBandOf(r.fitScore, bands)]);
  return {
    organizationId,
    overall: summarize('all', null, rows),
    byForm: [...forms].map(([form, group]) => summarize(form, null, group)).sort(byCountThenGroup),
    byPartner: [...partners].map(([id, group]) => summarize(id, names.get(id) ?? null, group)).sort(byCountThenGroup),
    byFitBand: [...bands.map((b) => b.band), 'unknown'].map((band) => summarize(band, null, fit.get(band) ?? [])),
    fitBands: [...bands],
  };
}

const CSV_COLUMNS = [
  'group_kind',
  'group',
  'name',
  'collaborations',
  'reviewed',
  'median_follower_growth_pct',
  'median_profit_idr',
  'targets_met',
  'targets_with_result',
  'share_of_targets_met_pct',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// A spreadsheet runs a cell starting with = + - @ as a formula: names come from users, so they are kept as text.
const asText = (value: string | null): string | null => (value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The insights as CSV for spreadsheets: UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF lines, one row per group. */
export function insightsCsv(insights: OutcomeInsights): string {
  const rows: Array<[string, GroupInsight]> = [
    ['overall', insights.overall],
    ...insights.byForm.map((g): [string, GroupInsight] => ['form', g]),
    ...insights.byPartner.map((g): [string, GroupInsight] => ['partner', g]),
    ...insights.byFitBand.map((g): [string, GroupInsight] => ['fit_band', g]),
  ];
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map(([kind, g]) =>
      [
        kind,
        g.group,
        asText(g.name),
        g.collaborations,
        g.reviewed,
        g.medianFollowerGrowthPct,
        g.medianProfit,
        g.targetsMet,
        g.targetsWithResult,
        g.shareOfTargetsMetPct,
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
