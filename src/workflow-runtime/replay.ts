import { initialTransition, transition } from 'xstate';
import { In, type DataSource } from 'typeorm';
import type { CollaborationEvent, CollaborationInput } from '../../workflows/collaboration/index.js';
import { CollaborationEntity } from '../collaborations/collaboration.entity.js';
import { HistoryEventEntity } from './history-event.entity.js';
import type { WorkflowRegistry } from './workflow-registry.js';

export interface ReplayReport {
  collaborationId: string;
  events: number;
  problems: string[];
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The event exactly as the machine saw it, rebuilt from a history row. */
export function eventOf(row: HistoryEventEntity): CollaborationEvent {
  return { ...row.payload, type: row.type, actor: row.actor, at: row.at.toISOString() } as CollaborationEvent;
}

/** Replays a collaboration's history from the initial snapshot of its own version and compares with what is stored. */
export function replayCollaboration(registry: WorkflowRegistry, row: CollaborationEntity, history: HistoryEventEntity[]): ReplayReport {
  const problems: string[] = [];
  const { machine } = registry.get(row.workflowVersion);
  let [snapshot] = initialTransition(machine, row.input as unknown as CollaborationInput);
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
  if (row.version !== history.length) problems.push(`version ${row.version} but ${history.length} events in the history`);
  const replayed = JSON.stringify(plain(machine.getPersistedSnapshot(snapshot)));
  if (replayed !== JSON.stringify(plain(row.snapshot))) {
    problems.push(`stored snapshot differs from the replay:\n  stored:   ${JSON.stringify(row.snapshot)}\n  replayed: ${replayed}`);
  }
  return { collaborationId: row.id, events: history.length, problems };
}

/** Checks every collaboration in the database (or the given ones). */
export async function verifyHistories(dataSource: DataSource, registry: WorkflowRegistry, ids?: string[]): Promise<ReplayReport[]> {
  const rows = ids
    ? await dataSource.getRepository(CollaborationEntity).findBy({ id: In(ids) })
    : await dataSource.getRepository(CollaborationEntity).find({ order: { createdAt: 'ASC' } });
  const reports: ReplayReport[] = [];
  // Row and history from one snapshot of the database, so an event committing meanwhile cannot split them.
  const isolation = dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : 'SERIALIZABLE';
  for (const { id } of rows) {
    reports.push(
      await dataSource.transaction(isolation, async (em) => {
        const row = await em.findOneByOrFail(CollaborationEntity, { id });
        const history = await em.find(HistoryEventEntity, { where: { collaborationId: id }, order: { seq: 'ASC' } });
        return replayCollaboration(registry, row, history);
      }),
    );
  }
  return reports;
}
