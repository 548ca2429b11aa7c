// npm run bench:insights — GET /api/v1/insights over 10,000 completed collaborations of one organization.
// Starts the built service on a fresh SQLite file (and, when DATABASE_URL is set, on that PostgreSQL database too), registers
// a founder, then inserts BENCH_COLLABORATIONS (default 10,000) completed collaborations straight into the database (rows
// shaped as the runtime writes them: a persisted snapshot with a full context). It times the first request (which reads each
// snapshot once into review_outcomes), then BENCH_REQUESTS (default 200) sequential requests: p50 and p99. For comparison it
// also times, in this process, what answering from the snapshots on every request would cost: select them all and parse them.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { initialTransition } from 'xstate';
import { collaborationV1 } from '../../dist/workflows/collaboration/index.js';
import { outcomeRow } from '../../dist/src/insights/outcome-insights.js';
import { startServer } from './server.mjs';

const COUNT = Number(process.env.BENCH_COLLABORATIONS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const FORMS = ['co_branding', 'licensing', 'consignment', 'endorsement', 'distribution'];
const PARTNERS = 40;

async function register(base) {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${randomUUID()}@example.id`,
      password: 'benchmark-password',
      name: 'Bench',
      organization: { name: 'Bench Co', legalForm: 'cv', scale: 'small', city: 'Bandung', brands: ['BENCH'], categories: ['apparel'] },
    }),
  });
  if (!res.ok) throw new Error(`register: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { token: body.accessToken, userId: body.user.id, organizationId: body.organization.id };
}

const text = (n) => `Penjelasan butir ${n}: `.padEnd(420, 'lorem ipsum dolor sit amet ');
const review = (i) => ({
  kpis: {
    awareness: {
      followersBefore: 10_000 + i,
      followersAfter: 10_000 + i + (i % 37) * 40,
      reach: 20_000 + i,
      impressions: 50_000,
      engagements: { likes: 900 + (i % 50), comments: 80, shares: 30, saves: 40 },
      mentions: 12,
      clicks: 700,
    },
    commercial: {
      unitsSold: 100 + (i % 90),
      grossRevenue: 20_000_000 + (i % 13) * 1_000_000,
      discounts: 1_000_000,
      returns: 500_000,
      costOfGoods: 9_000_000,
      marketingCost: 3_000_000 + (i % 7) * 1_000_000,
      revenueSharePaid: 2_000_000,
      revenueShareReceived: 0,
    },
  },
  ratings: { communication: 1 + (i % 5), commitment: 4, quality: 4, timeliness: 3 },
  lessons: 'Agree the posting calendar before launch; order fabric earlier.',
  submittedByUserId: randomUUID(),
  at: '2027-04-30T03:00:00.000Z',
});

/** One completed collaboration as the runtime stores it: the v1 machine's persisted snapshot, with a full context. */
function collaboration(i, founder, partners, createdAt) {
  const id = randomUUID();
  const partner = partners[i % partners.length];
  const input = { id, title: `Bench ${i}`, form: FORMS[i % FORMS.length], initiatorOrganizationId: founder.organizationId, createdAt };
  const [initial] = initialTransition(collaborationV1, input);
  const persisted = collaborationV1.getPersistedSnapshot(initial);
  const context = {
    ...persisted.context,
    reviewPlan: {
      kpis: [
        { key: 'follower_growth_pct', baseline: 2, target: 5 },
        { key: 'engagement_rate_pct', target: 4 },
        { key: 'profit', target: 5_000_000 },
      ],
      reviewWindowDays: 30,
    },
    submittedAt: createdAt,
    candidates: [partner, randomUUID(), randomUUID()].map((org, n) => ({
      id: `candidate-${n + 1}`,
      organizationId: org,
      source: 'directory',
      fit: {
        score: (i * 7 + n * 13) % 101,
        eligible: true,
        flags: [],
        criteria: ['brand_image_fit', 'capability_fit'].map((key) => ({
          key,
          score: (i + n) % 6,
          source: 'computed',
          explanation: { id: text(n), en: text(n) },
        })),
      },
      shortlistedAt: createdAt,
      scores: null,
      ratedAt: null,
    })),
    invitationOutcomes: [{ organizationId: partner, outcome: 'accepted', reason: null, at: createdAt }],
    partnerOrganizationIds: [partner],
    termsRevisions: [
      {
        revision: 1,
        terms: { territory: 'Indonesia', revenueSplit: { initiator: 60, partner: 40 } },
        authorOrganizationId: founder.organizationId,
        proposedAt: createdAt,
      },
    ],
    acceptedRevision: 1,
    agreement: { version: 1, revision: 1, sha256: 'a'.repeat(64), generatedAt: createdAt },
    checklist: {
      generatedAt: createdAt,
      items: Array.from({ length: 12 }, (_, n) => ({
        id: `item-${n}`,
        key: n < 2 ? 'mark-filed' : 'meterai',
        category: 'trademark',
        title: { id: `Butir ${n}`, en: `Item ${n}` },
        explanation: { id: text(n), en: text(n) },
        launchBlocking: n < 3,
        status: n % 4 === 0 ? 'waived' : 'done',
        evidence: null,
        waiverReason: null,
        updatedAt: createdAt,
        updatedByOrganizationId: founder.organizationId,
      })),
    },
    launchedAt: createdAt,
    ended: { how: 'ended', reason: null, byOrganizationId: partner, at: createdAt },
    reviews: { [founder.organizationId]: review(i), [partner]: review(i + 1) },
  };
  const snapshot = { ...persisted, value: 'completed', status: 'done', context };
  return { id, partner, form: input.form, input, snapshot };
}

const sqliteDate = (date) => date.toISOString().replace('T', ' ').replace('Z', '');

async function seedSqlite(dataDir, founder, rows) {
  const db = new Database(join(dataDir, 'kolabora.sqlite'));
  db.pragma('busy_timeout = 5000');
  const now = sqliteDate(new Date());
  const insert = db.prepare(`INSERT INTO collaborations VALUES (?, ?, ?, 'completed', 'done', 'collaboration', 1, 30, ?, ?, ?, ?, ?, ?)`);
  const party = db.prepare('INSERT INTO collaboration_parties (collaboration_id, organization_id, role) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) {
      insert.run(
        r.id,
        r.input.title,
        r.form,
        founder.organizationId,
        founder.userId,
        JSON.stringify(r.input),
        JSON.stringify(r.snapshot),
        now,
        now,
      );
      party.run(r.id, founder.organizationId, 'initiator');
      party.run(r.id, r.partner, 'partner');
    }
  })();
  const started = performance.now();
  const parsed = db
    .prepare('SELECT snapshot FROM collaborations')
    .all()
    .map((r) => outcomeRow(JSON.parse(r.snapshot).context, founder.organizationId));
  const parseMs = performance.now() - started;
  db.close();
  return { parseMs, parsed: parsed.length };
}

