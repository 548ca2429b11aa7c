// Partner fit (issue 6): a candidate scored against a proposal's partner requirements, criterion by criterion, each with
// a one-line reason in Indonesian and English (legal facts §6.1). Pure: profiles, needs and ratings in, a result out;
// thresholds and sentences are data in templates/partners/, Nice classes per category come from templates/ip/nice-classes.json.
import { CRITERIA, type Criterion, type PartnerRequirement } from '../../workflows/collaboration/index.js';
import type { Bilingual, Lang } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { number } from '../documents/format.js';
import { readTemplate as load } from '../documents/templates.js';
import type { IpStatus } from '../ip-checklist/index.js';
import { PRICE_TIERS, type PriceTier } from '../organizations/dto/partner-profile.dto.js';

export interface FitAudience {
  ageBands: string[];
  cities: string[];
  femalePercent?: number | null;
  followers?: { instagram?: number | null; tiktok?: number | null } | null;
}

/** A mark of the organization: its IP record, or a declared status until it has one. */
export interface FitMark {
  classes: number[];
  status: IpStatus;
}

export interface FitProfile {
  categories: string[];
  priceTier?: PriceTier | null;
  audience?: FitAudience | null;
  capacityPerMonth?: number | null;
  leadTimeDays?: number | null;
  marks: FitMark[];
}

/** What the proposal needs from a partner. */
export interface FitNeeds {
  volumePerMonth?: number | null;
  leadTimeDays?: number | null;
}

export interface FitInput {
  requirements: PartnerRequirement[];
  needs: FitNeeds;
  initiator: FitProfile;
  candidate: FitProfile;
  /** The initiator's own judgements, 0–5; a rating replaces the computed score of its criterion. */
  ratings: Partial<Record<Criterion, number>>;
}

export interface CriterionFit {
  key: Criterion;
  /** 0–5, or null while it cannot be judged. */
  score: number | null;
  source: 'computed' | 'rated';
  explanation: Bilingual;
}

export interface FitResult {
  /** 0–100. */
  score: number;
  eligible: boolean;
  flags: string[];
  criteria: CriterionFit[];
}

interface CategoryGroup {
  label: Bilingual;
  keywords: string[];
}
type Texts<K extends string> = Record<K, Bilingual>;
type ReasonKey =
  | 'categoriesMissing'
  | 'categoriesUnknown'
  | 'audienceMissing'
  | 'needsMissing'
  | 'capacityMissing'
  | 'leadTimeMissing'
  | 'niceUnknown'
  | 'followersMissing'
  | 'priceTierMissing'
  | 'notRated';

/** The engine's data: templates/partners/*.json and the Nice classes of templates/ip. */
export interface FitData {
  adjacency: {
    scores: Record<'adjacent' | 'adjacentAndSame' | 'same' | 'unrelated', number>;
    groups: Record<string, CategoryGroup>;
    adjacent: Array<[string, string]>;
  };
  rules: {
    brand_image_fit: { priceTier: Record<'same' | 'adjacent' | 'apart', number> };
    audience_overlap: { weights: { cities: number; ageBands: number } };
    reputation_risk: { statusCredit: Record<string, number> };
    awareness_asymmetry: { ratioScores: Array<{ atLeast: number; score: number }>; evenFrom: number; evenBelow: number };
  };
  texts: {
    common: Texts<'rated' | 'ratedOverComputed' | 'notKnown' | 'emptyList'>;
    parties: Texts<'candidate' | 'initiator' | 'both'>;
    tiers: Texts<PriceTier>;
    reasons: Texts<ReasonKey>;
    criteria: {
      brand_image_fit: Texts<'same' | 'adjacent' | 'apart'>;
      audience_overlap: Texts<'both' | 'citiesOnly' | 'agesOnly'>;
      product_complementarity: Texts<'adjacent' | 'adjacentAndSame' | 'same' | 'unrelated'>;
      capability_fit: Texts<'capacityMet' | 'capacityShort' | 'leadTimeMet' | 'leadTimeLong'>;
      reputation_risk: Texts<'marks'>;
      awareness_asymmetry: Texts<'initiatorGains' | 'candidateGains' | 'even'>;
    };
  };
  nice: Array<{ class: number; keywords: string[] }>;
}

export const FIT_DATA: FitData = {
  adjacency: load('partners/category-adjacency.json'),
  rules: load('partners/fit-rules.json'),
  texts: load('partners/fit-explanations.json'),
  nice: load<{ classes: FitData['nice'] }>('ip/nice-classes.json').classes,
};

