// npm run bench:abuse — does the API keep answering while someone leans on its heaviest routes? (Issue 13.)
// The built server on a fresh SQLite file; GET /health with autocannon (8 connections, BENCH_SECONDS each, default 10):
// 1. alone;
// 2. during 20 MiB POST /api/v1/verify uploads, anonymous, 2 at a time back to back (VERIFY_RATE_LIMIT raised for
//    the bench, so every upload is hashed: the limit is not what is measured);
// 3. during the largest diff the budget allows (GET …/agreements/1/diff/N, 2 at a time): version 1 has 200 products
//    (the cap) with 200-character names, later versions rename more and more of them; the largest that still
//    answers 200 is used;
// 4. during 4 parallel views (GET /api/v1/collaborations/:id, 4 connections) of the largest collaboration today's
//    API builds: 100 terms revisions of ~40 KB (170 products), its agreement signed and launched, then 200
//    milestones with notes of 2,000 characters.
// The /verify and diff requests are sent from a worker thread, so the client's own work does not delay autocannon.
// Target: /health p99 under 100 ms in each case.
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { REQUIREMENTS, TERMS, VISION, words } from './fixtures.mjs';
import { registerOrganization, startServer } from './server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MiB = 1024 * 1024;
const REVISIONS = 100;
const MILESTONES = 200;
const log = (line) => console.error(`[bench:abuse] ${line}`);

const LEGAL = (name, userId) => ({
  legalName: `CV ${name}`,
  address: 'Jl. Braga No. 10, Bandung 40111',
  nib: '9120001234567',
  npwp: '012345678901234',
  deed: { number: '12', date: '2020-03-15', notary: 'Rina Kartika, S.H., M.Kn.' },
  signatory: { name: 'Dewi Lestari', title: 'Direktur', userId },
});

/** 200 products (the cap) with 200-character names: the largest table a co-branding agreement prints. */
const PRODUCTS = Array.from({ length: 200 }, (_, i) => ({ name: words(200, { numbered: true }), sku: `SKU-${i}`, units: 1 + i }));
const renamed = (count) => PRODUCTS.map((p, i) => (i < count ? { ...p, name: words(200, { numbered: true }) } : p));

async function api(base, method, path, who, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${who.accessToken}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path} ${body?.type ?? ''}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** Two parties with the legal details an agreement needs. */
async function parties(base) {
  const [initiator, partner] = [await registerOrganization(base, 'Lookout Kreasi'), await registerOrganization(base, 'Batik Kita')];
  for (const [who, name] of [
    [initiator, 'Lookout Kreasi'],
    [partner, 'Batik Kita'],
  ]) {
    await api(base, 'PATCH', `/api/v1/organizations/${who.organizationId}`, who, LEGAL(name, who.userId));
  }
  return { initiator, partner };
}

/** A collaboration driven through the API to negotiation with `terms` proposed as revision 1 (lifecycle.ts). */
async function toNegotiation(base, { initiator, partner }, terms) {
  const { id } = await api(base, 'POST', '/api/v1/collaborations', initiator, {
    title: 'LOOKOUT × Batik Kita',
    form: 'co_branding',
    vision: VISION,
    partnerRequirements: REQUIREMENTS,
  });
  const step = (who, event) => api(base, 'POST', `/api/v1/collaborations/${id}/events`, who, event);
  await step(initiator, { type: 'proposal.submit' });
  await step(initiator, { type: 'partner.shortlist', organizationId: partner.organizationId });
  await step(initiator, { type: 'partner.rate', candidateId: 'candidate-1', scores: { capability_fit: 4 } });
  await step(initiator, { type: 'partner.invite', candidateId: 'candidate-1', message: 'Kolaborasi yuk?' });
  await step(partner, { type: 'invitation.accept' });
  await step(initiator, { type: 'terms.propose', terms });
  return { id, step };
}

