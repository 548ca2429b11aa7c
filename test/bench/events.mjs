// npm run bench:events — applied lifecycle events per second over HTTP, in three scenarios, each on a fresh SQLite file
// and, when DATABASE_URL is set, on a fresh PostgreSQL database created beside it (dropped afterwards), in one run:
// - base: `proposal.update` events (a real transition: version check, history, snapshot) with autocannon at 32
//   connections, each on its own collaboration, then GET /api/v1/collaborations/:id (same auth, one read, no write):
//   the read ceiling; events per second as a share of it.
// - history: `terms.propose` with small terms (authors alternating) on 32 collaborations in negotiation that already
//   hold 50 terms revisions of ~50 KB each, against the same on 32 fresh ones holding one small revision: p50 ratio.
// - scale: `proposal.update` as in base with 1,000 collaborations in the database, then with 100,000 (clones of real
//   ones seeded straight into the database, see events-seed.mjs), each time on 32 new collaborations: events/s ratio.
// BENCH_SECONDS (default 10) per measurement; BENCH_SCENARIOS=base,history,scale (default all) picks scenarios;
// BENCH_SKIP_SQLITE=1 measures PostgreSQL alone; BENCH_SCALE (default 100,000) is the large count of the scale scenario.
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { postgresCollaborations, sqliteCollaborations } from './events-seed.mjs';
import { random, REQUIREMENTS, TERMS, VISION, words } from './fixtures.mjs';
import { registerOrganization, startServer } from './server.mjs';

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ALL_SCENARIOS = ['base', 'history', 'scale'];
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? ALL_SCENARIOS.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const REVISIONS = 50;
const REVISION_BYTES = 50 * 1024;
const SCALE_SMALL = 1000;
const SCALE_LARGE = Number(process.env.BENCH_SCALE ?? 100_000);

for (const s of SCENARIOS)
  if (!ALL_SCENARIOS.includes(s)) throw new Error(`BENCH_SCENARIOS: unknown scenario ${s} (${ALL_SCENARIOS.join(', ')})`);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const sku = () => Array.from({ length: 64 }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('');

/**
 * Valid co-branding terms of ~50 KB. The terms' free-text fields are capped (2,000 characters; names 200), so the bulk
 * is in `products` (at most 200): ~170 products with 200-character names and 64-character SKUs.
 */
function bulkyTerms(revision) {
  const products = [];
  const terms = { ...TERMS, products };
  while (JSON.stringify(terms).length < REVISION_BYTES) {
    products.push({ name: `${revision}.${products.length} ${words(190)}`, sku: sku(), units: 1 + Math.floor(random() * 1000) });
  }
  if (products.length > 200) throw new Error('terms: more than 200 products');
  return terms;
}

async function json(base, path, token, body) {
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path} ${body?.type ?? ''}: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return res.json();
}

/** Runs `fn` on each item, at most `limit` at a time. */
async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
const range = (n) => Array.from({ length: n }, (_, i) => i);

