import { type DataSource, In } from 'typeorm';
import { loadParts } from '../workflow-runtime/context-parts.js';
import { HistoryEventEntity } from '../workflow-runtime/history-event.entity.js';
import { replayInstance, type ReplayReport } from '../workflow-runtime/replay.js';
import type { WorkflowRegistry } from '../workflow-runtime/workflow-registry.js';
import { CollaborationEntity } from './collaboration.entity.js';

/** Replays every collaboration in the database (or the given ones) and compares with its snapshot and context parts. */
export async function verifyHistories(dataSource: DataSource, registry: WorkflowRegistry, ids?: string[]): Promise<ReplayReport[]> {
  const rows = await dataSource
    .getRepository(CollaborationEntity)
    .find({ select: { id: true }, where: ids ? { id: In(ids) } : {}, order: { createdAt: 'ASC' } });
  const reports: ReplayReport[] = [];
  // Row, parts and history from one snapshot of the database, so an event committing meanwhile cannot split them.
  const isolation = dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : 'SERIALIZABLE';
  for (const { id } of rows) {
    reports.push(
      await dataSource.transaction(isolation, async (em) => {
        const row = await em.findOneByOrFail(CollaborationEntity, { id });
        const parts = await loadParts(em, id);
        const history = await em.find(HistoryEventEntity, { where: { collaborationId: id }, order: { seq: 'ASC' } });
        return replayInstance(registry, { ...row, parts }, history);
      }),
    );
  }
  return reports;
}
