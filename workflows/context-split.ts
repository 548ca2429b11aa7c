// Splitting a context into the snapshot the machine works on and the detached parts stored beside it (pure: the
// runtime, the replay check and the migration that split stored snapshots all use it).

type JsonObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Which fields of which collections live outside the snapshot (the workflow's data): per collection, the fields, and
 * the key they stood before in an element, so that putting them back gives the element its keys in the same order.
 * Keys are array indexes or record keys: a collection with detached fields only ever grows (never removes or
 * reorders elements), and a detached field, once set, is only ever set again, never removed.
 */
export type DetachedFields = Readonly<Record<string, { fields: readonly string[]; before?: string }>>;

export interface ContextPart {
  path: string;
  key: string;
  value: unknown;
}

type Elements = Array<[key: string, element: JsonObject]>;

const elementsOf = (collection: unknown): Elements => {
  if (Array.isArray(collection)) return collection.map((element, i) => [String(i), element as JsonObject]);
  if (collection !== null && typeof collection === 'object') return Object.entries(collection as Record<string, JsonObject>);
  return [];
};

/**
 * Splits a context into what the snapshot keeps and the detached fields present in it. The snapshot a machine works
 * on already lacks the detached fields of older elements, so what comes out is only what the last event set.
 */
export function detach(context: JsonObject, fields: DetachedFields): { hot: JsonObject; parts: ContextPart[] } {
  const parts: ContextPart[] = [];
  const hot: JsonObject = { ...context };
  for (const [collection, { fields: names }] of Object.entries(fields)) {
    const elements = elementsOf(context[collection]);
    if (elements.length === 0 || !elements.some(([, e]) => names.some((n) => e !== null && typeof e === 'object' && n in e))) continue;
    const kept = elements.map(([key, element]): [string, JsonObject] => {
      if (element === null || typeof element !== 'object') return [key, element];
      const rest: JsonObject = { ...element };
      for (const name of names) {
        if (!(name in rest) || rest[name] === undefined) continue;
        parts.push({ path: `${collection}.${name}`, key, value: rest[name] });
        delete rest[name];
      }
      return [key, rest];
    });
    hot[collection] = Array.isArray(context[collection]) ? kept.map(([, e]) => e) : Object.fromEntries(kept);
  }
  return { hot, parts };
}

/** The whole context again: each part put back into its element, where the field stood (see DetachedFields). */
export function attach(hot: JsonObject, parts: ContextPart[], fields: DetachedFields): JsonObject {
  if (parts.length === 0) return hot;
  const byElement = new Map<string, Map<string, unknown>>();
  for (const part of parts) {
    const id = `${part.path.slice(0, part.path.indexOf('.'))}\u0000${part.key}`;
    if (!byElement.has(id)) byElement.set(id, new Map());
    byElement.get(id)!.set(part.path.slice(part.path.indexOf('.') + 1), part.value);
  }
  const context: JsonObject = { ...hot };
  for (const [collection, spec] of Object.entries(fields)) {
    const elements = elementsOf(hot[collection]);
    if (elements.length === 0) continue;
    const full = elements.map(([key, element]): [string, JsonObject] => {
      const found = byElement.get(`${collection}\u0000${key}`);
      return [key, found ? restore(element, spec, found) : element];
    });
    context[collection] = Array.isArray(hot[collection]) ? full.map(([, e]) => e) : Object.fromEntries(full);
  }
  return context;
}

function restore(element: JsonObject, spec: DetachedFields[string], found: Map<string, unknown>): JsonObject {
  const detached = spec.fields.filter((name) => found.has(name)).map((name): [string, unknown] => [name, found.get(name)]);
  const entries = Object.entries(element);
  const at = spec.before === undefined ? -1 : entries.findIndex(([name]) => name === spec.before);
  const ordered = at < 0 ? [...entries, ...detached] : [...entries.slice(0, at), ...detached, ...entries.slice(at)];
  return Object.fromEntries(ordered);
}
