import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';
import { frag, sql, toDate } from '../database/sql.js';

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
    const match = s.terms.map((term, i) => `"${term}"${i === s.terms.length - 1 ? '*' : ''}`).join(' ');
    // `+rowid` keeps the IN list off FTS5's rowid lookups (seconds per query): each match is tested against a Bloom
    // filter of the facet matches. A facets column in partner_search would have changed bm25's document lengths.
    const facets =
      s.facets.length > 0
        ? frag` AND +rowid IN (SELECT rowid FROM partner_search_facets WHERE partner_search_facets MATCH ${s.facets
            .map(([k, v]) => `"${facetToken(k, v)}"`)
            .join(' AND ')})`
        : frag``;
    // The planner would read the wide rows; the (id, capacity) index answers alone (migration DirectoryFacets).
    const capacity =
      s.minCapacity !== undefined
        ? frag` JOIN partner_search_docs c INDEXED BY partner_search_docs_capacity ON c.id = m.k AND c.capacity >= ${s.minCapacity}`
        : frag``;
    const after = s.after ? frag` WHERE (m.score < ${s.after.score} OR (m.score = ${s.after.score} AND m.k > ${s.after.key}))` : frag``;
    // bm25 is lower-is-better: negated, so that both engines sort by score descending.
    const { records: rows } = await sql(dataSource)<{ organization_id: string; score: number; k: number }>`
      SELECT d.organization_id, r.score, r.k FROM (
        SELECT m.k, m.score FROM (
          SELECT rowid AS k, -bm25(partner_search, 10.0, 10.0, 4.0, 1.0) AS score FROM partner_search
          WHERE partner_search MATCH ${match}${facets}
        ) m${capacity}${after} ORDER BY m.score DESC, m.k ASC LIMIT ${s.limit}
      ) r JOIN partner_search_docs d ON d.id = r.k ORDER BY r.score DESC, r.k ASC`;
    return rows.map((r) => ({ organizationId: r.organization_id, score: r.score, key: r.k }));
  }

  // Measured best here: walking the newest profiles and looking each filter up stops early for common filters.
  async newest(dataSource: DataSource, s: NewestSearch): Promise<Array<{ organizationId: string; listedAt: Date }>> {
    let where = frag`p.listed = TRUE`;
    if (s.after) {
      where = frag`${where} AND (p.listed_at < ${s.after.at} OR (p.listed_at = ${s.after.at} AND p.organization_id < ${s.after.id}))`;
    }
    if (s.minCapacity !== undefined) where = frag`${where} AND p.capacity_per_month >= ${s.minCapacity}`;
    for (const [kind, value] of s.facets) {
      where =
        kind === 'tier'
          ? frag`${where} AND p.price_tier = ${value}`
          : frag`${where} AND EXISTS (SELECT 1 FROM partner_profile_values v
              WHERE v.kind = ${kind} AND v.value = ${value} AND v.organization_id = p.organization_id)`;
    }
    const { records: rows } = await sql(dataSource)<{ id: string; listed_at: unknown }>`
      SELECT p.organization_id AS id, p.listed_at FROM partner_profiles p WHERE ${where}
      ORDER BY p.listed_at DESC, p.organization_id DESC LIMIT ${s.limit}`;
    return rows.map((r) => ({ organizationId: r.id, listedAt: toDate(r.listed_at) }));
  }

  isKey(value: unknown): value is number {
    return Number.isSafeInteger(value) && (value as number) > 0;
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    const facets = doc.facets.map(([k, v]) => facetToken(k, v)).join(' ');
    await sql(em)`
      INSERT INTO partner_search_docs (organization_id, name, brands, tags, story, facets, capacity)
      VALUES (${doc.organizationId}, ${doc.name}, ${doc.brands.join(', ')}, ${doc.tags.join(', ')}, ${doc.story}, ${facets},
        ${doc.capacityPerMonth})
      ON CONFLICT (organization_id) DO UPDATE SET name = excluded.name, brands = excluded.brands, tags = excluded.tags,
        story = excluded.story, facets = excluded.facets, capacity = excluded.capacity`;
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await sql(em)`DELETE FROM partner_search_docs WHERE organization_id = ${organizationId}`;
  }
}

// ts_rank weights {D, C, B, A}: story D, tags B, name and brands A.
const PG_WEIGHTS = frag`'{0.1, 0.2, 0.4, 1.0}'`;

