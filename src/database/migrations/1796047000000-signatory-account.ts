import type { MigrationInterface, QueryRunner } from 'typeorm';
import { portableTypes } from './portable-types.js';

/** Issue 14: the account an organization's recorded signatory signs with (only it may sign agreements). */
export class SignatoryAccount1796047000000 implements MigrationInterface {
  name = 'SignatoryAccount1796047000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both drivers: TypeORM's addColumn on SQLite rebuilds the table.
    await queryRunner.query(`ALTER TABLE organizations ADD COLUMN signatory_user_id ${portableTypes(queryRunner).uuid}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organizations DROP COLUMN signatory_user_id');
  }
}
