import type { EntityManager } from 'typeorm';
import { type CollaborationContext, type CollaborationEvent, parties } from '../../workflows/collaboration/index.js';
import type { EventListener } from '../workflow-runtime/event-listener.js';
import { outcomeRow } from './outcome-insights.js';
import { ReviewOutcomeEntity } from './review-outcome.entity.js';

/** When a collaboration completes (the last review, or the close), each party's outcome row is written with it. */
export function recordReviewOutcomes(): EventListener {
  return async (em: EntityManager, event: CollaborationEvent, _before: CollaborationContext, after: CollaborationContext) => {
    if (event.type !== 'review.submit' && event.type !== 'review.close') return;
    const completed = after.closedAt !== null || parties(after).every((org) => org in after.reviews);
    if (!completed) return;
    const rows = parties(after).map((organizationId) => {
      const row = outcomeRow(after, organizationId);
      return { ...row, organizationId, submitted: row.submitted ? 1 : 0 };
    });
    await em.createQueryBuilder().insert().into(ReviewOutcomeEntity).values(rows).orIgnore().execute();
  };
}