async function seedPostgres(url, founder, rows) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date();
  await client.query('BEGIN');
  for (let at = 0; at < rows.length; at += 500) {
    const batch = rows.slice(at, at + 500);
    const values = [];
    const tuples = batch.map((r, i) => {
      values.push(
        r.id,
        r.input.title,
        r.form,
        founder.organizationId,
        founder.userId,
        JSON.stringify(r.input),
        JSON.stringify(r.snapshot),
        now,
      );
      const p = (n) => `$${i * 8 + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, 'completed', 'done', 'collaboration', 1, 30, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(8)})`;
    });
    await client.query(`INSERT INTO collaborations VALUES ${tuples.join(', ')}`, values);
    const partyValues = batch.flatMap((r) => [r.id, founder.organizationId, 'initiator', r.id, r.partner, 'partner']);
    const partyTuples = batch.flatMap((_, i) => [
      `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3})`,
      `($${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
    ]);
    await client.query(
      `INSERT INTO collaboration_parties (collaboration_id, organization_id, role) VALUES ${partyTuples.join(', ')}`,
      partyValues,
    );
  }
  await client.query('COMMIT');
  const started = performance.now();
  const { rows: snapshots } = await client.query('SELECT snapshot FROM collaborations');
  const parsed = snapshots.map((r) => outcomeRow(JSON.parse(r.snapshot).context, founder.organizationId));
  const parseMs = performance.now() - started;
  await client.end();
  return { parseMs, parsed: parsed.length };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timed(base, token) {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/insights`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`insights: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

async function bench(label, extraEnv, seed) {
  const { base, dataDir, peakRssMb, stop } = await startServer(extraEnv);
  try {
    const founder = await register(base);
    const partners = [];
    for (let i = 0; i < PARTNERS; i++) partners.push((await register(base)).organizationId);
    const createdAt = new Date().toISOString();
    const rows = Array.from({ length: COUNT }, (_, i) => collaboration(i, founder, partners, createdAt));
    const snapshotKb = Buffer.byteLength(JSON.stringify(rows[0].snapshot)) / 1024;
    const seedStarted = performance.now();
    const { parseMs } = await seed(dataDir, founder, rows);
    const seedMs = performance.now() - seedStarted - parseMs;
    const first = await timed(base, founder.token);
    if (first.body.overall.collaborations !== COUNT) throw new Error(`expected ${COUNT}, got ${first.body.overall.collaborations}`);
    for (let i = 0; i < 10; i++) await timed(base, founder.token); // warm-up
    const times = [];
    for (let i = 0; i < REQUESTS; i++) times.push((await timed(base, founder.token)).ms);
    times.sort((a, b) => a - b);
    return {
      database: label,
      collaborations: COUNT,
      'snapshot KiB': Math.round(snapshotKb * 10) / 10,
      'seed s': Math.round(seedMs / 100) / 10,
      'first request ms (fills the cache)': Math.round(first.ms),
      'p50 ms': Math.round(percentile(times, 50) * 10) / 10,
      'p99 ms': Math.round(percentile(times, 99) * 10) / 10,
      'select + parse every snapshot ms': Math.round(parseMs),
      'peak RSS MB': Math.round(peakRssMb()),
    };
  } finally {
    await stop();
  }
}

const results = [await bench('SQLite', { DATABASE_URL: '' }, (dataDir, founder, rows) => seedSqlite(dataDir, founder, rows))];
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  results.push(await bench('PostgreSQL', { DATABASE_URL: url }, (_dataDir, founder, rows) => seedPostgres(url, founder, rows)));
}
console.table(results);
