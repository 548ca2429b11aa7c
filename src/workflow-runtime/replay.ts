import { initialTransition, transition } from 'xstate';
import type { CollaborationEvent, CollaborationInput } from '../../workflows/collaboration/index.js';
import type { JsonObject } from '../database/json.js';
import { type ContextPart, detach } from './context-parts.js';
import type { HistoryEventEntity } from './history-event.entity.js';
import type { WorkflowRegistry } from './workflow-registry.js';

export interface ReplayReport {
  collaborationId: string;
  events: number;
  problems: string[];
}

/** What is stored of an instance: its snapshot without detached parts, and the parts. */
export interface StoredInstance {
  id: string;
  workflowVersion: number;
  version: number;
  input: JsonObject;
  snapshot: JsonObject;
  parts: ContextPart[];
}

const plain = (value: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(value)));
const partsText = (parts: ContextPart[]): string[] =>
  parts.map((p) => `${p.path}[${p.key}] = ${plain(p.value)}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The event exactly as the machine saw it, rebuilt from a history row. */
export function eventOf(row: HistoryEventEntity): CollaborationEvent {
  return { ...row.payload, type: row.type, actor: row.actor, at: row.at.toISOString() } as CollaborationEvent;
}

/**
 * Replays an instance's history from the initial snapshot of its own version, on the whole context, and compares the
 * result, split as the runtime stores it, with the stored snapshot and parts.
 */
export function replayInstance(registry: WorkflowRegistry, stored: StoredInstance, history: HistoryEventEntity[]): ReplayReport {
  const problems: string[] = [];
  const workflow = registry.get(stored.workflowVersion);
  const { machine } = workflow;
  let [snapshot] = initialTransition(machine, stored.input as unknown as CollaborationInput);
  history.forEach((entry, i) => {
    if (entry.seq !== i + 1) problems.push(`history seq ${entry.seq} at position ${i + 1}: the sequence has a gap`);
    if (String(snapshot.value) !== entry.fromState)
      problems.push(`seq ${entry.seq}: replay is in ${String(snapshot.value)}, history says from ${entry.fromState}`);
    const [next] = transition(machine, snapshot, eventOf(entry) as never);
    if (next === snapshot) problems.push(`seq ${entry.seq} ${entry.type}: refused on replay`);
    if (String(next.value) !== entry.toState)
      problems.push(`seq ${entry.seq}: replay went to ${String(next.value)}, history says ${entry.toState}`);
    snapshot = next;
  });
  if (stored.version !== history.length) problems.push(`version ${stored.version} but ${history.length} events in the history`);
  const persisted = machine.getPersistedSnapshot(snapshot) as JsonObject;
  const { hot, parts } = detach(persisted.context as JsonObject, workflow.detached);
  const replayed = plain({ ...persisted, context: hot });
  if (replayed !== plain(stored.snapshot)) {
    problems.push(`stored snapshot differs from the replay:\n  stored:   ${plain(stored.snapshot)}\n  replayed: ${replayed}`);
  }
  const [want, have] = [partsText(parts), partsText(stored.parts)];
  if (want.join('\n') !== have.join('\n')) {
    problems.push(`stored context parts differ from the replay:\n  stored:   ${have.join('; ')}\n  replayed: ${want.join('; ')}`);
  }
  return { collaborationId: stored.id, events: history.length, problems };
}
