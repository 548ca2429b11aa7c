import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { portableTypes } from './portable-types.js';

/**
 * Public partner profiles, their filter values, and the full-text index of the directory. The index is not an
 * entity (TypeORM knows neither FTS5 nor tsvector): `partner_search` is an FTS5 table over `partner_search_docs`
 * on SQLite, and a tsvector table with a GIN index on PostgreSQL; src/partners/directory-search.ts maintains both.
 */
export class PartnerProfiles1795920000000 implements MigrationInterface {
  name = 'PartnerProfiles1795920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = portableTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'partner_profiles',
        columns: [
          { name: 'organization_id', type: t.uuid, isPrimary: true },
          { name: 'listed', type: 'boolean' },
          { name: 'listed_at', type: t.timestamp, isNullable: true },
          { name: 'price_tier', type: 'varchar', length: '16' },
          { name: 'capacity_per_month', type: 'integer' },
          { name: 'lead_time_days', type: 'integer' },
          { name: 'story', type: 'text' },
          { name: 'audience', type: 'text' },
          { name: 'channels', type: 'text' },
          { name: 'tags', type: 'text' },
          { name: 'open_to_forms', type: 'text' },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['listed', 'listed_at', 'organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_profile_values',
        columns: [
          { name: 'organization_id', type: t.uuid, isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'value', type: 'varchar', length: '100', isPrimary: true },
        ],
        indices: [new TableIndex({ columnNames: ['kind', 'value', 'organization_id'] })],
      }),
    );
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`CREATE TABLE partner_search (organization_id uuid PRIMARY KEY, document tsvector NOT NULL)`);
      await queryRunner.query(`CREATE INDEX partner_search_document ON partner_search USING GIN (document)`);
    } else {
      // External-content FTS5: the integer rowid lives in partner_search_docs, found by organization_id through its unique index.
      await queryRunner.query(
        `CREATE TABLE partner_search_docs (id INTEGER PRIMARY KEY, organization_id varchar NOT NULL UNIQUE,
          name text NOT NULL, brands text NOT NULL, tags text NOT NULL, story text NOT NULL)`,
      );
      await queryRunner.query(
        `CREATE VIRTUAL TABLE partner_search USING fts5(name, brands, tags, story,
          content='partner_search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
      );
      const columns = 'name, brands, tags, story';
      const values = (row: 'new' | 'old'): string => `${row}.id, ${row}.name, ${row}.brands, ${row}.tags, ${row}.story`;
      const remove = `INSERT INTO partner_search(partner_search, rowid, ${columns}) VALUES ('delete', ${values('old')});`;
      const add = `INSERT INTO partner_search(rowid, ${columns}) VALUES (${values('new')});`;
      await queryRunner.query(`CREATE TRIGGER partner_search_docs_ai AFTER INSERT ON partner_search_docs BEGIN ${add} END`);
      await queryRunner.query(`CREATE TRIGGER partner_search_docs_ad AFTER DELETE ON partner_search_docs BEGIN ${remove} END`);
      await queryRunner.query(`CREATE TRIGGER partner_search_docs_au AFTER UPDATE ON partner_search_docs BEGIN ${remove} ${add} END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query('DROP TABLE partner_search');
    } else {
      await queryRunner.query('DROP TABLE partner_search');
      await queryRunner.query('DROP TABLE partner_search_docs');
    }
    await queryRunner.dropTable('partner_profile_values');
    await queryRunner.dropTable('partner_profiles');
  }
}
