// npm run bench:webhooks — webhook delivery on a fresh SQLite file, with a local receiver that verifies every signature:
// - throughput: `proposal.update` events with autocannon at 32 connections (each on its own collaboration) for
//   BENCH_SECONDS (default 6), on a fresh server with no webhook, then on one whose organization has 10 endpoints
//   subscribed to collaboration.transitioned, alternated twice: mean events/s with webhooks as a share of without,
//   and the server's CPU time per event (a figure the other load on a shared machine disturbs less).
// - latency: on the server with 10 endpoints, events applied at a steady BENCH_RATE per second (default 20) for
//   BENCH_SECONDS; for each message and endpoint, the time from the event's answer (it has committed) to its arrival at
//   the receiver: p50 and p99. The service runs with its default WORKER_POLL_MS (1000) unless the environment sets it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Buffer } from 'node:buffer';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { registerOrganization, startServer } from './server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const ENDPOINTS = 10;
const CONNECTIONS = 32;

async function json(base, path, token, body, method = 'POST') {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

const now = () => performance.timeOrigin + performance.now();
let forged = 0; // signatures the receiver could not verify, over all runs

/**
 * The receiver, in its own thread so that checking signatures does not slow autocannon: /hooks/<n> is endpoint n;
 * every signature is checked against that endpoint's secret. Arrivals are kept there and fetched on request.
 */
function receiverThread() {
  const secrets = [];
  let arrivals = [];
  let forged = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = now();
      const raw = Buffer.concat(chunks).toString('utf8');
      const endpoint = Number(req.url.split('/')[2]);
      const [id, timestamp] = [req.headers['webhook-id'], req.headers['webhook-timestamp']];
      const want = createHmac('sha256', Buffer.from(secrets[endpoint].slice(6), 'base64'))
        .update(`${id}.${timestamp}.${raw}`)
        .digest();
      const ok = String(req.headers['webhook-signature'])
        .split(' ')
        .some((s) => {
          const got = Buffer.from(s.split(',')[1] ?? '', 'base64');
          return got.length === want.length && timingSafeEqual(got, want);
        });
      if (!ok) forged += 1;
      const { data } = JSON.parse(raw);
      arrivals.push({ endpoint, key: `${data.collaborationId}:${data.seq}`, at });
      res.writeHead(200).end('ok');
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (message) => {
    if (message.secret) secrets[message.secret.n] = message.secret.value;
    if (message.collect) parentPort.postMessage({ arrivals, forged });
    if (message.reset) {
      arrivals = [];
      forged = 0;
    }
  });
}

async function startReceiver() {
  const worker = new Worker(new URL(import.meta.url), { workerData: { receiver: true } });
  const replies = [];
  const waiting = [];
  worker.on('message', (m) => (waiting.length ? waiting.shift()(m) : replies.push(m)));
  const reply = () => new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiting.push(resolve)));
  const { port } = await reply();
  return {
    url: (n) => `http://127.0.0.1:${port}/hooks/${n}`,
    setSecret: (n, value) => worker.postMessage({ secret: { n, value } }),
    reset: () => worker.postMessage({ reset: true }),
    collect: async () => {
      worker.postMessage({ collect: true });
      return reply();
    },
    close: () => worker.terminate(),
  };
}

async function collaborations(base, token, n) {
  const ids = [];
  for (let i = 0; i < n; i++)
    ids.push((await json(base, '/api/v1/collaborations', token, { title: `Bench ${i}`, form: 'co_branding' })).id);
  return ids;
}

/** autocannon: each connection POSTs proposal.update to its own collaboration. */
function throughput(base, token, ids) {
  let next = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            setupRequest: (request, context) => {
              context.id ??= ids[next++ % ids.length];
              context.n = (context.n ?? 0) + 1;
              return {
                ...request,
                path: `/api/v1/collaborations/${context.id}/events`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: JSON.stringify({ type: 'proposal.update', title: `update ${context.n}` }),
              };
            },
          },
        ],
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({ perSecond: result['2xx'] / (result.duration || SECONDS), failed: result.non2xx + result.errors + result.timeouts }),
    ),
  );
}

