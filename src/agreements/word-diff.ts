import { diffWords } from 'diff';

export type Change = { op: 'add' | 'remove' | 'same'; text: string };
/** One text before and after. */
export type TextPair = [before: string, after: string];

/**
 * What one diff may cost. Myers' diff grows with the square of the edits (4,000 differing words: 6.6 s), so past
 * `maxEdits` words added or removed over the whole diff (both languages), or past `timeoutMs`, it gives up.
 */
export interface DiffBudget {
  maxEdits: number;
  timeoutMs: number;
}
// 2,000 edits: about 500 words rewritten in both languages; at most ~1 s of a worker thread when nothing matches.
export const DIFF_BUDGET: DiffBudget = { maxEdits: 2000, timeoutMs: 2000 };

/** Word diffs of each pair, within one budget for them all; null when the budget is exceeded. */
export function wordDiffs(pairs: TextPair[], budget: DiffBudget = DIFF_BUDGET): Change[][] | null {
  const deadline = Date.now() + budget.timeoutMs;
  let left = budget.maxEdits;
  const out: Change[][] = [];
  for (const [before, after] of pairs) {
    // Equal, added or removed text needs no diff, and costs no budget.
    if (before === after) out.push(before ? [{ op: 'same', text: before }] : []);
    else if (!before) out.push([{ op: 'add', text: after }]);
    else if (!after) out.push([{ op: 'remove', text: before }]);
    else {
      const timeout = deadline - Date.now();
      const changes = timeout > 0 ? diffWords(before, after, { maxEditLength: left, timeout }) : undefined;
      if (!changes) return null;
      let used = 0;
      const mapped = changes.map((c): Change => {
        if (c.added || c.removed) used += c.count;
        return { op: c.added ? 'add' : c.removed ? 'remove' : 'same', text: c.value };
      });
      left -= used;
      if (left < 0) return null;
      out.push(mapped);
    }
  }
  return out;
}
