// The fields of a `review.submit` that the collaboration's review plan makes required (issue 7): the DTO checks shapes,
// this checks what the planned KPIs need, once the plan is known.
import type { ReviewPlan } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { type KpiSubmission, missingInputs } from './outcomes.js';

/** 400 VALIDATION_FAILED naming every input a planned KPI needs and the submission lacks; nothing when all are there. */
export function assertPlannedInputs(plan: Pick<ReviewPlan, 'kpis'> | null, kpis: KpiSubmission): void {
  const needed = new Map<string, string[]>();
  for (const { key } of plan?.kpis ?? []) {
    for (const field of missingInputs(kpis, key)) needed.set(field, [...(needed.get(field) ?? []), key]);
  }
  if (needed.size === 0) return;
  const fields = [...needed].map(([field, keys]) => ({
    field,
    problems: [`${field} is required: the review plan measures ${keys.join(', ')}`],
  }));
  throw new DomainException(ErrorCode.VALIDATION_FAILED, fields.map((f) => f.problems[0]).join('; '), { fields });
}