/**
 * PostgreSQL full-text search: a tsvector of the text ('simple' configuration: Indonesian and English mix) and a
 * tsvector of facet tokens, each with a GIN index, so that filters intersect with the match in the index; ts_rank.
 */
export class PostgresDirectorySearch extends DirectorySearch {
  async search(dataSource: DataSource, s: RankedSearch): Promise<RankedHit[]> {
    const words = s.terms.map((term, i) => (i === s.terms.length - 1 ? `${term}:*` : term)).join(' & ');
    let where = frag`s.document @@ w.q`;
    if (s.facets.length > 0) {
      // the tokens exactly as stored: no parser in between
      where = frag`${where} AND s.facets @@ ${s.facets.map(([k, v]) => facetToken(k, v)).join(' & ')}::tsquery`;
    }
    if (s.minCapacity !== undefined) where = frag`${where} AND s.capacity >= ${s.minCapacity}`;
    const after = s.after ? frag` WHERE (m.score < ${s.after.score} OR (m.score = ${s.after.score} AND m.k > ${s.after.key}))` : frag``;
    // float8: the score goes into cursors and comes back as a parameter, and must compare equal to itself.
    const { records: rows } = await sql(dataSource)<{ k: string; score: number }>`
      SELECT m.k, m.score FROM (
        SELECT s.organization_id AS k, ts_rank(${PG_WEIGHTS}, s.document, w.q)::float8 AS score
        FROM partner_search s, to_tsquery('simple', ${words}) w(q) WHERE ${where}
      ) m${after} ORDER BY m.score DESC, m.k ASC LIMIT ${s.limit}`;
    return rows.map((r) => ({ organizationId: r.k, score: Number(r.score), key: r.k }));
  }

  // The facets are in the row: PostgreSQL walks the newest-first index and tests them in place, or intersects in
  // the GIN index when they are rare. EXISTS lookups per profile (SQLite's way) measured 30 ms for two filters here.
  async newest(dataSource: DataSource, s: NewestSearch): Promise<Array<{ organizationId: string; listedAt: Date }>> {
    let where = frag`TRUE`;
    if (s.facets.length > 0) where = frag`${where} AND s.facets @@ ${s.facets.map(([k, v]) => facetToken(k, v)).join(' & ')}::tsquery`;
    if (s.minCapacity !== undefined) where = frag`${where} AND s.capacity >= ${s.minCapacity}`;
    if (s.after) where = frag`${where} AND (s.listed_at, s.organization_id) < (${s.after.at}, ${s.after.id})`;
    const { records: rows } = await sql(dataSource)<{ organization_id: string; listed_at: Date }>`
      SELECT s.organization_id, s.listed_at FROM partner_search s WHERE ${where}
      ORDER BY s.listed_at DESC, s.organization_id DESC LIMIT ${s.limit}`;
    return rows.map((r) => ({ organizationId: r.organization_id, listedAt: r.listed_at }));
  }

  isKey(value: unknown): value is string {
    return isUuid(value);
  }

  async save(em: EntityManager, doc: SearchDocument): Promise<void> {
    // Tokens are letters and digits only (facetToken), so a space-separated string splits back into exactly them.
    const facets = doc.facets.map(([k, v]) => facetToken(k, v)).join(' ');
    await sql(em)`
      INSERT INTO partner_search (organization_id, document, facets, capacity, listed_at) VALUES (${doc.organizationId},
        setweight(to_tsvector('simple', ${doc.name}), 'A') || setweight(to_tsvector('simple', ${doc.brands.join(', ')}), 'A') ||
        setweight(to_tsvector('simple', ${doc.tags.join(', ')}), 'B') || setweight(to_tsvector('simple', ${doc.story}), 'D'),
        array_to_tsvector(string_to_array(${facets}, ' ')), ${doc.capacityPerMonth}, ${doc.listedAt})
      ON CONFLICT (organization_id) DO UPDATE SET document = excluded.document, facets = excluded.facets,
        capacity = excluded.capacity, listed_at = excluded.listed_at`;
  }

  async remove(em: EntityManager, organizationId: string): Promise<void> {
    await sql(em)`DELETE FROM partner_search WHERE organization_id = ${organizationId}`;
  }
}
