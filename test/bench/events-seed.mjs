// Collaborations cloned straight into the database for `npm run bench:events` (scale scenario), as bench:directory
// seeds organizations: real collaborations made through the API serve as templates, and their rows — the collaboration,
// its parties, its history and its detached context parts — are copied with new ids in batched transactions, so the
// clones have exactly the shape the runtime writes. Every string holding the template's id gets the clone's id
// (snapshot, input, history payloads); created_at/updated_at are spread a minute apart, the newest last.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

const BATCH = 2000; // collaborations per transaction
const MAX_PARAMS = 60_000; // PostgreSQL takes at most 65,535 parameters a statement

/** The tables holding a collaboration, and the column naming it. */
const TABLES = [
  ['collaborations', 'id'],
  ['collaboration_parties', 'collaboration_id'],
  ['collaboration_events', 'collaboration_id'],
  ['collaboration_context_parts', 'collaboration_id'],
];
const TIMES = new Set(['created_at', 'updated_at']);

/** A template's row with every mention of its id replaced, and its creation times moved to `at`. */
function cloneRow(row, templateId, id, at, toTime) {
  const out = {};
  for (const [column, value] of Object.entries(row)) {
    if (TIMES.has(column)) out[column] = toTime(at);
    else if (typeof value === 'string' && value.includes(templateId)) out[column] = value.replaceAll(templateId, id);
    else out[column] = value;
  }
  return out;
}

/**
 * Clones of the templates (taken in turn) until `total` collaborations are in the database; returns how many were
 * added and the id of the last clone (for a check that the service reads it).
 */
async function fill(store, templateIds, total) {
  const templates = [];
  for (const id of templateIds) {
    const rows = {};
    for (const [table, key] of TABLES) rows[table] = await store.select(table, key, id);
    templates.push({ id, rows });
  }
  const start = await store.count();
  const missing = Math.max(0, total - start);
  const now = Date.now();
  let last = null;
  for (let i = 0; i < missing; i += BATCH) {
    const byTable = Object.fromEntries(TABLES.map(([table]) => [table, []]));
    for (let j = i; j < Math.min(missing, i + BATCH); j++) {
      const template = templates[j % templates.length];
      const id = (last = randomUUID());
      const at = new Date(now - (missing - j) * 60_000);
      for (const [table] of TABLES) {
        for (const row of template.rows[table]) byTable[table].push(cloneRow(row, template.id, id, at, store.time));
      }
    }
    await store.insert(byTable);
  }
  await store.analyze();
  return { added: missing, last };
}

export function sqliteCollaborations(file) {
  const open = () => {
    const db = new Database(file);
    db.pragma('busy_timeout = 10000');
    return db;
  };
  const store = {
    time: (d) => d.toISOString().replace('T', ' ').replace('Z', ''),
    async select(table, key, id) {
      const db = open();
      try {
        return db.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`).all(id);
      } finally {
        db.close();
      }
    },
    async count() {
      const db = open();
      try {
        return db.prepare('SELECT COUNT(*) AS n FROM collaborations').get().n;
      } finally {
        db.close();
      }
    },
    async insert(byTable) {
      const db = open();
      try {
        db.transaction(() => {
          for (const [table, rows] of Object.entries(byTable)) {
            if (rows.length === 0) continue;
            const columns = Object.keys(rows[0]);
            const statement = db.prepare(
              `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            );
            for (const row of rows) statement.run(columns.map((c) => row[c]));
          }
        })();
      } finally {
        db.close();
      }
    },
    async analyze() {}, // the service never runs ANALYZE on SQLite either
    /** Average length of the stored snapshot of these collaborations, in bytes. */
    async snapshotBytes(ids) {
      const db = open();
      try {
        return db
          .prepare(`SELECT AVG(LENGTH(snapshot)) AS n FROM collaborations WHERE id IN (${ids.map(() => '?').join(', ')})`)
          .get(...ids).n;
      } finally {
        db.close();
      }
    },
  };
  return { fill: (templateIds, total) => fill(store, templateIds, total), count: store.count, snapshotBytes: store.snapshotBytes };
}

export function postgresCollaborations(url) {
  const withClient = async (fn) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const store = {
    time: (d) => d,
    select: (table, key, id) => withClient(async (c) => (await c.query(`SELECT * FROM ${table} WHERE ${key} = $1`, [id])).rows),
    count: () => withClient(async (c) => Number((await c.query('SELECT COUNT(*) AS n FROM collaborations')).rows[0].n)),
    insert: (byTable) =>
      withClient(async (c) => {
        await c.query('BEGIN');
        for (const [table, rows] of Object.entries(byTable)) {
          if (rows.length === 0) continue;
          const columns = Object.keys(rows[0]);
          const per = Math.floor(MAX_PARAMS / columns.length);
          for (let k = 0; k < rows.length; k += per) {
            const chunk = rows.slice(k, k + per);
            const tuples = chunk.map((_, r) => `(${columns.map((_, col) => `$${r * columns.length + col + 1}`).join(', ')})`);
            await c.query(
              `INSERT INTO ${table} (${columns.map((col) => `"${col}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
              chunk.flatMap((row) => columns.map((col) => row[col])),
            );
          }
        }
        await c.query('COMMIT');
      }),
    analyze: () => withClient((c) => c.query('ANALYZE')), // what autovacuum would do after a bulk load
    snapshotBytes: (ids) =>
      withClient(async (c) =>
        Number((await c.query('SELECT AVG(LENGTH(snapshot)) AS n FROM collaborations WHERE id = ANY($1)', [ids])).rows[0].n),
      ),
  };
  return { fill: (templateIds, total) => fill(store, templateIds, total), count: store.count, snapshotBytes: store.snapshotBytes };
}
