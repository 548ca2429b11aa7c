import type { EntityManager } from 'typeorm';

/** What the full-text index holds for one listed profile. */
export interface SearchDocument {
  organizationId: string;
  name: string;
  brands: string[];
  tags: string[];
  story: string;
}

/** A subquery selecting `(organization_id, score)`, higher score first; `?` placeholders, in order. */
export interface MatchQuery {
  sql: string;
  params: unknown[];
}

// Bounds the work of one query; nobody types more words into a directory search.
const MAX_TERMS = 8;

/** The words of a query, lower case, letters and digits only: nothing in them can be query syntax on either engine. */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
}

/**
 * The directory's full-text index, one implementation per driver (chosen in PartnersModule). Name and brands weigh
 * most, then tags, then the story. Every term must match; the last also matches as the start of a word (type-ahead).
 * The index holds listed profiles only; PartnerProfilesService keeps it in step in the writer's transaction.
 */
export abstract class DirectorySearch {
  abstract matches(terms: string[]): MatchQuery;
  abstract save(em: EntityManager, doc: SearchDocument): Promise<void>;
  abstract remove(em: EntityManager, organizationId: string): Promise<void>;
}

/** SQLite FTS5 (external content in partner_search_docs, kept in step by triggers), ranked by weighted bm25. */
export class SqliteDirectorySearch extends DirectorySearch {
  matches(terms: string[]): MatchQuery {
    const expression = terms.map((term, i) => `"${term}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
    return {
      // bm25 is lower-is-better: negated, so that both engines sort by score descending.
      sql: `SELECT d.organization_id, -bm25(partner_search, 10.0, 10.0, 4.0, 1.0) AS score
        FROM partner_search JOIN partner_search_docs d ON d.id = partner_search.rowid WHERE partner_search MATCH ?`,
      params: [expression],
    };
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    await em.query(
      `INSERT INTO partner_search_docs (organization_id, name, brands, tags, story) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, brands = excluded.brands, tags = excluded.tags, story = excluded.story`,
      [doc.organizationId, doc.name, doc.brands.join(', '), doc.tags.join(', '), doc.story],
    );
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await em.query('DELETE FROM partner_search_docs WHERE organization_id = ?', [organizationId]);
  }
}

// ts_rank weights {D, C, B, A}: story D, tags B, name and brands A.
const PG_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

/** PostgreSQL full-text search on a tsvector with a GIN index, 'simple' configuration (Indonesian and English mix), ts_rank. */
export class PostgresDirectorySearch extends DirectorySearch {
  matches(terms: string[]): MatchQuery {
    const query = terms.map((term, i) => (i === terms.length - 1 ? `${term}:*` : term)).join(' & ');
    return {
      // float8: the score goes into cursors and comes back as a parameter, and must compare equal to itself.
      sql: `SELECT s.organization_id, ts_rank(${PG_WEIGHTS}, s.document, to_tsquery('simple', ?))::float8 AS score
        FROM partner_search s WHERE s.document @@ to_tsquery('simple', ?)`,
      params: [query, query],
    };
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    await em.query(
      `INSERT INTO partner_search (organization_id, document) VALUES ($1,
         setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'A') ||
         setweight(to_tsvector('simple', $4), 'B') || setweight(to_tsvector('simple', $5), 'D'))
       ON CONFLICT (organization_id) DO UPDATE SET document = excluded.document`,
      [doc.organizationId, doc.name, doc.brands.join(', '), doc.tags.join(', '), doc.story],
    );
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await em.query('DELETE FROM partner_search WHERE organization_id = $1', [organizationId]);
  }
}