type Value = string | number | Bilingual | Value[];
type Outcome = { score: number; explanation: Bilingual; flags: string[] } | { score: null; reasons: Bilingual[]; flags: string[] };

const isCriterion = (key: string): key is Criterion => (CRITERIA as readonly string[]).includes(key);
const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
// Rounded down so that only a fully met criterion earns 5; the epsilon keeps 5 × 0.6 from landing on 2.999….
const down = (x: number): number => Math.floor(x + 1e-9);
const norm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');
// Whole words, so 'leather bags' is a bag and 'pajamas' is not a watch ('jam').
const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
const mentions = (category: string, keyword: string): boolean => words(category).includes(words(keyword));

function show(value: Value, lang: Lang, data: FitData): string {
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v, lang, data)).join(', ') : data.texts.common.emptyList[lang];
  if (typeof value === 'number') return Number.isFinite(value) ? number(value, lang) : '∞';
  return typeof value === 'string' ? value : value[lang];
}

/** Fills a sentence's {placeholders} in both languages; a placeholder the engine does not supply is an editing mistake, said loudly. */
function fill(template: Bilingual, vars: Record<string, Value>, data: FitData): Bilingual {
  const values = Object.fromEntries(
    Object.entries(vars).map(([name, value]) => [name, { id: show(value, 'id', data), en: show(value, 'en', data) }]),
  );
  return fillBoth(template, values, (name) => {
    throw new Error(`Fit explanation "${template.en}" uses {${name}}, which is not supplied`);
  });
}

const joined = (parts: Bilingual[]): Bilingual => ({ id: parts.map((p) => p.id).join('; '), en: parts.map((p) => p.en).join('; ') });

function whoIsMissing(initiatorMissing: boolean, candidateMissing: boolean, data: FitData): Bilingual | null {
  const { parties } = data.texts;
  if (initiatorMissing && candidateMissing) return parties.both;
  return initiatorMissing ? parties.initiator : candidateMissing ? parties.candidate : null;
}

function brandImage({ initiator, candidate }: FitInput, data: FitData): Outcome {
  const tierOf = (p: FitProfile): number => (p.priceTier ? PRICE_TIERS.indexOf(p.priceTier) : -1);
  const who = whoIsMissing(tierOf(initiator) < 0, tierOf(candidate) < 0, data);
  if (who) return { score: null, reasons: [fill(data.texts.reasons.priceTierMissing, { who }, data)], flags: [] };
  const distance = Math.abs(tierOf(initiator) - tierOf(candidate));
  const match = distance === 0 ? 'same' : distance === 1 ? 'adjacent' : 'apart';
  const tiers = data.texts.tiers;
  return {
    score: data.rules.brand_image_fit.priceTier[match],
    explanation: fill(
      data.texts.criteria.brand_image_fit[match],
      { candidateTier: tiers[candidate.priceTier!], initiatorTier: tiers[initiator.priceTier!] },
      data,
    ),
    flags: [],
  };
}

/** Shared values over values on either side (Jaccard), shown in the candidate's spelling; null when a side lists none. */
function overlap(mine: string[], theirs: string[]): { shared: string[]; total: number; ratio: number } | null {
  if (mine.length === 0 || theirs.length === 0) return null;
  const own = new Set(mine.map(norm));
  const other = new Map(theirs.map((v) => [norm(v), v.trim()]));
  const shared = [...other].filter(([k]) => own.has(k)).map(([, v]) => v);
  const total = new Set([...own, ...other.keys()]).size;
  return { shared, total, ratio: shared.length / total };
}

function audience({ initiator, candidate }: FitInput, data: FitData): Outcome {
  const cities = overlap(initiator.audience?.cities ?? [], candidate.audience?.cities ?? []);
  const ages = overlap(initiator.audience?.ageBands ?? [], candidate.audience?.ageBands ?? []);
  if (!cities && !ages) return { score: null, reasons: [data.texts.reasons.audienceMissing], flags: [] };
  const weights = data.rules.audience_overlap.weights;
  const parts = [cities && { weight: weights.cities, ratio: cities.ratio }, ages && { weight: weights.ageBands, ratio: ages.ratio }].filter(
    (p) => p !== null,
  );
  const weight = parts.reduce((s, p) => s + p.weight, 0);
  const mean = weight > 0 ? parts.reduce((s, p) => s + p.weight * p.ratio, 0) / weight : 0;
  const texts = data.texts.criteria.audience_overlap;
  const vars: Record<string, Value> = {};
  if (cities) Object.assign(vars, { citiesShared: cities.shared.length, citiesTotal: cities.total, cities: cities.shared });
  if (ages) Object.assign(vars, { agesShared: ages.shared.length, agesTotal: ages.total, ages: ages.shared });
  const template = cities && ages ? texts.both : cities ? texts.citiesOnly : texts.agesOnly;
  return { score: down(5 * mean), explanation: fill(template, vars, data), flags: [] };
}

