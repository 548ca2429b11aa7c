// Advice after a collaboration (issue 7), from the rules in templates/reviews/recommendation-rules.json (legal facts §0, §6, §2.7).
// The evaluator is pure; the rules (loadRecommendationRules) and the scale words (words.json) are read from templates/reviews/.
import { readFileSync } from 'node:fs';
import { TEMPLATES_DIR } from '../common/paths.js';
import type { Bilingual, Lang } from '../documents/bilingual.js';
import { fill, placeholders } from '../documents/fill.js';
import { list, yesno } from '../documents/format.js';
import { readTemplate } from '../documents/templates.js';

// Declared here to keep this file free of TypeORM; the spec checks it equals the organizations' Scale at compile time.
export type Scale = 'micro' | 'small' | 'medium';

/** What the review knows about one party's collaboration; null means unknown, and an unknown fact never triggers a rule. */
export interface ReviewFacts {
  partnerSearchDays: number | null;
  candidatesConsidered: number | null;
  /** The chosen partner's capability_fit criterion, 0–5. */
  capabilityFitScore: number | null;
  targetsMissed: number | null;
  marksUnregistered: number | null;
  ipItemsWaived: number | null;
  awarenessMet: boolean | null;
  /** Whole rupiah. */
  profit: number | null;
  /** This party's ratings of the partner, 1–5. */
  partnerCommunicationRating: number | null;
  partnerCommitmentRating: number | null;
  partnerQualityRating: number | null;
  partnerTimelinessRating: number | null;
  scale: Scale;
}
export type FactName = keyof ReviewFacts;
type FactValue = number | boolean | string;

export type Op = '==' | '<' | '<=' | '>' | '>=';
export interface Comparison {
  fact: FactName;
  op: Op;
  value: FactValue;
  /** Why this comparison matters, for {because}; may use {value} (the threshold) and {<its fact>}. */
  says?: Bilingual;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | Comparison;

/** A value looked up by a fact, e.g. the trademark fee by the party's scale. */
export interface Lookup {
  fact: FactName;
  format?: 'rupiah' | 'number';
  table: Record<string, number | Bilingual>;
  basis: string;
  mark: 'V' | 'S' | 'U';
  toConfirm?: string;
}

export interface RecommendationRule {
  id: string;
  when: Condition;
  lookups?: Record<string, Lookup>;
  advice: Bilingual;
  source: string;
}

export interface Recommendation {
  id: string;
  advice: Bilingual;
  source: string;
  /** The facts of the comparisons that held, with their values. */
  triggeredBy: Partial<Record<FactName, FactValue>>;
  /** A looked-up figure rests on an unverified fact (marked U): show it as "to be confirmed". */
  toBeConfirmed: boolean;
}

type Format = 'number' | 'rupiah' | 'boolean' | 'scale';
// Exhaustive over ReviewFacts: a new fact must say how it prints, and the rule checker learns its name from here.
const FACT_FORMATS: Record<FactName, Format> = {
  partnerSearchDays: 'number',
  candidatesConsidered: 'number',
  capabilityFitScore: 'number',
  targetsMissed: 'number',
  marksUnregistered: 'number',
  ipItemsWaived: 'number',
  awarenessMet: 'boolean',
  profit: 'rupiah',
  partnerCommunicationRating: 'number',
  partnerCommitmentRating: 'number',
  partnerQualityRating: 'number',
  partnerTimelinessRating: 'number',
  scale: 'scale',
};
const FACT_NAMES = Object.keys(FACT_FORMATS) as FactName[];
const SCALES: readonly Scale[] = ['micro', 'small', 'medium'];
const SCALE_LABELS = readTemplate<{ scales: Record<Scale, Bilingual> }>('reviews/words.json').scales;
const OPS: readonly Op[] = ['==', '<', '<=', '>', '>='];
const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-US' };

function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(n);
}