/** A fresh server; `mode`: none (no endpoint), throughput (10 endpoints, autocannon) or latency (10 endpoints, steady rate). */
async function measure(receiver, mode) {
  const server = await startServer({
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    ...(process.env.WORKER_POLL_MS ? { WORKER_POLL_MS: process.env.WORKER_POLL_MS } : {}),
  });
  try {
    const org = await registerOrganization(server.base);
    if (mode !== 'none') {
      for (let n = 0; n < ENDPOINTS; n++) {
        const hook = await json(server.base, `/api/v1/organizations/${org.organizationId}/webhooks`, org.accessToken, {
          url: receiver.url(n),
          events: ['collaboration.transitioned'],
        });
        receiver.setSecret(n, hook.secret);
      }
    }
    receiver.reset();
    if (mode !== 'latency') {
      const ids = await collaborations(server.base, org.accessToken, CONNECTIONS);
      const cpuBefore = server.cpuSeconds();
      const result = await throughput(server.base, org.accessToken, ids);
      // CPU per event: what the service spends, whatever else the machine runs meanwhile (wall-clock rates drift with it).
      result.cpuMsPerEvent = ((server.cpuSeconds() - cpuBefore) * 1000) / (result.perSecond * SECONDS);
      const received = await receiver.collect();
      forged += received.forged;
      return { ...result, delivered: received.arrivals.length };
    }
    const committed = new Map();
    const steady = await collaborations(server.base, org.accessToken, 8);
    const sends = [];
    const started = performance.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = steady[i % steady.length];
      sends.push(
        json(server.base, `/api/v1/collaborations/${id}/events`, org.accessToken, { type: 'proposal.update', title: `steady ${i}` }).then(
          (view) => committed.set(`${id}:${view.version}`, now()),
        ),
      );
    }
    await Promise.all(sends);
    const until = performance.now() + 30_000;
    let received = await receiver.collect();
    while (received.arrivals.length < committed.size * ENDPOINTS && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      received = await receiver.collect();
    }
    forged += received.forged;
    const latencies = received.arrivals
      .filter((a) => committed.has(a.key))
      .map((a) => Math.max(0, a.at - committed.get(a.key)))
      .sort((a, b) => a - b);
    return { events: committed.size, deliveries: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await server.stop();
  }
}

if (!isMainThread && workerData?.receiver) receiverThread();
else {
  const receiver = await startReceiver();
  try {
    console.log(
      `bench:webhooks — SQLite, ${cpus().length} CPUs, ${SECONDS} s per run, ${ENDPOINTS} endpoints, steady rate ${RATE} events/s`,
    );
    // Alternated, twice: the machine's other load drifts, and a single pair would measure the drift.
    const runs = { none: [], throughput: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['none', 'throughput']) {
        const result = await measure(receiver, mode);
        runs[mode].push(result);
        console.log(
          mode === 'none'
            ? `round ${round + 1} without webhooks: ${result.perSecond.toFixed(1)} events/s, ${result.cpuMsPerEvent.toFixed(2)} CPU ms/event (${result.failed} failed)`
            : `round ${round + 1} with ${ENDPOINTS} endpoints: ${result.perSecond.toFixed(1)} events/s, ${result.cpuMsPerEvent.toFixed(2)} CPU ms/event (${result.failed} failed); ${result.delivered} of ${Math.round(result.perSecond * SECONDS) * ENDPOINTS} messages delivered during the run`,
        );
      }
    }
    const mean = (list) => list.reduce((sum, r) => sum + r.perSecond, 0) / list.length;
    const share = (100 * mean(runs.throughput)) / mean(runs.none);
    const cpu = (list) => list.reduce((sum, r) => sum + r.cpuMsPerEvent, 0) / list.length;
    console.log(
      `events/s without: ${mean(runs.none).toFixed(1)}, with ${ENDPOINTS} endpoints: ${mean(runs.throughput).toFixed(1)} = ${share.toFixed(1)} % (target ≥ 90 %)`,
    );
    console.log(
      `CPU ms per event without: ${cpu(runs.none).toFixed(2)}, with: ${cpu(runs.throughput).toFixed(2)}: the capacity with webhooks is ${((100 * cpu(runs.none)) / cpu(runs.throughput)).toFixed(1)} % of without`,
    );
    const latency = await measure(receiver, 'latency');
    console.log(
      `delivery latency after commit at ${RATE} events/s × ${ENDPOINTS} endpoints: p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms over ${latency.deliveries} deliveries of ${latency.events} events (target p50 < 1000 ms)`,
    );
    console.log(`signatures that did not verify: ${forged}`);
    if (forged > 0) process.exitCode = 1;
  } finally {
    await receiver.close();
  }
}
