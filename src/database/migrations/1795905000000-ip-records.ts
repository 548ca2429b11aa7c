import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class IpRecords1795905000000 implements MigrationInterface {
  name = 'IpRecords1795905000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    const date = (name: string): { name: string; type: string; isNullable: boolean } => ({ name, type: 'date', isNullable: true });
    await queryRunner.createTable(
      new Table({
        name: 'ip_records',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'classes', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'application_number', type: 'varchar', length: '64', isNullable: true },
          { name: 'registration_number', type: 'varchar', length: '64', isNullable: true },
          date('filing_date'),
          date('publication_date'),
          date('opposition_date'),
          date('refusal_notice_date'),
          date('registration_date'),
          date('last_use_evidence_date'),
          date('first_disclosure_date'),
          { name: 'owners', type: 'text' },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['organization_id', 'kind'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ip_records');
  }
}
