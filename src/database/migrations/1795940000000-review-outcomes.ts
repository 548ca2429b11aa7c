import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class ReviewOutcomes1795940000000 implements MigrationInterface {
  name = 'ReviewOutcomes1795940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'review_outcomes',
        columns: [
          { name: 'collaboration_id', type: t.uuid, isPrimary: true },
          { name: 'organization_id', type: t.uuid, isPrimary: true },
          { name: 'form', type: 'varchar', length: '32' },
          { name: 'partner_organization_ids', type: 'text' },
          { name: 'submitted', type: 'integer' },
          { name: 'follower_growth_pct', type: 'double precision', isNullable: true },
          { name: 'profit', type: 'double precision', isNullable: true },
          { name: 'targets_met', type: 'integer' },
          { name: 'targets_with_result', type: 'integer' },
          { name: 'fit_score', type: 'double precision', isNullable: true },
        ],
        indices: [new TableIndex({ columnNames: ['organization_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('review_outcomes');
  }
}
