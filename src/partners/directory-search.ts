import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';
import { query, toDate } from '../database/sql.js';

/** A filter of the directory as an exact value: a filter value kind (partner_profile_values) or the price tier. */
export type FacetKind = 'category' | 'city' | 'channel' | 'tag' | 'form' | 'tier';

/** What the full-text index holds for one listed profile. */
export interface SearchDocument {
  organizationId: string;
  name: string;
  brands: string[];
  tags: string[];
  story: string;
  /** Normalized filter values (normalizeValue), indexed as tokens so that a filter narrows the match inside the index. */
  facets: Array<[FacetKind, string]>;
  capacityPerMonth: number;
  listedAt: Date;
}

/** One ranked search: every term must match, and every facet; `after` is the last hit of the previous page. */
export interface RankedSearch {
  terms: string[];
  facets: Array<[FacetKind, string]>;
  minCapacity?: number;
  after: { score: number; key: string | number } | null;
  limit: number;
}

/** The newest listed first, with every facet; `after` is the last of the previous page. */
export interface NewestSearch {
  facets: Array<[FacetKind, string]>;
  minCapacity?: number;
  after: { at: Date; id: string } | null;
  limit: number;
}

/** A hit, best first: `key` orders equal scores (and goes into cursors), `score` is higher-is-better on both engines. */
export interface RankedHit {
  organizationId: string;
  score: number;
  key: string | number;
}

// Bounds the work of one query; nobody types more words into a directory search.
const MAX_TERMS = 8;

/** The words of a query, lower case, letters and digits only: nothing in them can be query syntax on either engine. */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
}

/**
 * A filter value as one index token: the kind, 'x', then the value's UTF-8 bytes in lower-case hex. Letters and
 * digits only, so both tokenizers keep it whole; 'x' is neither a hex digit nor in a kind, so no two facets collide.
 * The migration that added facets computes the same token in SQL.
 */
export const facetToken = (kind: FacetKind, value: string): string => `${kind}x${Buffer.from(value, 'utf8').toString('hex')}`;

/**
 * The directory's full-text index, one implementation per driver (chosen in PartnersModule). Name and brands weigh
 * most, then tags, then the story. Every term must match; the last also matches as the start of a word (type-ahead).
 * Filters are tokens in a full-text index beside the text, so a search with filters ranks only what passes them.
 * The index holds listed profiles only; PartnerProfilesService keeps it in step in the writer's transaction.
 */
export abstract class DirectorySearch {
  abstract search(dataSource: DataSource, search: RankedSearch): Promise<RankedHit[]>;
  abstract newest(dataSource: DataSource, search: NewestSearch): Promise<Array<{ organizationId: string; listedAt: Date }>>;
  /** Whether a value read back from a cursor can be this engine's `key`. */
  abstract isKey(value: unknown): value is string | number;
  abstract save(em: EntityManager, doc: SearchDocument): Promise<void>;
  abstract remove(em: EntityManager, organizationId: string): Promise<void>;
}

/**
 * SQLite FTS5: `partner_search` over the text and `partner_search_facets` over the filter tokens, both with external
 * content in partner_search_docs kept in step by triggers; ranked by weighted bm25. Ranks and pages on the FTS rowid
 * alone and joins the page's rows to their organizations last: a join per match cost as much as the ranking.
 */
