import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/** Issue 16, part 5: webhook endpoints, their outbox (events, then messages per endpoint) and the record of deliveries (removed with their endpoint by the service). */
export class Webhooks1796030000000 implements MigrationInterface {
  name = 'Webhooks1796030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'description', type: 'varchar', length: '500', isNullable: true },
          { name: 'events', type: 'text' },
          { name: 'secret', type: 'text' },
          { name: 'previous_secret', type: 'text', isNullable: true },
          { name: 'previous_secret_until', type: t.timestamp, isNullable: true },
          { name: 'disabled_at', type: t.timestamp, isNullable: true },
          { name: 'failing_since', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'collaboration_id', type: t.uuid, isNullable: true },
          { name: 'seq', type: 'integer', isNullable: true },
          { name: 'messages', type: 'text' },
          { name: 'targets', type: 'text' },
          { name: 'at', type: t.timestamp },
          { name: 'created_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['created_at'] }), new TableIndex({ columnNames: ['collaboration_id', 'seq'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_messages',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'endpoint_id', type: t.uuid },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'collaboration_id', type: t.uuid, isNullable: true },
          { name: 'seq', type: 'integer', isNullable: true },
          { name: 'sub', type: 'integer' },
          { name: 'body', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'due_at', type: t.timestamp },
          { name: 'claim', type: 'varchar', length: '36', isNullable: true },
          { name: 'attempts', type: 'integer' },
          { name: 'created_at', type: t.timestamp },
          { name: 'delivered_at', type: t.timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ columnNames: ['status', 'due_at'] }),
          new TableIndex({ columnNames: ['endpoint_id', 'collaboration_id', 'status', 'seq', 'sub'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'message_id', type: t.uuid },
          { name: 'endpoint_id', type: t.uuid },
          { name: 'trigger', type: 'varchar', length: '16' },
          { name: 'at', type: t.timestamp },
          { name: 'succeeded', type: 'boolean' },
          { name: 'status_code', type: 'integer', isNullable: true },
          { name: 'latency_ms', type: 'integer' },
          { name: 'response', type: 'text', isNullable: true },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [new TableIndex({ columnNames: ['endpoint_id', 'at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_messages');
    await queryRunner.dropTable('webhook_events');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
