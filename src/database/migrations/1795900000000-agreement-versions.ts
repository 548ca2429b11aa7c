import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class AgreementVersions1795900000000 implements MigrationInterface {
  name = 'AgreementVersions1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'agreement_versions',
        columns: [
          { name: 'collaboration_id', type: t.uuid, isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'template', type: 'varchar', length: '100' },
          { name: 'data', type: 'text' },
          { name: 'document', type: 'text' },
          { name: 'pdf', type: 'text' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: t.timestamp },
          { name: 'executed_pdf', type: 'text', isNullable: true },
          { name: 'executed_sha256', type: 'varchar', length: '64', isNullable: true },
          { name: 'executed_at', type: t.timestamp, isNullable: true },
        ],
        indices: [new TableIndex({ columnNames: ['sha256'] }), new TableIndex({ columnNames: ['executed_sha256'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agreement_versions');
  }
}
