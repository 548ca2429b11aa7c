// npm run bench:events — applied lifecycle events per second over HTTP, against the read ceiling of the same server.
// Starts the built service on a fresh SQLite file (and, when DATABASE_URL is set, on that PostgreSQL database too),
// creates collaborations, and drives `proposal.update` events (a real transition: version check, history, snapshot)
// with autocannon at 32 connections for BENCH_SECONDS (default 10), each connection on its own collaboration.
// Then the same for GET /api/v1/collaborations/:id (same auth, one read, no write): the ceiling.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const ROOT = new URL('../..', import.meta.url).pathname;
const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function json(base, path, token, body) {
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function run(options) {
  return new Promise((resolve, reject) =>
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function bench(label, extraEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kolabora-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      AUTH_RATE_LIMIT: '100000',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const email = `bench-${Date.now()}@example.id`;
    const { accessToken } = await json(base, '/api/v1/auth/register', null, {
      email,
      password: 'benchmark-password',
      name: 'Bench',
      organization: { name: 'Bench Co', legalForm: 'cv', scale: 'small', city: 'Bandung', brands: ['BENCH'], categories: ['apparel'] },
    });
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
    const writeRss = peakRssMb(server.pid);
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
      'peak RSS MB': Math.round(Math.max(writeRss, peakRssMb(server.pid))),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [await bench('sqlite', { DATABASE_URL: '' })];
if (process.env.DATABASE_URL) results.push(await bench('postgres', { DATABASE_URL: process.env.DATABASE_URL }));
console.log(
  `\n${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS} s each`,
);
console.table(results);
