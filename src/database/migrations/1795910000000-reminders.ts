import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class Reminders1795910000000 implements MigrationInterface {
  name = 'Reminders1795910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reminders',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'subject', type: 'varchar', length: '200' },
          { name: 'organization_id', type: t.uuid },
          { name: 'due', type: 'varchar', length: '10' },
          { name: 'offset_days', type: 'integer' },
          { name: 'fire_at', type: t.timestamp },
          { name: 'title', type: 'text' },
          { name: 'delivered_at', type: t.timestamp, isNullable: true },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: true },
          { name: 'created_at', type: t.timestamp },
        ],
        uniques: [new TableUnique({ columnNames: ['subject', 'organization_id', 'due', 'offset_days'] })],
        indices: [new TableIndex({ columnNames: ['fire_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reminders');
  }
}
