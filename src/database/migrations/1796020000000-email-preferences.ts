import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/** Issue 16, part 4: per-user email preferences, and notification rows mailed to one member (fanned out, digested). */
export class EmailPreferences1796020000000 implements MigrationInterface {
  name = 'EmailPreferences1796020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [
          { name: 'user_id', type: t.uuid, isPrimary: true },
          { name: 'email_reminders', type: 'boolean' },
          { name: 'email_lifecycle', type: 'boolean' },
          { name: 'email_digest', type: 'varchar', length: '8' },
          { name: 'updated_at', type: t.timestamp },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    // Plain ALTER TABLE on both drivers: TypeORM's addColumn on SQLite rebuilds the table.
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN user_id ${t.uuid}`);
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN category varchar(16)');
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN outcome varchar(16)');
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN digest_id ${t.uuid}`);
    await queryRunner.createIndex('notifications', new TableIndex({ columnNames: ['outcome', 'digest_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('notifications');
    const index = table!.indices.find((i) => i.columnNames.join() === 'outcome,digest_id');
    if (index) await queryRunner.dropIndex(table!, index); // before its columns: SQLite refuses to drop an indexed column
    for (const column of ['digest_id', 'outcome', 'category', 'user_id'])
      await queryRunner.query(`ALTER TABLE notifications DROP COLUMN ${column}`);
    await queryRunner.dropTable('notification_preferences');
  }
}
