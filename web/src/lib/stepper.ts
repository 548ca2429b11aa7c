/** The workflow definition as GET /workflows/:id/:version describes it. */
export interface WorkflowDescription {
  initial: string;
  states: { name: string; final: boolean }[];
  transitions: { event: string; from: string; to: string | null }[];
}

/**
 * The lifecycle steps, drawn from the definition rather than hard-coded: states in breadth-first order from the initial
 * one. A final state reachable from most states (cancelled) is an exit, not a step; the final state with the fewest ways
 * in (completed) ends the line.
 */
export function lifecycleSteps(workflow: WorkflowDescription): string[] {
  const next = new Map<string, string[]>();
  for (const t of workflow.transitions) {
    if (!t.to || t.to === t.from) continue;
    next.set(t.from, [...(next.get(t.from) ?? []), t.to]);
  }
  const order: string[] = [];
  const queue = [workflow.initial];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (order.includes(state)) continue;
    order.push(state);
    queue.push(...(next.get(state) ?? []));
  }
  const finals = workflow.states.filter((s) => s.final).map((s) => s.name);
  const waysIn = (state: string): number => new Set(workflow.transitions.filter((t) => t.to === state).map((t) => t.from)).size;
  const goal = [...finals].sort((a, b) => waysIn(a) - waysIn(b))[0];
  return [...order.filter((s) => !finals.includes(s)), ...(goal ? [goal] : [])];
}
