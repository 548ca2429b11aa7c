import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class Collaborations1795895000000 implements MigrationInterface {
  name = 'Collaborations1795895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'collaborations',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'form', type: 'varchar', length: '32' },
          { name: 'state', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'workflow_id', type: 'varchar', length: '64' },
          { name: 'workflow_version', type: 'integer' },
          { name: 'version', type: 'integer' },
          { name: 'initiator_organization_id', type: t.uuid },
          { name: 'created_by_user_id', type: t.uuid },
          { name: 'input', type: 'text' },
          { name: 'snapshot', type: 'text' },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['created_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'collaboration_parties',
        columns: [
          { name: 'collaboration_id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid, isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
        ],
        indices: [new TableIndex({ columnNames: ['organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'collaboration_events',
        columns: [
          { name: 'collaboration_id', type: t.uuid, isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'actor', type: 'text' },
          { name: 'from_state', type: 'varchar', length: '32' },
          { name: 'to_state', type: 'varchar', length: '32' },
          { name: 'at', type: t.timestamp },
          { name: 'due_at', type: t.timestamp, isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'collaboration_effects',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'collaboration_id', type: t.uuid },
          { name: 'seq', type: 'integer' },
          { name: 'idx', type: 'integer' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'params', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          { name: 'available_at', type: t.timestamp },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'done_at', type: t.timestamp, isNullable: true },
        ],
        uniques: [new TableUnique({ columnNames: ['collaboration_id', 'seq', 'idx'] })],
        indices: [new TableIndex({ columnNames: ['status', 'available_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'collaboration_timers',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'collaboration_id', type: t.uuid },
          { name: 'timer_id', type: 'varchar', length: '64' },
          { name: 'event', type: 'text' },
          { name: 'fire_at', type: t.timestamp },
          { name: 'claimed_until', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
        ],
        uniques: [new TableUnique({ columnNames: ['collaboration_id', 'timer_id'] })],
        indices: [new TableIndex({ columnNames: ['fire_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'user_id', type: t.uuid, isPrimary: true },
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'collaboration_id', type: t.uuid },
          { name: 'response', type: 'text' },
          { name: 'created_at', type: t.timestamp },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'collaboration_timers',
      'collaboration_effects',
      'collaboration_events',
      'collaboration_parties',
      'collaborations',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
