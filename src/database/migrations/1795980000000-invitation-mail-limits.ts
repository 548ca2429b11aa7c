import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The daily invitation-mail limits (issue 13, item 9) count invitation_tokens by address and by time. */
export class InvitationMailLimits1795980000000 implements MigrationInterface {
  name = 'InvitationMailLimits1795980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('invitation_tokens', new TableIndex({ columnNames: ['email', 'created_at'] }));
    await queryRunner.createIndex('invitation_tokens', new TableIndex({ columnNames: ['created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = (await queryRunner.getTable('invitation_tokens'))!;
    for (const index of table.indices.filter((i) => i.columnNames.includes('created_at'))) {
      await queryRunner.dropIndex(table, index);
    }
  }
}
