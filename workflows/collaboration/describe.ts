import type { AnyStateMachine } from 'xstate';

export interface MachineDescription {
  id: string;
  initial: string;
  states: Array<{ name: string; final: boolean; entry: string[]; exit: string[] }>;
  events: string[];
  transitions: Array<{ from: string; event: string; to: string | null; guard: string | null }>;
}

type Named = { type?: string; guards?: unknown[] } | string | ((...args: never[]) => unknown) | null | undefined;

function name(thing: Named): string | null {
  if (!thing) return null;
  if (typeof thing === 'string') return thing;
  if (typeof thing === 'function') {
    const guards = (thing as { guards?: Named[] }).guards;
    const kind = (thing as { check?: unknown }).check ? thing.name || 'fn' : thing.name;
    return guards ? `and(${guards.map(name).join(', ')})` : kind || 'inline';
  }
  return thing.type ?? null;
}

// Targets are state nodes (or, in some definitions, '#machine.state' ids).
const stateName = (target: unknown): string =>
  typeof target === 'string' ? target.replace(/^#.*\./, '') : String((target as { key: string }).key);

/** States, events and transitions of a machine as plain JSON, read from its definition. */
export function describeMachine(machine: AnyStateMachine): MachineDescription {
  const definition = machine.definition;
  const events = new Set<string>();
  const states = Object.entries(definition.states).map(([stateName, node]) => ({
    name: stateName,
    final: node.type === 'final',
    entry: node.entry.map((a) => name(a as Named) ?? 'inline'),
    exit: node.exit.map((a) => name(a as Named) ?? 'inline'),
  }));
  const transitions = Object.entries(definition.states).flatMap(([from, node]) =>
    Object.entries(node.on).flatMap(([event, list]) => {
      events.add(event);
      return (list as Array<{ target?: unknown[]; guard?: Named }>).map((t) => ({
        from,
        event,
        to: t.target?.length ? stateName(t.target[0]) : null,
        guard: name(t.guard),
      }));
    }),
  );
  return { id: machine.id, initial: stateName(definition.initial?.target[0]), states, events: [...events], transitions };
}

/** A Mermaid stateDiagram-v2 of the machine, one arrow per transition (guards other than the role check in brackets). */
export function toMermaid(description: MachineDescription): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${description.initial}`];
  for (const t of description.transitions) {
    lines.push(`  ${t.from} --> ${t.to ?? t.from}: ${t.event}${t.guard && t.guard !== 'permitted' ? ` [${t.guard}]` : ''}`);
  }
  for (const s of description.states) if (s.final) lines.push(`  ${s.name} --> [*]`);
  return lines.join('\n');
}
