import { parties } from '../../workflows/collaboration/index.js';
import type { EventListener } from '../workflow-runtime/plugins.js';
import { outcomeRow } from './outcome-insights.js';
import { ReviewOutcomeEntity } from './review-outcome.entity.js';

/** When a collaboration completes (the last review, or the close), each party's outcome row is written with it. */
export function recordReviewOutcomes(): EventListener {
  return async ({ em, after, full }) => {
    const completed = after.closedAt !== null || parties(after).every((org) => org in after.reviews);
    if (!completed) return;
    // The submissions' figures and the partner's fit are detached parts: the whole context, once, at completion.
    const context = await full();
    const rows = parties(context).map((organizationId) => {
      const row = outcomeRow(context, organizationId);
      return { ...row, organizationId, submitted: row.submitted ? 1 : 0 };
    });
    await em.createQueryBuilder().insert().into(ReviewOutcomeEntity).values(rows).orIgnore().execute();
  };
}
