// npm run bench:events — applied lifecycle events per second over HTTP, against the read ceiling of the same server.
// Starts the built service on a fresh SQLite file (and, when DATABASE_URL is set, on that PostgreSQL database too),
// creates collaborations, and drives `proposal.update` events (a real transition: version check, history, snapshot)
// with autocannon at 32 connections for BENCH_SECONDS (default 10), each connection on its own collaboration.
// Then the same for GET /api/v1/collaborations/:id (same auth, one read, no write): the ceiling.
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { registerFounder, startServer } from './server.mjs';

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function json(base, path, token, body) {
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function run(options) {
  return new Promise((resolve, reject) =>
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function bench(label, extraEnv) {
  const { base, peakRssMb, stop } = await startServer(extraEnv);
  try {
    const accessToken = await registerFounder(base);
    const ids = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      ids.push((await json(base, '/api/v1/collaborations', accessToken, { title: `Bench ${i}`, form: 'co_branding' })).id);
    }
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
    let next = 0;
    const perConnection = (context) => (context.id ??= ids[next++ % ids.length]);

    const events = await run({
      url: base,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (request, context) => {
            const id = perConnection(context);
            context.n = (context.n ?? 0) + 1;
            return {
              ...request,
              path: `/api/v1/collaborations/${id}/events`,
              body: JSON.stringify({ type: 'proposal.update', title: `update ${context.n}` }),
            };
          },
        },
      ],
    });
    const writeRss = peakRssMb();
    const reads = await run({
      url: base,
      requests: [
        {
          method: 'GET',
          headers,
          setupRequest: (request, context) => ({ ...request, path: `/api/v1/collaborations/${perConnection(context)}` }),
        },
      ],
    });
    const applied = events['2xx'] / SECONDS;
    const ceiling = reads['2xx'] / SECONDS;
    return {
      database: label,
      'applied events/s': Math.round(applied),
      'event p50 ms': events.latency.p50,
      'event p99 ms': events.latency.p99,
      'non-2xx events': events.non2xx + events.errors,
      'read ceiling req/s': Math.round(ceiling),
      'read p99 ms': reads.latency.p99,
      'events / ceiling': `${Math.round((applied / ceiling) * 100)}%`,
      'peak RSS MB': Math.round(Math.max(writeRss, peakRssMb())),
    };
  } finally {
    await stop();
  }
}

const results = [await bench('sqlite', { DATABASE_URL: '' })];
if (process.env.DATABASE_URL) results.push(await bench('postgres', { DATABASE_URL: process.env.DATABASE_URL }));
console.log(
  `\n${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s each`,
);
console.table(results);