function complementarity({ initiator, candidate }: FitInput, data: FitData): Outcome {
  const { groups, adjacent, scores } = data.adjacency;
  const who = whoIsMissing(initiator.categories.length === 0, candidate.categories.length === 0, data);
  if (who) return { score: null, reasons: [fill(data.texts.reasons.categoriesMissing, { who }, data)], flags: [] };
  // A category no group knows stands for itself: it can still be the same as the other side's, never adjacent.
  const groupsOf = (categories: string[]): { labels: Map<string, Bilingual>; unknown: string[] } => {
    const labels = new Map<string, Bilingual>();
    const unknown: string[] = [];
    for (const category of categories) {
      const found = Object.entries(groups).filter(([, g]) => g.keywords.some((k) => mentions(category, k)));
      for (const [key, g] of found) labels.set(key, g.label);
      if (found.length === 0) {
        unknown.push(category);
        labels.set(`raw:${norm(category)}`, { id: category, en: category });
      }
    }
    return { labels, unknown };
  };
  const mine = groupsOf(initiator.categories);
  const theirs = groupsOf(candidate.categories);
  const pairs = new Set(adjacent.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const isAdjacent = (a: string, b: string): boolean => pairs.has(`${a}|${b}`);
  const same = [...theirs.labels.keys()].filter((k) => mine.labels.has(k));
  const added = [...theirs.labels.keys()].filter((k) => !mine.labels.has(k) && [...mine.labels.keys()].some((m) => isAdjacent(m, k)));
  const complemented = [...mine.labels.keys()].filter((m) => added.some((k) => isAdjacent(m, k)));
  const label = (labels: Map<string, Bilingual>, keys: string[]): Bilingual[] => keys.map((k) => labels.get(k)!);
  const vars = {
    candidate: label(theirs.labels, added),
    initiator: label(mine.labels, complemented),
    same: label(theirs.labels, same),
  };
  const texts = data.texts.criteria.product_complementarity;
  if (added.length > 0 && same.length > 0)
    return { score: scores.adjacentAndSame, explanation: fill(texts.adjacentAndSame, vars, data), flags: [] };
  if (added.length > 0) return { score: scores.adjacent, explanation: fill(texts.adjacent, vars, data), flags: [] };
  if (same.length > 0) return { score: scores.same, explanation: fill(texts.same, vars, data), flags: [] };
  // Unrelated only when both sides have a known group; otherwise the adjacency list, not the candidate, is lacking.
  if (mine.unknown.length === initiator.categories.length || theirs.unknown.length === candidate.categories.length) {
    const categories = [...mine.unknown, ...theirs.unknown];
    return { score: null, reasons: [fill(data.texts.reasons.categoriesUnknown, { categories }, data)], flags: [] };
  }
  return {
    score: scores.unrelated,
    explanation: fill(texts.unrelated, { candidate: [...theirs.labels.values()], initiator: [...mine.labels.values()], same: [] }, data),
    flags: [],
  };
}

function capability({ needs, candidate }: FitInput, data: FitData): Outcome {
  const { reasons } = data.texts;
  const texts = data.texts.criteria.capability_fit;
  const { volumePerMonth: volume, leadTimeDays: timeline } = needs;
  const { capacityPerMonth: capacity, leadTimeDays: leadTime } = candidate;
  if (!known(volume) && !known(timeline)) return { score: null, reasons: [reasons.needsMissing], flags: [] };
  const scores: number[] = [];
  const parts: Bilingual[] = [];
  const missing: Bilingual[] = [];
  const flags: string[] = [];
  if (known(volume)) {
    if (!known(capacity)) missing.push(reasons.capacityMissing);
    else {
      const met = capacity >= volume;
      scores.push(met ? 5 : down((5 * capacity) / volume));
      parts.push(fill(met ? texts.capacityMet : texts.capacityShort, { capacity, volume }, data));
      if (!met) flags.push('capacity below the required volume');
    }
  }
  if (known(timeline)) {
    if (!known(leadTime)) missing.push(reasons.leadTimeMissing);
    else {
      const met = leadTime <= timeline;
      scores.push(met ? 5 : down((5 * timeline) / leadTime));
      parts.push(fill(met ? texts.leadTimeMet : texts.leadTimeLong, { leadTime, timeline }, data));
      if (!met) flags.push('lead time longer than the timeline');
    }
  }
  if (missing.length > 0) return { score: null, reasons: missing, flags };
  // The weaker of the two decides: a partner who cannot deliver on time fails however much it can make.
  return { score: Math.min(...scores), explanation: joined(parts), flags };
}

function reputation({ candidate }: FitInput, data: FitData): Outcome {
  const { reasons } = data.texts;
  if (candidate.categories.length === 0)
    return { score: null, reasons: [fill(reasons.categoriesMissing, { who: data.texts.parties.candidate }, data)], flags: [] };
  const relevant = data.nice
    .filter((n) => n.keywords.some((k) => candidate.categories.some((c) => mentions(c, k))))
    .map((n) => n.class)
    .sort((a, b) => a - b);
  if (relevant.length === 0)
    return { score: null, reasons: [fill(reasons.niceUnknown, { categories: candidate.categories }, data)], flags: [] };
  const creditOf = data.rules.reputation_risk.statusCredit;
  const credit = (c: number): number =>
    Math.max(0, ...candidate.marks.filter((m) => m.classes.includes(c)).map((m) => creditOf[m.status] ?? 0));
  const registered = relevant.filter((c) => credit(c) >= 1);
  const pending = relevant.filter((c) => credit(c) > 0 && credit(c) < 1);
  const none = relevant.filter((c) => credit(c) === 0);
  const mean = relevant.reduce((s, c) => s + Math.min(1, credit(c)), 0) / relevant.length;
  const unregistered = [...pending, ...none].sort((a, b) => a - b);
  const flags =
    unregistered.length > 0 ? [`mark not registered (Nice class${unregistered.length > 1 ? 'es' : ''} ${unregistered.join(', ')})`] : [];
  const classes = (list: number[]): string[] => list.map(String);
  return {
    score: down(5 * mean),
    explanation: fill(
      data.texts.criteria.reputation_risk.marks,
      {
        registered: registered.length,
        relevant: relevant.length,
        registeredClasses: classes(registered),
        pendingClasses: classes(pending),
        missingClasses: classes(none),
      },
      data,
    ),
    flags,
  };
}

// Instagram and TikTok added up: the same people may follow both, but that overstates both sides alike.
function followers(profile: FitProfile): number | null {
  const f = profile.audience?.followers;
  if (!f || (!known(f.instagram) && !known(f.tiktok))) return null;
  return (known(f.instagram) ? f.instagram : 0) + (known(f.tiktok) ? f.tiktok : 0);
}

function awareness({ initiator, candidate }: FitInput, data: FitData): Outcome {
  const mine = followers(initiator);
  const theirs = followers(candidate);
  const who = whoIsMissing(mine === null, theirs === null, data);
  if (who || mine === null || theirs === null)
    return { score: null, reasons: [fill(data.texts.reasons.followersMissing, { who: who ?? data.texts.parties.both }, data)], flags: [] };
  const rules = data.rules.awareness_asymmetry;
  const ratio = mine === 0 ? (theirs === 0 ? 1 : Infinity) : theirs / mine;
  const row = [...rules.ratioScores].sort((a, b) => b.atLeast - a.atLeast).find((r) => ratio >= r.atLeast);
  const texts = data.texts.criteria.awareness_asymmetry;
  // The less-known partner gains more (Simonin & Ruth 1998; Levin, Davis & Levin 1996): say who that is.
  const template = ratio >= rules.evenBelow ? texts.initiatorGains : ratio >= rules.evenFrom ? texts.even : texts.candidateGains;
  const times = ratio >= 1 ? ratio : ratio === 0 ? Infinity : 1 / ratio;
  const shown = Number.isFinite(times) ? Math.round(times * 10) / 10 : times;
  return { score: row?.score ?? 0, explanation: fill(template, { candidate: theirs, initiator: mine, ratio: shown }, data), flags: [] };
}

const COMPUTE: Record<Exclude<Criterion, 'relational_fit'>, (input: FitInput, data: FitData) => Outcome> = {
  brand_image_fit: brandImage,
  audience_overlap: audience,
  product_complementarity: complementarity,
  capability_fit: capability,
  reputation_risk: reputation,
  awareness_asymmetry: awareness,
};

function judge(key: Criterion, input: FitInput, data: FitData, flags: string[]): CriterionFit {
  const { common, reasons } = data.texts;
  const computed = key === 'relational_fit' ? null : COMPUTE[key](input, data);
  const rating = input.ratings[key];
  if (rating !== undefined && rating !== null) {
    if (!known(rating) || rating < 0 || rating > 5) throw new RangeError(`The rating of ${key} must be from 0 to 5, not ${rating}`);
    // Risks found in the data stay visible next to a rating; only the "not enough data" flag goes.
    if (computed) flags.push(...computed.flags);
    const explanation =
      computed && computed.score !== null
        ? fill(common.ratedOverComputed, { score: rating, computed: computed.score }, data)
        : fill(common.rated, { score: rating }, data);
    return { key, score: rating, source: 'rated', explanation };
  }
  const outcome: Outcome = computed ?? { score: null, reasons: [reasons.notRated], flags: [] };
  const source = computed ? 'computed' : 'rated';
  flags.push(...outcome.flags);
  if (outcome.score !== null) return { key, score: outcome.score, source, explanation: outcome.explanation };
  flags.push(`not enough data: ${key} (${outcome.reasons.map((r) => r.en).join(', ')})`);
  return { key, score: null, source, explanation: fill(common.notKnown, { reason: outcome.reasons }, data) };
}

/**
 * Why a proposal's partner requirements cannot be scored, for the HTTP layer's 400: unknown or repeated criteria, weights
 * outside 0–100 or not adding up to 100, minimums outside 0–5. Null when they are fine or there are none yet (a draft).
 */
export function weightProblem(requirements: ReadonlyArray<{ criterion: string; weight: number; minimum?: number }>): string | null {
  if (requirements.length === 0) return null;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of requirements) {
    if (!isCriterion(r.criterion)) problems.push(`unknown criterion: ${r.criterion}`);
    else if (seen.has(r.criterion)) problems.push(`${r.criterion} is listed twice`);
    seen.add(r.criterion);
    if (!known(r.weight) || r.weight < 0 || r.weight > 100) problems.push(`${r.criterion}: weight must be a number from 0 to 100`);
    if (r.minimum !== undefined && (!known(r.minimum) || r.minimum < 0 || r.minimum > 5))
      problems.push(`${r.criterion}: minimum must be from 0 to 5`);
  }
  const sum = requirements.reduce((s, r) => s + (known(r.weight) ? r.weight : 0), 0);
  // Decimal weights (33.3 + 33.3 + 33.4) do not add up exactly in floating point.
  if (Math.abs(sum - 100) > 1e-9) problems.push(`weights add up to ${Math.round(sum * 100) / 100}, not 100`);
  return problems.length > 0 ? problems.join('; ') : null;
}

