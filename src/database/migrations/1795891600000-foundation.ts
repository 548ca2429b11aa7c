import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

export class Foundation1795891600000 implements MigrationInterface {
  name = 'Foundation1795891600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organizations',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'legal_form', type: 'varchar', length: '16' },
          { name: 'scale', type: 'varchar', length: '16' },
          { name: 'city', type: 'varchar', length: '100' },
          { name: 'brands', type: 'text' },
          { name: 'categories', type: 'text' },
          { name: 'instagram', type: 'varchar', length: '100', isNullable: true },
          { name: 'website', type: 'varchar', length: '500', isNullable: true },
          { name: 'legal_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'address', type: 'text', isNullable: true },
          { name: 'nib', type: 'varchar', length: '13', isNullable: true },
          { name: 'ktp', type: 'varchar', length: '16', isNullable: true },
          { name: 'signatory_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'signatory_title', type: 'varchar', length: '200', isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'memberships',
        columns: [
          { name: 'organization_id', type: t.uuid, isPrimary: true },
          { name: 'user_id', type: t.uuid, isPrimary: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'created_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['organization_id'],
            referencedTableName: 'organizations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('memberships');
    await queryRunner.dropTable('organizations');
    await queryRunner.dropTable('users');
  }
}
