import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/** Issue 16, part 2: a token version per user (logout, password change and reset revoke tokens) and reset links. */
export class Sessions1795990000000 implements MigrationInterface {
  name = 'Sessions1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.addColumn('users', new TableColumn({ name: 'token_version', type: 'integer', default: 0 }));
    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'user_id', type: t.uuid },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
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
    await queryRunner.dropColumn('users', 'token_version');
  }
}