/** The candidate's fit to the proposal: a 0–100 score, eligibility against the minimums, risk flags and the breakdown. */
export function scoreFit(input: FitInput, data: FitData = FIT_DATA): FitResult {
  const flags: string[] = [];
  const problem = weightProblem(input.requirements);
  if (problem) flags.push(problem);
  const criteria: CriterionFit[] = [];
  let points = 0;
  let eligible = true;
  for (const requirement of input.requirements) {
    const key: string = requirement.criterion;
    const fit = isCriterion(key) ? judge(key, input, data, flags) : null;
    if (fit) criteria.push(fit);
    // Unknown scores count 0: conservative, a candidate never ranks higher for what nobody could check yet.
    if (fit?.score != null && known(requirement.weight) && requirement.weight > 0) points += requirement.weight * fit.score;
    if (!known(requirement.minimum)) continue;
    if (fit?.score == null) {
      eligible = false;
      flags.push(`minimum not yet known: ${key} (needs ${requirement.minimum})`);
    } else if (fit.score < requirement.minimum) {
      eligible = false;
      flags.push(`below the minimum: ${key} ${fit.score} < ${requirement.minimum}`);
    }
  }
  // Σ weight × score/5, divided once so integer weights and scores stay exact until the rounding.
  const score = Math.min(100, Math.max(0, Math.round(points / 5)));
  return { score, eligible, flags: [...new Set(flags)], criteria };
}
