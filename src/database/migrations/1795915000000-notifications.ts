import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class Notifications1795915000000 implements MigrationInterface {
  name = 'Notifications1795915000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid, isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isNullable: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'subject', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'link', type: 'varchar', length: '2048', isNullable: true },
          { name: 'collaboration_id', type: t.uuid, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'delivered_at', type: t.timestamp, isNullable: true },
          { name: 'attempts', type: 'integer' },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'claimed_until', type: t.timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ columnNames: ['organization_id', 'created_at'] }),
          new TableIndex({ columnNames: ['delivered_at', 'claimed_until'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
  }
}