/** Waits until the view satisfies `check`: effects (agreement generation, checklist) land after the answer. */
async function until(base, who, id, check) {
  for (let i = 0; ; i++) {
    const view = await api(base, 'GET', `/api/v1/collaborations/${id}`, who);
    if (check(view)) return view;
    if (i > 600) throw new Error(`timed out in state ${view.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Versions 1..n of one agreement, version v renaming `counts[v - 2]` of the 200 products of version 1. */
async function diffCandidates(base, pair, counts) {
  const { id, step } = await toNegotiation(base, pair, { ...TERMS, products: PRODUCTS });
  await step(pair.partner, { type: 'terms.accept', revision: 1 });
  await until(base, pair.initiator, id, (v) => Boolean(v.context.agreement?.sha256));
  for (const [i, count] of counts.entries()) {
    await step(pair.partner, { type: 'agreement.requestChanges', reason: 'Product names' });
    await step(pair.partner, { type: 'terms.propose', terms: { ...TERMS, products: renamed(count) } });
    await step(pair.initiator, { type: 'terms.accept', revision: i + 2 });
    await until(base, pair.initiator, id, (v) => v.context.agreement?.version === i + 2 && Boolean(v.context.agreement.sha256));
  }
  return id;
}

/** The largest collaboration today's API builds: REVISIONS terms revisions of ~40 KB, launched, MILESTONES milestones. */
async function collaborationAtLimits(base, pair) {
  const bulky = (revision) => ({
    ...TERMS,
    products: PRODUCTS.slice(0, 170).map((p, i) => ({ ...p, name: `${revision}.${i} ${p.name}`.slice(0, 200) })),
  });
  log(`a terms revision: ${Math.round(JSON.stringify(bulky(1)).length / 1024)} KB of JSON`);
  const { id, step } = await toNegotiation(base, pair, bulky(1));
  for (let revision = 2; revision <= REVISIONS; revision++) {
    await step(revision % 2 ? pair.initiator : pair.partner, { type: 'terms.propose', terms: bulky(revision) });
  }
  await step(REVISIONS % 2 ? pair.partner : pair.initiator, { type: 'terms.accept', revision: REVISIONS });
  const { version, sha256 } = (await until(base, pair.initiator, id, (v) => Boolean(v.context.agreement?.sha256))).context.agreement;
  await step(pair.initiator, { type: 'agreement.sign', version, sha256, meterai: { kind: 'electronic', serial: 'BENCH0000000000000001' } });
  await step(pair.partner, { type: 'agreement.sign', version, sha256, meterai: { kind: 'paper' } });
  const listed = await until(base, pair.initiator, id, (v) => Boolean(v.context.checklist));
  for (const item of listed.context.checklist.items.filter((i) => i.launchBlocking)) {
    await step(pair.partner, { type: 'checklist.complete', itemId: item.id, evidence: { reference: 'done' } });
  }
  await step(pair.initiator, { type: 'collaboration.launch' });
  for (let i = 0; i < MILESTONES; i++) {
    await step(i % 2 ? pair.partner : pair.initiator, {
      type: 'milestone.record',
      title: `${i} ${words(190, { numbered: true })}`,
      date: '2027-02-01',
      notes: words(2000, { numbered: true }),
    });
  }
  return id;
}

const run = (options) =>
  new Promise((resolve, reject) => autocannon({ duration: SECONDS, ...options }, (e, r) => (e ? reject(e) : resolve(r))));

/**
 * Sends `request` back to back on `parallel` connections from a worker thread (so the client's own work, such as
 * writing 20 MiB bodies, does not delay autocannon's measurements on this thread) until the returned stop() is called.
 */
function loop(parallel, { url, method = 'GET', headers = {}, bodyBytes = 0 }) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { parallel, url, method, headers, bodyBytes } });
  return () =>
    new Promise((resolve) => {
      worker.once('message', (stats) => void worker.terminate().then(() => resolve(stats)));
      worker.postMessage('stop');
    });
}

async function loopThread({ parallel, url, method, headers, bodyBytes }) {
  const body = bodyBytes ? randomBytes(bodyBytes) : undefined;
  let running = true;
  const times = [];
  let failed = 0;
  const loops = Array.from({ length: parallel }, async () => {
    while (running) {
      const t0 = performance.now();
      const ok = await fetch(url, { method, headers, body }).then(
        async (res) => (await res.arrayBuffer(), res.status === 200),
        () => false,
      );
      if (ok) times.push(performance.now() - t0);
      else failed++;
    }
  });
  parentPort.once('message', async () => {
    running = false;
    await Promise.all(loops);
    times.sort((a, b) => a - b);
    parentPort.postMessage({ done: times.length, failed, p50: Math.round(times[Math.floor(times.length / 2)] ?? NaN) });
  });
}

if (isMainThread) await main();
else await loopThread(workerData);

async function main() {
  const { base, stop, peakRssMb } = await startServer({ DATABASE_URL: '', VERIFY_RATE_LIMIT: '1000000' });
  try {
    const pair = await parties(base);
    log('building agreement versions for the diff');
    const counts = [8, 12, 16, 18, 20, 22, 23, 24, 26, 30];
    const diffId = await diffCandidates(base, pair, counts);
    const diffPath = (to) => `/api/v1/collaborations/${diffId}/agreements/1/diff/${to}`;
    let largest = null;
    for (const [i, count] of counts.entries()) {
      const res = await fetch(base + diffPath(i + 2), { headers: { authorization: `Bearer ${pair.partner.accessToken}` } });
      const body = await res.json();
      if (res.status !== 200) {
        log(`diff 1→${i + 2} (${count} products renamed): ${res.status} ${body.code}`);
        continue;
      }
      const edited = body.clauses
        .flatMap((c) => [...c.changes.id, ...c.changes.en])
        .filter((c) => c.op !== 'same')
        .reduce((n, c) => n + c.text.split(/\s+/).filter(Boolean).length, 0);
      log(`diff 1→${i + 2} (${count} products renamed): 200, ${edited} words added or removed`);
      largest = { to: i + 2, count, edited };
    }
    if (!largest) throw new Error('no diff within the budget');

    log(`building a collaboration with ${REVISIONS} terms revisions of ~40 KB and ${MILESTONES} milestones`);
    const bigId = await collaborationAtLimits(base, pair);
    const viewBytes = (
      await (
        await fetch(`${base}/api/v1/collaborations/${bigId}`, { headers: { authorization: `Bearer ${pair.initiator.accessToken}` } })
      ).text()
    ).length;

    const health = () => run({ url: `${base}/health`, connections: 8 });
    const rows = [];
    const row = (load, h, extra = {}) =>
      rows.push({
        load,
        'health p50 ms': h.latency.p50,
        'health p99 ms': h.latency.p99,
        'health max ms': h.latency.max,
        'health req/s': Math.round(h.requests.average),
        ...extra,
      });

    log('health alone');
    row('alone', await health());

    log('health during 20 MiB /verify uploads');
    const uploads = loop(2, {
      url: `${base}/api/v1/verify`,
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      bodyBytes: 20 * MiB,
    });
    const duringVerify = await health();
    const verified = await uploads();
    row('20 MiB /verify, 2 at a time', duringVerify, {
      'load done': verified.done,
      'load failed': verified.failed,
      'load p50 ms': verified.p50,
    });

    log(`health during the largest allowed diff (1→${largest.to})`);
    const diffs = loop(2, { url: base + diffPath(largest.to), headers: { authorization: `Bearer ${pair.partner.accessToken}` } });
    const duringDiff = await health();
    const diffed = await diffs();
    row(`largest diff (${largest.edited} words), 2 at a time`, duringDiff, {
      'load done': diffed.done,
      'load failed': diffed.failed,
      'load p50 ms': diffed.p50,
    });

    log('health during 4 parallel views of the collaboration at its limits');
    const [duringViews, views] = await Promise.all([
      health(),
      run({
        url: `${base}/api/v1/collaborations/${bigId}`,
        connections: 4,
        headers: { authorization: `Bearer ${pair.initiator.accessToken}` },
      }),
    ]);
    row('4 parallel views of the largest collaboration', duringViews, {
      'load done': views['2xx'],
      'load failed': views.non2xx + views.errors + views.timeouts,
      'load p50 ms': views.latency.p50,
    });

    console.log(`\n${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite`);
    console.log(
      `GET /health, 8 connections, ${SECONDS} s per case. Largest diff: versions 1→${largest.to}, ${largest.count} of 200 products renamed. ` +
        `Collaboration at its limits: ${REVISIONS} terms revisions of ~40 KB, ${MILESTONES} milestones with 2,000-character notes, view ${Math.round(viewBytes / 1024)} KB. ` +
        `Server peak RSS ${Math.round(peakRssMb())} MB. Target: health p99 under 100 ms in each case.`,
    );
    console.table(rows);
  } finally {
    await stop();
  }
}
