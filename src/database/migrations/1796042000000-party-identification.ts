import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §2: what Indonesian practice names a party by — country (the language rule), the deed and SK AHU of a PT/CV,
 * and the owner of a UD (the owner's NIK only encrypted, like the other identity numbers).
 */
export class PartyIdentification1796042000000 implements MigrationInterface {
  name = 'PartyIdentification1796042000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both drivers: a TypeORM rebuild of `organizations` would cascade into its memberships.
    await queryRunner.query(`ALTER TABLE organizations ADD COLUMN country varchar(2) NOT NULL DEFAULT 'ID'`);
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN deed text NULL');
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN sk_ahu varchar(100) NULL');
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN owner_name varchar(200) NULL');
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN owner_nik_sealed text NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['owner_nik_sealed', 'owner_name', 'sk_ahu', 'deed', 'country'])
      await queryRunner.query(`ALTER TABLE organizations DROP COLUMN ${column}`);
  }
}