export class SqliteDirectorySearch extends DirectorySearch {
  async search(dataSource: DataSource, s: RankedSearch): Promise<RankedHit[]> {
    const params: unknown[] = [s.terms.map((term, i) => `"${term}"${i === s.terms.length - 1 ? '*' : ''}`).join(' ')];
    let facets = '';
    if (s.facets.length > 0) {
      // `+rowid` keeps the IN list off FTS5's rowid lookups (seconds per query): each match is tested against a Bloom
      // filter of the facet matches. A facets column in partner_search would have changed bm25's document lengths.
      facets = ' AND +rowid IN (SELECT rowid FROM partner_search_facets WHERE partner_search_facets MATCH ?)';
      params.push(s.facets.map(([k, v]) => `"${facetToken(k, v)}"`).join(' AND '));
    }
    let capacity = '';
    if (s.minCapacity !== undefined) {
      // The planner would read the wide rows; the (id, capacity) index answers alone (migration DirectoryFacets).
      capacity = ' JOIN partner_search_docs c INDEXED BY partner_search_docs_capacity ON c.id = m.k AND c.capacity >= ?';
      params.push(s.minCapacity);
    }
    let after = '';
    if (s.after) {
      after = ' WHERE (m.score < ? OR (m.score = ? AND m.k > ?))';
      params.push(s.after.score, s.after.score, s.after.key);
    }
    // bm25 is lower-is-better: negated, so that both engines sort by score descending.
    const rows = await query<{ organization_id: string; score: number; k: number }>(
      dataSource,
      `SELECT d.organization_id, r.score, r.k FROM (
         SELECT m.k, m.score FROM (
           SELECT rowid AS k, -bm25(partner_search, 10.0, 10.0, 4.0, 1.0) AS score FROM partner_search
           WHERE partner_search MATCH ?${facets}
         ) m${capacity}${after} ORDER BY m.score DESC, m.k ASC LIMIT ?
       ) r JOIN partner_search_docs d ON d.id = r.k ORDER BY r.score DESC, r.k ASC`,
      [...params, s.limit],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, score: r.score, key: r.k }));
  }

  // Measured best here: walking the newest profiles and looking each filter up stops early for common filters.
  async newest(dataSource: DataSource, s: NewestSearch): Promise<Array<{ organizationId: string; listedAt: Date }>> {
    const where = ['p.listed = TRUE'];
    const params: unknown[] = [];
    if (s.after) {
      where.push('(p.listed_at < ? OR (p.listed_at = ? AND p.organization_id < ?))');
      params.push(s.after.at, s.after.at, s.after.id);
    }
    if (s.minCapacity !== undefined) {
      where.push('p.capacity_per_month >= ?');
      params.push(s.minCapacity);
    }
    for (const [kind, value] of s.facets) {
      if (kind === 'tier') {
        where.push('p.price_tier = ?');
      } else {
        where.push(
          'EXISTS (SELECT 1 FROM partner_profile_values v WHERE v.kind = ? AND v.value = ? AND v.organization_id = p.organization_id)',
        );
        params.push(kind);
      }
      params.push(value);
    }
    const rows = await query<{ id: string; listed_at: unknown }>(
      dataSource,
      `SELECT p.organization_id AS id, p.listed_at FROM partner_profiles p WHERE ${where.join(' AND ')}
       ORDER BY p.listed_at DESC, p.organization_id DESC LIMIT ?`,
      [...params, s.limit],
    );
    return rows.map((r) => ({ organizationId: r.id, listedAt: toDate(r.listed_at) }));
  }

  isKey(value: unknown): value is number {
    return Number.isSafeInteger(value) && (value as number) > 0;
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    await em.query(
      `INSERT INTO partner_search_docs (organization_id, name, brands, tags, story, facets, capacity) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, brands = excluded.brands, tags = excluded.tags,
         story = excluded.story, facets = excluded.facets, capacity = excluded.capacity`,
      [
        doc.organizationId,
        doc.name,
        doc.brands.join(', '),
        doc.tags.join(', '),
        doc.story,
        doc.facets.map(([k, v]) => facetToken(k, v)).join(' '),
        doc.capacityPerMonth,
      ],
    );
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await em.query('DELETE FROM partner_search_docs WHERE organization_id = ?', [organizationId]);
  }
}

// ts_rank weights {D, C, B, A}: story D, tags B, name and brands A.
const PG_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