/** Rp1.800.000 in Indonesian, Rp1,800,000 in English; the sign goes before "Rp". */
function formatRupiah(n: number, lang: Lang): string {
  return `${n < 0 ? '-' : ''}Rp${formatNumber(Math.abs(Math.round(n)), lang)}`;
}

function format(value: FactValue | Bilingual, kind: Format, lang: Lang): string {
  if (typeof value === 'object') return value[lang];
  if (typeof value === 'boolean') return yesno(value, lang);
  if (typeof value === 'string') return kind === 'scale' && value in SCALE_LABELS ? SCALE_LABELS[value as Scale][lang] : value;
  return kind === 'rupiah' ? formatRupiah(value, lang) : formatNumber(value, lang);
}

function compare(actual: FactValue | null, op: Op, expected: FactValue): boolean {
  if (actual === null || actual === undefined) return false;
  if (op === '==') return actual === expected;
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}

const isComparison = (condition: Condition): condition is Comparison => 'fact' in condition;

/** Whether the condition holds, and the comparisons that made it hold (none when it does not). */
function evaluate(condition: Condition, facts: ReviewFacts): Comparison[] | null {
  if (isComparison(condition)) return compare(facts[condition.fact], condition.op, condition.value) ? [condition] : null;
  const results = ('all' in condition ? condition.all : condition.any).map((child) => evaluate(child, facts));
  const held = results.filter((result): result is Comparison[] => result !== null);
  if ('all' in condition ? held.length !== results.length : held.length === 0) return null;
  return held.flat();
}

// checkRules rejects a rule with an unknown placeholder at load time, so this only fires for rules built in code.
const fillAdvice = (text: string, values: Record<string, string>, ruleId: string): string =>
  fill(text, values, (name) => {
    throw new Error(`Recommendation rule ${ruleId}: nothing to fill {${name}} with`);
  });

function factValues(facts: ReviewFacts, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of FACT_NAMES) {
    const value = facts[name];
    if (value !== null && value !== undefined) values[name] = format(value, FACT_FORMATS[name], lang);
  }
  return values;
}

function lookupValue(rule: RecommendationRule, name: string, lookup: Lookup, facts: ReviewFacts): number | Bilingual {
  const key = facts[lookup.fact];
  const value = key === null ? undefined : lookup.table[String(key)];
  if (value === undefined) throw new Error(`Recommendation rule ${rule.id}: lookup ${name} has no entry for ${lookup.fact}=${String(key)}`);
  return value;
}

function render(rule: RecommendationRule, held: Comparison[], facts: ReviewFacts, lang: Lang): string {
  const values = factValues(facts, lang);
  for (const [name, lookup] of Object.entries(rule.lookups ?? {})) {
    values[name] = format(lookupValue(rule, name, lookup, facts), lookup.format ?? 'number', lang);
  }
  const clauses = held
    .filter((comparison) => comparison.says)
    .map((comparison) =>
      fillAdvice(comparison.says![lang], { ...values, value: format(comparison.value, FACT_FORMATS[comparison.fact], lang) }, rule.id),
    );
  values.because = list(clauses, lang);
  return fillAdvice(rule.advice[lang], values, rule.id);
}

/** The rules that hold for these facts, in rule order, with their advice filled in and the facts that triggered them. */
export function recommend(facts: ReviewFacts, rules: readonly RecommendationRule[]): Recommendation[] {
  const recommendations: Recommendation[] = [];
  for (const rule of rules) {
    const held = evaluate(rule.when, facts);
    if (!held) continue;
    recommendations.push({
      id: rule.id,
      advice: { id: render(rule, held, facts, 'id'), en: render(rule, held, facts, 'en') },
      source: rule.source,
      triggeredBy: Object.fromEntries(held.map((comparison) => [comparison.fact, facts[comparison.fact]])),
      toBeConfirmed: Object.values(rule.lookups ?? {}).some((lookup) => lookup.mark === 'U'),
    });
  }
  return recommendations;
}

