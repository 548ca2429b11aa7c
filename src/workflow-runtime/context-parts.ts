import type { EntityManager } from 'typeorm';
import { inList, sql } from '../database/sql.js';
import type { ContextPart } from '../../workflows/context-split.js';

export { attach, detach, type ContextPart, type DetachedFields } from '../../workflows/context-split.js';

/** Writes the parts an event set (a field set again replaces the earlier value). */
export async function saveParts(em: EntityManager, collaborationId: string, parts: ContextPart[]): Promise<void> {
  const query = sql(em);
  for (const part of parts) {
    await query`DELETE FROM collaboration_context_parts WHERE collaboration_id = ${collaborationId} AND path = ${part.path} AND item = ${part.key}`;
    await query`INSERT INTO collaboration_context_parts (collaboration_id, path, item, value)
      VALUES (${collaborationId}, ${part.path}, ${part.key}, ${JSON.stringify(part.value)})`;
  }
}

/** The parts of a collaboration; `only` keeps those a caller needs (e.g. a view without old terms). */
export async function loadParts(
  em: EntityManager,
  collaborationId: string,
  only?: (path: string, key: string) => boolean,
): Promise<ContextPart[]> {
  const { records } = await sql(em)<{ path: string; item: string; value: string }>`
    SELECT path, item, value FROM collaboration_context_parts WHERE collaboration_id = ${collaborationId}`;
  return records.filter((r) => !only || only(r.path, r.item)).map((r) => ({ path: r.path, key: r.item, value: JSON.parse(r.value) }));
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
