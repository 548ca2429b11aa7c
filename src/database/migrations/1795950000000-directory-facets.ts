import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's filters move into full-text indexes beside the text: each listed profile's filter values and price
 * tier become tokens (`facets`, see facetToken in src/partners/directory-search.ts) and its capacity a column, so a
 * search with filters ranks only the documents that pass them instead of looking each match up. SQLite gets an FTS5
 * table `partner_search_facets` over partner_search_docs.facets; PostgreSQL a `facets` tsvector in partner_search,
 * plus the listing time for the newest-first list. Existing documents are filled from partner_profile_values and
 * partner_profiles, computing the same tokens in SQL.
 */
export class DirectoryFacets1795950000000 implements MigrationInterface {
  name = 'DirectoryFacets1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(
        `ALTER TABLE partner_search ADD COLUMN facets tsvector NOT NULL DEFAULT ''::tsvector,
           ADD COLUMN capacity integer NOT NULL DEFAULT 0, ADD COLUMN listed_at timestamp`,
      );
      await queryRunner.query(
        `UPDATE partner_search s SET capacity = p.capacity_per_month, listed_at = p.listed_at, facets = array_to_tsvector(
           ARRAY(SELECT v.kind || 'x' || encode(convert_to(v.value, 'UTF8'), 'hex') FROM partner_profile_values v
                 WHERE v.organization_id = s.organization_id)
           || ('tierx' || encode(convert_to(p.price_tier, 'UTF8'), 'hex')))
         FROM partner_profiles p WHERE p.organization_id = s.organization_id`,
      );
      // The index holds listed profiles only; a document without one would have no listing time.
      await queryRunner.query(
        'DELETE FROM partner_search s WHERE NOT EXISTS (SELECT 1 FROM partner_profiles p WHERE p.organization_id = s.organization_id AND p.listed)',
      );
      await queryRunner.query('ALTER TABLE partner_search ALTER COLUMN listed_at SET NOT NULL');
      await queryRunner.query('CREATE INDEX partner_search_facets ON partner_search USING GIN (facets)');
      // Newest first without words reads this table too: the facets are tested in the row it walks.
      await queryRunner.query('CREATE INDEX partner_search_newest ON partner_search (listed_at, organization_id)');
      return;
    }
    // As on PostgreSQL: the index holds listed profiles only.
    await queryRunner.query(
      'DELETE FROM partner_search_docs WHERE NOT EXISTS (SELECT 1 FROM partner_profiles p WHERE p.organization_id = partner_search_docs.organization_id AND p.listed)',
    );
    await queryRunner.query(`ALTER TABLE partner_search_docs ADD COLUMN facets text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE partner_search_docs ADD COLUMN capacity integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `UPDATE partner_search_docs SET
         facets = coalesce((SELECT group_concat(v.kind || 'x' || lower(hex(v.value)), ' ') FROM partner_profile_values v
                            WHERE v.organization_id = partner_search_docs.organization_id) || ' ', '')
                  || coalesce((SELECT 'tierx' || lower(hex(p.price_tier)) FROM partner_profiles p
                               WHERE p.organization_id = partner_search_docs.organization_id), ''),
         capacity = coalesce((SELECT p.capacity_per_month FROM partner_profiles p
                               WHERE p.organization_id = partner_search_docs.organization_id), 0)`,
    );
    // A narrow copy of (rowid, capacity) for the capacity filter: a lookup per match in the wide rows cost twice as much.
    await queryRunner.query('CREATE INDEX partner_search_docs_capacity ON partner_search_docs (id, capacity)');
    // Its own FTS5 table: as a column of partner_search the tokens would count in bm25's document lengths.
    await queryRunner.query(
      `CREATE VIRTUAL TABLE partner_search_facets USING fts5(facets, content='partner_search_docs', content_rowid='id', tokenize='unicode61')`,
    );
    const remove = `INSERT INTO partner_search_facets(partner_search_facets, rowid, facets) VALUES ('delete', old.id, old.facets);`;
    const add = `INSERT INTO partner_search_facets(rowid, facets) VALUES (new.id, new.facets);`;
    await queryRunner.query(`CREATE TRIGGER partner_search_facets_ai AFTER INSERT ON partner_search_docs BEGIN ${add} END`);
    await queryRunner.query(`CREATE TRIGGER partner_search_facets_ad AFTER DELETE ON partner_search_docs BEGIN ${remove} END`);
    await queryRunner.query(`CREATE TRIGGER partner_search_facets_au AFTER UPDATE ON partner_search_docs BEGIN ${remove} ${add} END`);
    await queryRunner.query(`INSERT INTO partner_search_facets(partner_search_facets) VALUES ('rebuild')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query('DROP INDEX partner_search_newest');
      await queryRunner.query('DROP INDEX partner_search_facets');
      await queryRunner.query('ALTER TABLE partner_search DROP COLUMN facets, DROP COLUMN capacity, DROP COLUMN listed_at');
      return;
    }
    for (const trigger of ['ai', 'ad', 'au']) await queryRunner.query(`DROP TRIGGER partner_search_facets_${trigger}`);
    await queryRunner.query('DROP TABLE partner_search_facets');
    await queryRunner.query('DROP INDEX partner_search_docs_capacity');
    await queryRunner.query('ALTER TABLE partner_search_docs DROP COLUMN facets');
    await queryRunner.query('ALTER TABLE partner_search_docs DROP COLUMN capacity');
  }
}
