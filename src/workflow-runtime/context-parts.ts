import type { EntityManager } from 'typeorm';
import { frag, inList, sql, type SqlFragment } from '../database/sql.js';
import type { ContextPart } from '../../workflows/context-split.js';

export { attach, detach, type ContextPart, type DetachedFields } from '../../workflows/context-split.js';

/**
 * Which parts to read, decided in SQL so that leaving parts out also leaves their bytes in the database:
 * `pairs` — exactly these (path, key) pairs; `allBut` — every part except, for each `path` listed, those whose key is not
 * in its `keep`.
 */
export type PartsSelection = { pairs: Array<[path: string, key: string]> } | { allBut: Array<{ path: string; keep: string[] }> };

const selected = (selection: PartsSelection): SqlFragment => {
  if ('pairs' in selection) {
    if (selection.pairs.length === 0) return frag`1 = 0`;
    return selection.pairs.map(([path, key]) => frag`(path = ${path} AND item = ${key})`).reduce((a, b) => frag`${a} OR ${b}`);
  }
  return selection.allBut
    .map(({ path, keep }) => (keep.length === 0 ? frag`path <> ${path}` : frag`(path <> ${path} OR item IN ${inList(keep)})`))
    .reduce((a, b) => frag`${a} AND ${b}`, frag`1 = 1`);
};

/** Writes the parts an event set (a field set again replaces the earlier value). */
export async function saveParts(em: EntityManager, collaborationId: string, parts: ContextPart[]): Promise<void> {
  for (const part of parts) {
    await sql(em)`INSERT INTO collaboration_context_parts (collaboration_id, path, item, value)
      VALUES (${collaborationId}, ${part.path}, ${part.key}, ${JSON.stringify(part.value)})
      ON CONFLICT (collaboration_id, path, item) DO UPDATE SET value = excluded.value`;
  }
}

/** The parts of a collaboration: all, or those `selection` names. */
export async function loadParts(em: EntityManager, collaborationId: string, selection?: PartsSelection): Promise<ContextPart[]> {
  const { records } = await sql(em)<{ path: string; item: string; value: string }>`
    SELECT path, item, value FROM collaboration_context_parts
    WHERE collaboration_id = ${collaborationId}${selection ? frag` AND (${selected(selection)})` : frag``}`;
  return records.map((r) => ({ path: r.path, key: r.item, value: JSON.parse(r.value) as unknown }));
}

/** The parts of several collaborations at once, by collaboration id. */
export async function loadPartsOf(em: EntityManager, collaborationIds: string[]): Promise<Map<string, ContextPart[]>> {
  const byId = new Map<string, ContextPart[]>(collaborationIds.map((id) => [id, []]));
  if (collaborationIds.length === 0) return byId;
  const { records } = await sql(em)<{ collaboration_id: string; path: string; item: string; value: string }>`
    SELECT collaboration_id, path, item, value FROM collaboration_context_parts WHERE collaboration_id IN ${inList(collaborationIds)}`;
  for (const r of records) byId.get(r.collaboration_id)?.push({ path: r.path, key: r.item, value: JSON.parse(r.value) });
  return byId;
}