function run(options, duration = SECONDS) {
  return new Promise((resolve, reject) =>
    autocannon({ connections: CONNECTIONS, duration, ...options }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/**
 * POSTs events with autocannon, each connection on its own collaboration of `ids`; the n-th request of a connection
 * carries `body(n)` and is sent with `tokens[n % tokens.length]` (so two tokens alternate the author).
 */
async function driveEvents(base, ids, tokens, body, seconds = SECONDS, perConnection = undefined) {
  let next = 0;
  const result = await run(
    {
      url: base,
      // A collaboration holds at most 100 terms revisions (409 LIMIT_REACHED beyond): a capped run ends when each
      // connection has sent its requests.
      ...(perConnection ? { maxConnectionRequests: perConnection } : {}),
      requests: [
        {
          method: 'POST',
          setupRequest: (request, context) => {
            context.id ??= ids[next++ % ids.length];
            context.n = (context.n ?? 0) + 1;
            return {
              ...request,
              path: `/api/v1/collaborations/${context.id}/events`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[context.n % tokens.length]}` },
              body: JSON.stringify(body(context.n)),
            };
          },
        },
      ],
    },
    seconds,
  );
  return {
    perSecond: result['2xx'] / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const createCollaborations = (base, token, n, label) =>
  pool(range(n), 8, async (i) => (await json(base, '/api/v1/collaborations', token, { title: `${label} ${i}`, form: 'co_branding' })).id);

const proposalUpdate = (n) => ({ type: 'proposal.update', title: `update ${n}` });

/** A new collaboration driven through the API to negotiation, its first revision proposed with `terms` (lifecycle.ts). */
async function toNegotiation(base, initiator, partner, terms, title) {
  const { id } = await json(base, '/api/v1/collaborations', initiator.accessToken, {
    title,
    form: 'co_branding',
    vision: VISION,
    partnerRequirements: REQUIREMENTS,
  });
  const step = (who, event) => json(base, `/api/v1/collaborations/${id}/events`, who.accessToken, event);
  await step(initiator, { type: 'proposal.submit' });
  await step(initiator, { type: 'partner.shortlist', organizationId: partner.organizationId });
  await step(initiator, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } }); // a minimum is set
  await step(initiator, { type: 'partner.invite', candidateId: 'candidate-1', message: 'Kolaborasi yuk?' });
  await step(partner, { type: 'invitation.accept' });
  await step(initiator, { type: 'terms.propose', terms });
  return id;
}

const times = (x) => `${x.toFixed(2)}×`;
const log = (line) => console.error(`[bench:events] ${line}`);

// --- scenarios: each gets a started server on a fresh database and that database's seeder; returns table rows ---

async function base({ base: url, peakRssMb }, _store, database) {
  const founder = await registerOrganization(url);
  const ids = await createCollaborations(url, founder.accessToken, CONNECTIONS, 'Bench');
  // A fresh server's first seconds pay for its warm-up (JIT, caches): warm both paths before measuring either.
  let warm = 0;
  await driveEvents(url, ids, [founder.accessToken], proposalUpdate, Math.min(3, SECONDS));
  await run(
    {
      url,
      requests: [
        {
          method: 'GET',
          headers: { authorization: `Bearer ${founder.accessToken}` },
          setupRequest: (request, context) => ({ ...request, path: `/api/v1/collaborations/${(context.id ??= ids[warm++ % ids.length])}` }),
        },
      ],
    },
    Math.min(3, SECONDS),
  );
  log(`${database} base: events`);
  const events = await driveEvents(url, ids, [founder.accessToken], proposalUpdate);
  const writeRss = peakRssMb();
  log(`${database} base: reads`);
  let next = 0;
  const reads = await run({
    url,
    requests: [
      {
        method: 'GET',
        headers: { authorization: `Bearer ${founder.accessToken}` },
        setupRequest: (request, context) => ({ ...request, path: `/api/v1/collaborations/${(context.id ??= ids[next++ % ids.length])}` }),
      },
    ],
  });
  const ceiling = reads['2xx'] / SECONDS;
  return [
    {
      database,
      'applied events/s': Math.round(events.perSecond),
      'event p50 ms': events.p50,
      'event p99 ms': events.p99,
      'non-2xx events': events.failed,
      'read ceiling req/s': Math.round(ceiling),
      'read p99 ms': reads.latency.p99,
      'non-2xx reads': reads.non2xx + reads.errors + reads.timeouts,
      'events / ceiling': `${Math.round((events.perSecond / ceiling) * 100)}%`,
      'peak RSS MB': Math.round(Math.max(writeRss, peakRssMb())),
    },
  ];
}

async function history({ base: url }, store, database) {
  const initiator = await registerOrganization(url, 'Lookout Kreasi');
  const partner = await registerOrganization(url, 'Batik Kita');
  const tokens = [initiator.accessToken, partner.accessToken];
  const sizes = [];
  const bulky = (revision) => {
    const terms = bulkyTerms(revision);
    sizes.push(JSON.stringify(terms).length);
    return terms;
  };
  log(`${database} history: ${CONNECTIONS} collaborations to negotiation, ${REVISIONS} revisions of ~${REVISION_BYTES / 1024} KB each`);
  let t0 = performance.now();
  const old = await pool(range(CONNECTIONS), 8, (i) => toNegotiation(url, initiator, partner, bulky(1), `History ${i}`));
  // Revision 1 came from the initiator; the parties take turns after it (any party may propose).
  await pool(old, 8, async (id) => {
    for (let revision = 2; revision <= REVISIONS; revision++) {
      const who = revision % 2 === 0 ? partner : initiator;
      await json(url, `/api/v1/collaborations/${id}/events`, who.accessToken, { type: 'terms.propose', terms: bulky(revision) });
    }
  });
  const built = (performance.now() - t0) / 1000;
  log(`${database} history: built in ${built.toFixed(0)} s; ${CONNECTIONS} fresh collaborations to negotiation`);
  const fresh = await pool(range(CONNECTIONS), 8, (i) => toNegotiation(url, initiator, partner, TERMS, `Fresh ${i}`));
  const snapshotKb = { fresh: (await store.snapshotBytes(fresh)) / 1024, old: (await store.snapshotBytes(old)) / 1024 };
  const propose = () => ({ type: 'terms.propose', terms: TERMS });
  log(`${database} history: events on the fresh collaborations`);
  // The same number of events on each, within the revisions the collaborations with history have left.
  const perConnection = 100 - REVISIONS - 5;
  const onFresh = await driveEvents(url, fresh, tokens, propose, SECONDS, perConnection);
  log(`${database} history: events on the collaborations with history`);
  const onOld = await driveEvents(url, old, tokens, propose, SECONDS, perConnection);
  const averageKb = sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024;
  const row = (collaborations, before, kb, m) => ({
    database,
    collaborations,
    'revisions before': before,
    'snapshot KB': +kb.toFixed(1),
    'terms.propose/s': Math.round(m.perSecond),
    'p50 ms': m.p50,
    'p99 ms': m.p99,
    'non-2xx events': m.failed,
    'p50 / fresh p50 (≤ 1.5×)': times(m.p50 / onFresh.p50),
  });
  return [
    row(`${CONNECTIONS} fresh`, `1 × ${(JSON.stringify(TERMS).length / 1024).toFixed(1)} KB`, snapshotKb.fresh, onFresh),
    row(`${CONNECTIONS} with history`, `${REVISIONS} × ${averageKb.toFixed(1)} KB`, snapshotKb.old, onOld),
  ];
}

async function scale({ base: url }, store, database) {
  const founder = await registerOrganization(url);
  const partner = await registerOrganization(url, 'Batik Kita');
  // Templates: a draft proposal edited a few times, and a collaboration in negotiation with a partner.
  const draft = (await json(url, '/api/v1/collaborations', founder.accessToken, { title: 'Draft', form: 'co_branding', vision: VISION }))
    .id;
  for (let n = 1; n <= 3; n++) await json(url, `/api/v1/collaborations/${draft}/events`, founder.accessToken, proposalUpdate(n));
  const templates = [draft, await toNegotiation(url, founder, partner, TERMS, 'Negotiation')];
  const rows = [];
  for (const total of [SCALE_SMALL, SCALE_LARGE]) {
    const ids = await createCollaborations(url, founder.accessToken, CONNECTIONS, `Scale ${total}`);
    const t0 = performance.now();
    log(`${database} scale: seeding up to ${total.toLocaleString('en')} collaborations`);
    const { added, last } = await store.fill(templates, total);
    const seeded = (performance.now() - t0) / 1000;
    if (last) {
      const clone = await json(url, `/api/v1/collaborations/${last}`, founder.accessToken); // the service reads a clone as its own
      if (clone.id !== last) throw new Error(`clone ${last} read as ${clone.id}`);
    }
    const inDatabase = await store.count();
    // The first measurement of a fresh server would also pay for its warm-up (JIT, caches): warm it on the same events.
    if (rows.length === 0) await driveEvents(url, ids, [founder.accessToken], proposalUpdate, Math.min(3, SECONDS));
    log(`${database} scale: events with ${inDatabase.toLocaleString('en')} collaborations`);
    const m = await driveEvents(url, ids, [founder.accessToken], proposalUpdate);
    rows.push({
      database,
      'collaborations in db': inDatabase.toLocaleString('en'),
      'seeded (clones, s)': `${added.toLocaleString('en')}, ${seeded.toFixed(1)}`,
      'applied events/s': Math.round(m.perSecond),
      'event p50 ms': m.p50,
      'event p99 ms': m.p99,
      'non-2xx events': m.failed,
      'events/s at 1,000 ÷ this (≤ 1.5×)': times(rows.length ? rows[0]['applied events/s'] / Math.round(m.perSecond) : 1),
    });
  }
  return rows;
}

const RUNS = { base, history, scale };

/** Runs `fn(server, store, label)` on a fresh SQLite file or a fresh PostgreSQL database beside DATABASE_URL. */
async function onFreshDatabase(database, fn) {
  if (database === 'sqlite') {
    const server = await startServer({ DATABASE_URL: '' });
    try {
      return await fn(server, sqliteCollaborations(join(server.dataDir, 'kolabora.sqlite')), database);
    } finally {
      await server.stop();
    }
  }
  const name = `kolabora_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    const server = await startServer({ DATABASE_URL: url.toString() });
    try {
      return await fn(server, postgresCollaborations(url.toString()), database);
    } finally {
      await server.stop();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const databases = [...(process.env.BENCH_SKIP_SQLITE ? [] : ['sqlite']), ...(process.env.DATABASE_URL ? ['postgres'] : [])];
const tables = [];
for (const scenario of SCENARIOS) {
  const rows = [];
  for (const database of databases) rows.push(...(await onFreshDatabase(database, RUNS[scenario])));
  tables.push([scenario, rows]);
}

const TITLES = {
  base: `base: proposal.update vs GET view (read ceiling); target events ≥ 40% of the ceiling, p99 ≤ 50 ms`,
  history: `history: terms.propose (small terms) on collaborations with ${REVISIONS} revisions of ~${REVISION_BYTES / 1024} KB vs fresh ones in negotiation; target p50 ≤ 1.5× fresh`,
  scale: `scale: proposal.update with ${SCALE_SMALL.toLocaleString('en')} vs ${SCALE_LARGE.toLocaleString('en')} collaborations in the database; target within 1.5×`,
};
console.log(
  `\n${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s each`,
);
for (const [scenario, rows] of tables) {
  console.log(`\n${TITLES[scenario]}`);
  console.table(rows);
}
