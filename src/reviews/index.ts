// The public entry of reviews: what other features use of it.
export { computeOutcomes, evaluatePlan, type KpiSubmission, median, roundPct } from './outcomes.js';
export { becamePartner, collaborationFacts, type PartyReview } from './review-facts.js';