/** Facts known whenever the condition holds: every branch of an `all`, only those common to all branches of an `any`. */
function guaranteedFacts(condition: Condition): Set<string> {
  if (isComparison(condition)) return new Set([condition.fact]);
  const sets = ('all' in condition ? condition.all : condition.any).map(guaranteedFacts);
  if ('all' in condition || sets.length === 0) return new Set(sets.flatMap((set) => [...set]));
  return sets.reduce((common, set) => new Set([...common].filter((fact) => set.has(fact))));
}

function conditionProblems(condition: Condition, at: string): string[] {
  if (isComparison(condition)) {
    const problems: string[] = [];
    if (!FACT_NAMES.includes(condition.fact)) problems.push(`${at}: unknown fact ${condition.fact}`);
    if (!OPS.includes(condition.op)) problems.push(`${at}: unknown op ${condition.op}`);
    if (condition.op !== '==' && typeof condition.value !== 'number') problems.push(`${at}: ${condition.op} needs a number`);
    for (const lang of ['id', 'en'] as const) {
      if (condition.says && !condition.says[lang]) problems.push(`${at}: says.${lang} is empty`);
      for (const name of placeholders(condition.says?.[lang] ?? '')) {
        if (name !== 'value' && name !== condition.fact)
          problems.push(`${at}: says.${lang} uses {${name}}, only {value} and {${condition.fact}} are known`);
      }
    }
    return problems;
  }
  const children = 'all' in condition ? condition.all : 'any' in condition ? condition.any : undefined;
  if (!Array.isArray(children) || children.length === 0) return [`${at}: needs a non-empty all or any, or a fact`];
  return children.flatMap((child, i) => conditionProblems(child, `${at}.${'all' in condition ? 'all' : 'any'}[${i}]`));
}

/** What is wrong with a rule set (empty when nothing): unknown facts or ops, placeholders that could go unfilled, missing texts. */
export function checkRules(rules: readonly RecommendationRule[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) problems.push(`${rule.id}: duplicate id`);
    ids.add(rule.id);
    if (!rule.source?.trim()) problems.push(`${rule.id}: no source`);
    problems.push(...conditionProblems(rule.when, `${rule.id}.when`));
    const lookups = Object.entries(rule.lookups ?? {});
    for (const [name, lookup] of lookups) {
      if (!FACT_NAMES.includes(lookup.fact)) problems.push(`${rule.id}.lookups.${name}: unknown fact ${lookup.fact}`);
      if (!lookup.basis?.trim()) problems.push(`${rule.id}.lookups.${name}: no basis`);
      const missing = lookup.fact === 'scale' ? SCALES.filter((scale) => !(scale in lookup.table)) : [];
      if (missing.length) problems.push(`${rule.id}.lookups.${name}: no entry for ${missing.join(', ')}`);
    }
    const known = new Set([...guaranteedFacts(rule.when), 'scale', 'because', ...lookups.map(([name]) => name)]);
    for (const lang of ['id', 'en'] as const) {
      if (!rule.advice?.[lang]?.trim()) problems.push(`${rule.id}: advice.${lang} is empty`);
      for (const name of placeholders(rule.advice?.[lang] ?? '')) {
        if (!known.has(name)) problems.push(`${rule.id}: advice.${lang} uses {${name}}, which may be unknown when the rule fires`);
      }
    }
  }
  return problems;
}

/** The rules in templates/reviews/recommendation-rules.json; a rule set with problems fails loudly, at start-up rather than per review. */
export function loadRecommendationRules(file = `${TEMPLATES_DIR}/reviews/recommendation-rules.json`): RecommendationRule[] {
  const { rules } = JSON.parse(readFileSync(file, 'utf8')) as { rules: RecommendationRule[] };
  const problems = checkRules(rules);
  if (problems.length) throw new Error(`${file}:\n${problems.join('\n')}`);
  return rules;
}
