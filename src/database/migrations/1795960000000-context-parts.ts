import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { attach, detach } from '../../../workflows/context-split.js';
import { portableTypes } from './portable-types.js';

// Frozen here as released with collaboration.v1 (workflows/collaboration/v1/storage.ts): a migration must not change
// when the workflow's data does.
const DETACHED_V1 = {
  termsRevisions: { fields: ['terms'], before: 'authorOrganizationId' },
  milestones: { fields: ['title', 'date', 'notes'], before: 'recordedByOrganizationId' },
  candidates: { fields: ['fit'], before: 'shortlistedAt' },
  reviews: { fields: ['kpis', 'ratings', 'lessons'], before: 'submittedByUserId' },
};
const PHASES: Record<string, string[]> = {
  forming: ['proposal', 'partnerSearch', 'invitation'],
  agreeing: ['negotiation', 'agreement'],
  running: ['ipChecklist', 'execution', 'postReview'],
  completed: ['completed'],
  cancelled: ['cancelled'],
};
const BATCH = 200;

/**
 * Every event used to parse and rewrite the whole snapshot, which grew with each terms revision, milestone, candidate
 * and review. Their bulky fields move to collaboration_context_parts (one row per element and field), and each
 * collaboration gets its `phase`, which other modules query instead of state names.
 */
export class ContextParts1795960000000 implements MigrationInterface {
  name = 'ContextParts1795960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'collaboration_context_parts',
        columns: [
          { name: 'collaboration_id', type: t.uuid, isPrimary: true },
          { name: 'path', type: 'varchar', length: '64', isPrimary: true },
          { name: 'item', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
    await queryRunner.addColumn('collaborations', new TableColumn({ name: 'phase', type: 'varchar', length: '16', isNullable: true }));
    for (const [phase, states] of Object.entries(PHASES)) {
      await queryRunner.query(`UPDATE collaborations SET phase = '${phase}' WHERE state IN (${states.map((s) => `'${s}'`).join(', ')})`);
    }
    // Every row has its phase now; the runtime writes it with every event.
    await queryRunner.changeColumn('collaborations', 'phase', new TableColumn({ name: 'phase', type: 'varchar', length: '16' }));
    await queryRunner.createIndex('collaborations', new TableIndex({ columnNames: ['phase'] }));
    await this.rewrite(queryRunner, async (id, context) => {
      const { hot, parts } = detach(context, DETACHED_V1);
      for (const part of parts) {
        await queryRunner.query(
          `INSERT INTO collaboration_context_parts (collaboration_id, path, item, value) VALUES (${this.params(queryRunner, 4)})`,
          [id, part.path, part.key, JSON.stringify(part.value)],
        );
      }
      return hot;
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rewrite(queryRunner, async (id, context) => {
      const rows = (await queryRunner.query(
        `SELECT path, item, value FROM collaboration_context_parts WHERE collaboration_id = ${this.params(queryRunner, 1)}`,
        [id],
      )) as Array<{ path: string; item: string; value: string }>;
      return attach(
        context,
        rows.map((r) => ({ path: r.path, key: r.item, value: JSON.parse(r.value) as unknown })),
        DETACHED_V1,
      );
    });
    await queryRunner.dropIndex('collaborations', new TableIndex({ columnNames: ['phase'] }));
    await queryRunner.dropColumn('collaborations', 'phase');
    await queryRunner.dropTable('collaboration_context_parts');
  }

  private params(queryRunner: QueryRunner, n: number): string {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    return Array.from({ length: n }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  }

  /** Each v1 collaboration's snapshot context, replaced by what `change` returns; in id order, a batch at a time. */
  private async rewrite(
    queryRunner: QueryRunner,
    change: (id: string, context: Record<string, unknown>) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    let after = '00000000-0000-0000-0000-000000000000'; // below every uuid, on both drivers
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT id, snapshot FROM collaborations WHERE workflow_version = 1 AND id > ${postgres ? '$1' : '?'} ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as Array<{ id: string; snapshot: string }>;
      if (rows.length === 0) return;
      for (const row of rows) {
        const snapshot = JSON.parse(row.snapshot) as { context: Record<string, unknown> };
        const context = await change(row.id, snapshot.context);
        await queryRunner.query(`UPDATE collaborations SET snapshot = ${postgres ? '$1' : '?'} WHERE id = ${postgres ? '$2' : '?'}`, [
          JSON.stringify({ ...snapshot, context }),
          row.id,
        ]);
      }
      after = rows[rows.length - 1].id;
    }
  }
}
