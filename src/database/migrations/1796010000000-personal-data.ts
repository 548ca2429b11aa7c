import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/**
 * Issue 16, part 3: KTP/NIK, NIB and NPWP kept only encrypted (AES-256-GCM, DATA_KEY), and a log of who read them.
 * A migration has no key: it moves the numbers into the sealed columns as they are, and the service encrypts every value
 * not under the current key when it starts (organizations/legal-ids.ts), before it serves a request.
 */
export class PersonalData1796010000000 implements MigrationInterface {
  name = 'PersonalData1796010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    // Plain ALTER TABLE on both drivers (SQLite 3.35+ drops a column in place): a TypeORM rebuild of `organizations`
    // would cascade into its memberships.
    for (const column of ['nib_sealed', 'ktp_sealed', 'npwp_sealed']) {
      await queryRunner.query(`ALTER TABLE organizations ADD COLUMN ${column} text NULL`);
    }
    await queryRunner.query('UPDATE organizations SET nib_sealed = nib, ktp_sealed = ktp');
    await queryRunner.query('ALTER TABLE organizations DROP COLUMN nib');
    await queryRunner.query('ALTER TABLE organizations DROP COLUMN ktp');
    await queryRunner.createTable(
      new Table({
        name: 'legal_detail_reads',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid },
          { name: 'user_id', type: t.uuid, isNullable: true },
          { name: 'purpose', type: 'varchar', length: '32' },
          { name: 'collaboration_id', type: t.uuid, isNullable: true },
          { name: 'created_at', type: t.timestamp },
        ],
        foreignKeys: [
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('legal_detail_reads');
    // The numbers come back encrypted: decrypting needs the key, which a migration does not have.
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN nib varchar(13) NULL');
    await queryRunner.query('ALTER TABLE organizations ADD COLUMN ktp varchar(16) NULL');
    for (const column of ['nib_sealed', 'ktp_sealed', 'npwp_sealed'])
      await queryRunner.query(`ALTER TABLE organizations DROP COLUMN ${column}`);
  }
}