/**
 * PostgreSQL full-text search: a tsvector of the text ('simple' configuration: Indonesian and English mix) and a
 * tsvector of facet tokens, each with a GIN index, so that filters intersect with the match in the index; ts_rank.
 */
export class PostgresDirectorySearch extends DirectorySearch {
  async search(dataSource: DataSource, s: RankedSearch): Promise<RankedHit[]> {
    const words = s.terms.map((term, i) => (i === s.terms.length - 1 ? `${term}:*` : term)).join(' & ');
    const params: unknown[] = [words];
    const where = ['s.document @@ w.q'];
    if (s.facets.length > 0) {
      where.push('s.facets @@ ?::tsquery'); // the tokens exactly as stored: no parser in between
      params.push(s.facets.map(([k, v]) => facetToken(k, v)).join(' & '));
    }
    if (s.minCapacity !== undefined) {
      where.push('s.capacity >= ?');
      params.push(s.minCapacity);
    }
    let after = '';
    if (s.after) {
      after = ' WHERE (m.score < ? OR (m.score = ? AND m.k > ?))';
      params.push(s.after.score, s.after.score, s.after.key);
    }
    // float8: the score goes into cursors and comes back as a parameter, and must compare equal to itself.
    const rows = await query<{ k: string; score: number }>(
      dataSource,
      `SELECT m.k, m.score FROM (
         SELECT s.organization_id AS k, ts_rank(${PG_WEIGHTS}, s.document, w.q)::float8 AS score
         FROM partner_search s, to_tsquery('simple', ?) w(q) WHERE ${where.join(' AND ')}
       ) m${after} ORDER BY m.score DESC, m.k ASC LIMIT ?`,
      [...params, s.limit],
    );
    return rows.map((r) => ({ organizationId: r.k, score: Number(r.score), key: r.k }));
  }

  // The facets are in the row: PostgreSQL walks the newest-first index and tests them in place, or intersects in
  // the GIN index when they are rare. EXISTS lookups per profile (SQLite's way) measured 30 ms for two filters here.
  async newest(dataSource: DataSource, s: NewestSearch): Promise<Array<{ organizationId: string; listedAt: Date }>> {
    const where = ['TRUE'];
    const params: unknown[] = [];
    if (s.facets.length > 0) {
      where.push('s.facets @@ ?::tsquery');
      params.push(s.facets.map(([k, v]) => facetToken(k, v)).join(' & '));
    }
    if (s.minCapacity !== undefined) {
      where.push('s.capacity >= ?');
      params.push(s.minCapacity);
    }
    if (s.after) {
      where.push('(s.listed_at, s.organization_id) < (?, ?)');
      params.push(s.after.at, s.after.id);
    }
    const rows = await query<{ organization_id: string; listed_at: Date }>(
      dataSource,
      `SELECT s.organization_id, s.listed_at FROM partner_search s WHERE ${where.join(' AND ')}
       ORDER BY s.listed_at DESC, s.organization_id DESC LIMIT ?`,
      [...params, s.limit],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, listedAt: r.listed_at }));
  }

  isKey(value: unknown): value is string {
    return isUuid(value);
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    await em.query(
      `INSERT INTO partner_search (organization_id, document, facets, capacity, listed_at) VALUES ($1,
         setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'A') ||
         setweight(to_tsvector('simple', $4), 'B') || setweight(to_tsvector('simple', $5), 'D'),
         array_to_tsvector($6::text[]), $7, $8)
       ON CONFLICT (organization_id) DO UPDATE SET document = excluded.document, facets = excluded.facets,
         capacity = excluded.capacity, listed_at = excluded.listed_at`,
      [
        doc.organizationId,
        doc.name,
        doc.brands.join(', '),
        doc.tags.join(', '),
        doc.story,
        doc.facets.map(([k, v]) => facetToken(k, v)),
        doc.capacityPerMonth,
        doc.listedAt,
      ],
    );
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await em.query('DELETE FROM partner_search WHERE organization_id = $1', [organizationId]);
  }
}
