// The maxima of what a client may send (issue 13 items 3 and 4), in one place: the DTOs enforce them, the OpenAPI
// document shows them, and README's "Limits" table lists them. A value over one is 400 naming the field; a collaboration
// at a count limit answers 409 LIMIT_REACHED with `details: {limit, what}`.

/** Names, titles, signers, territory: what fits on one line of an agreement. */
export const NAME_MAX = 200;
/** Codes and short labels: SKUs, registration numbers, platforms, item ids. */
export const CODE_MAX = 64;
/** A sales channel of distribution terms ("Shopee official store"). */
export const CHANNEL_MAX = 100;
/** One line of a list: an objective, a responsibility. */
export const LINE_MAX = 500;
/** A free-text paragraph: reasons, notes, messages, a purpose, quality control, a contribution. */
export const PARAGRAPH_MAX = 2_000;
/** The review's lessons: the one long free text. */
export const LESSONS_MAX = 10_000;
/** Evidence of a checklist item, as JSON: a date, a reference, a link or two. */
export const EVIDENCE_JSON_MAX = 5_000;

/** Counts (followers, reach, units, deliverables): a billion is beyond any fashion SME's figures, and sums stay exact. */
export const COUNT_MAX = 1_000_000_000;
/**
 * Whole rupiah: Rp 1,000 trillion. Profit adds and subtracts eight such amounts, and ±8 × 10^15 stays below 2^53, so every
 * figure computed from them is an exact integer.
 */
export const RUPIAH_MAX = 1_000_000_000_000_000;
/** A planned KPI's baseline or target: money, counts or percentages, so the money bound either way. */
export const KPI_PLAN_MAX = RUPIAH_MAX;

/** Items in a list of terms: goods and prices per SKU are a store's catalogue; a capsule has fewer products. */
export const CATALOGUE_ITEMS_MAX = 500;
export const PRODUCTS_MAX = 200;
export const DELIVERABLES_MAX = 100;
export const MARKS_MAX = 50;
export const CONTRIBUTIONS_MAX = 50;
export const CHANNELS_MAX = 20;
/** Nice classes of a licensed mark: there are 45. */
export const NICE_CLASSES_MAX = 45;

/** Terms revisions one collaboration may hold: negotiation that needs more has stalled, and each revision is kept forever. */
export const TERMS_REVISIONS_MAX = 100;
/** Milestones recorded during execution: two a week for two years. */
export const MILESTONES_MAX = 200;
