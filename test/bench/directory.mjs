// npm run bench:directory — partner directory search latency over HTTP with 100,000 listed organizations.
// Starts the built service on a fresh SQLite file (and, when DATABASE_URL is set, on a fresh PostgreSQL database
// created beside it and dropped afterwards), seeds BENCH_ORGS (default 100,000) listed organizations straight into
// the database in batched transactions, then sends a mix of searches one at a time — q only, q + filters, filters
// only, page 2 through the cursor — and the fit suggestions of two proposals, BENCH_ROUNDS times (default 20), and
// prints p50/p99 per kind (overall: the searches).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { ORGS, seedPostgres, seedSqlite } from './directory-seed.mjs';
import { registerFounder, startServer } from './server.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

const QUERIES = [
  { kind: 'q only', query: { q: 'batik' } },
  { kind: 'q only', query: { q: 'sumba' } },
  { kind: 'q only', query: { q: 'rumah kain' } },
  { kind: 'q only', query: { q: 'sustainable handmade' } },
  { kind: 'q only', query: { q: 'kira' } },
  { kind: 'q only', query: { q: 'lu' } },
  { kind: 'q + filters', query: { q: 'batik', city: 'Bandung' } },
  { kind: 'q + filters', query: { q: 'tenun', priceTier: 'premium', channel: 'instagram' } },
  { kind: 'q + filters', query: { q: 'studio', category: 'bags', minCapacity: '5000' } },
  { kind: 'q + filters', query: { q: 'pewarna alami', tag: 'songket', form: 'licensing' } },
  { kind: 'q + filters', query: { q: 'batik', minCapacity: '5000' } },
  { kind: 'filters only', query: {} },
  { kind: 'filters only', query: { city: 'Yogyakarta' } },
  { kind: 'filters only', query: { category: 'kebaya', channel: 'tiktok' } },
  { kind: 'filters only', query: { tag: 'songket', form: 'licensing', priceTier: 'budget' } },
  { kind: 'filters only', query: { minCapacity: '19000', city: 'Kupang' } },
  { kind: 'page 2', query: { q: 'batik' }, page: 2 },
  { kind: 'page 2', query: { q: 'sumba', city: 'Jakarta' }, page: 2 },
  { kind: 'page 2', query: { category: 'apparel' }, page: 2 },
];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(base, token) {
  const get = async (query) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/partners?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${JSON.stringify(query)}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const cursors = new Map();
  const counts = new Map();
  for (const { query, page } of QUERIES) {
    const { body } = await get(query); // warm-up, and the cursor of page 1
    counts.set(JSON.stringify(query), body.items.length);
    if (page === 2) {
      if (!body.nextCursor) throw new Error(`${JSON.stringify(query)} has no page 2`);
      cursors.set(JSON.stringify(query), body.nextCursor);
    }
  }
  const times = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { kind, query, page } of QUERIES) {
      const q = page === 2 ? { ...query, cursor: cursors.get(JSON.stringify(query)) } : query;
      const { ms } = await get(q);
      for (const key of [kind, 'all']) times.set(key, [...(times.get(key) ?? []), ms]);
    }
  }
  const empty = [...counts].filter(([, n]) => n === 0).map(([q]) => q);
  if (empty.length) console.log('queries without results:', empty.join(' '));
  return [...times].map(([kind, list]) => {
    list.sort((a, b) => a - b);
    return {
      kind,
      requests: list.length,
      'p50 ms': +percentile(list, 50).toFixed(1),
      'p99 ms': +percentile(list, 99).toFixed(1),
      'max ms': +list[list.length - 1].toFixed(1),
    };
  });
}

// Proposals whose suggestions are measured: the founder's organization sells apparel (server.mjs), so the pool is
// the listed organizations sharing that category (13,000 in the seed), of which the first 500 are scored.
const PROPOSALS = [
  {
    title: 'Capsule',
    form: 'co_branding',
    vision: { statement: 'Reach Surabaya with a batik capsule', goals: ['new_market'], objectives: ['Sell 300 units'] },
    partnerRequirements: [
      { criterion: 'product_complementarity', weight: 30 },
      { criterion: 'audience_overlap', weight: 20 },
      { criterion: 'capability_fit', weight: 30, minimum: 3 },
      { criterion: 'brand_image_fit', weight: 20 },
    ],
    production: { unitsPerMonth: 3000, leadTimeDays: 30 },
  },
  {
    title: 'Licence',
    form: 'licensing',
    vision: { statement: 'License our motif', goals: ['revenue'], objectives: ['Royalties'] },
    partnerRequirements: [
      { criterion: 'reputation_risk', weight: 50, minimum: 2 },
      { criterion: 'awareness_asymmetry', weight: 50 },
    ],
  },
];

async function measureSuggestions(base, token) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const ids = [];
  for (const proposal of PROPOSALS) {
    const res = await fetch(`${base}/api/v1/collaborations`, { method: 'POST', headers, body: JSON.stringify(proposal) });
    const body = await res.json();
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(body)}`);
    ids.push(body.id);
  }
  const get = async (id) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/collaborations/${id}/suggestions?limit=20`, { headers });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (!res.ok || body.items.length !== 20) throw new Error(`suggestions: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return ms;
  };
  for (const id of ids) await get(id); // warm-up
  const times = [];
  for (let round = 0; round < ROUNDS; round++) for (const id of ids) times.push(await get(id));
  times.sort((a, b) => a - b);
  return {
    kind: 'suggestions',
    requests: times.length,
    'p50 ms': +percentile(times, 50).toFixed(1),
    'p99 ms': +percentile(times, 99).toFixed(1),
    'max ms': +times[times.length - 1].toFixed(1),
  };
}

async function bench(label, env, seed) {
  const { base, dataDir, stop } = await startServer(env);
  try {
    const t0 = performance.now();
    await seed(dataDir);
    const seeded = ((performance.now() - t0) / 1000).toFixed(1);
    const token = await registerFounder(base);
    const rows = await measure(base, token);
    rows.push(await measureSuggestions(base, token));
    console.log(
      `\n${label}: ${ORGS.toLocaleString('en')} listed organizations seeded in ${seeded} s; ${ROUNDS} rounds of ${QUERIES.length} searches and ${PROPOSALS.length} suggestion lists, one at a time`,
    );
    console.table(rows);
  } finally {
    await stop();
  }
}

console.log(`${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
// BENCH_SKIP_SQLITE=1 measures PostgreSQL alone.
if (!process.env.BENCH_SKIP_SQLITE) await bench('SQLite', { DATABASE_URL: '' }, (dataDir) => seedSqlite(join(dataDir, 'kolabora.sqlite')));
if (process.env.DATABASE_URL) {
  const name = `kolabora_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    await bench('PostgreSQL', { DATABASE_URL: url.toString() }, () => seedPostgres(url.toString()));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
