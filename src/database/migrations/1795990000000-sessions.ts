import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/** Issue 16, part 2: a token version per user (logout, password change and reset revoke tokens) and reset links. */
export class Sessions1795990000000 implements MigrationInterface {
  name = 'Sessions1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    // Plain ALTER TABLE on both drivers: TypeORM's addColumn/dropColumn on SQLite rebuild the table, and dropping `users`
    // would cascade into its memberships.
    await queryRunner.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0');
    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'user_id', type: t.uuid },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'token_version', type: 'integer' },
          { name: 'expires_at', type: t.timestamp },
          { name: 'used_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['user_id', 'created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_resets');
    await queryRunner.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
