// npm run bench:pdf — how fast agreements render, and whether the API keeps answering while they do.
// 0. As the service makes it: the longest template's (most pages, bilingual) executed copy rendered and sealed on the
//    render pool's worker thread BENCH_DOCS times (default 100): median, p95, CPU per document, peak RSS.
// 1. On this thread: the same template's bilingual version, then its executed copy (QR code on every page, the
//    signature certificate, the seal) BENCH_DOCS times each, and, for comparison, the executed copy as HTML printed by
//    headless Chromium (Debian's, warm: one browser and one page, BENCH_CHROMIUM_DOCS times, default 50). The target
//    ratio (4×) is Chromium's median over the service's path.
// 2. The built server: GET /health p99 alone, then again during a burst of preview renders (which run on the
//    render pool's worker threads), for BENCH_SECONDS (default 10) each.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { renderAgreementPdf } from '../../dist/src/agreements/pdf-layout.js';
import { RenderPool } from '../../dist/src/agreements/render-pool.js';
import { TemplateRegistry } from '../../dist/src/agreements/template-registry.js';
import { selfSignedSeal } from '../../dist/src/config/seal-key.js';
import { sealPdf } from '../../dist/src/documents/pdf-seal.js';
import { agreementHtml } from './agreement-html.mjs';
import { registerFounder, startServer } from './server.mjs';

const DOCS = Number(process.env.BENCH_DOCS ?? 100);
const CHROMIUM_DOCS = Number(process.env.BENCH_CHROMIUM_DOCS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// CPU time (ms) of this process and every process it started (Chromium's), from /proc: on a shared machine wall time
// also counts waiting for a core.
const TICK_MS = 10; // USER_HZ is 100 on Linux
const processes = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ');
        return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
      } catch {
        return null; // ended meanwhile
      }
    })
    .filter(Boolean);
const cpuMs = () => {
  const all = processes();
  const family = new Set([process.pid]);
  for (let grown = true; grown;) {
    grown = false;
    for (const p of all) {
      if (family.has(p.pid) || !family.has(p.ppid)) continue;
      family.add(p.pid);
      grown = true;
    }
  }
  return all.filter((p) => family.has(p.pid)).reduce((sum, p) => sum + p.ticks * TICK_MS, 0);
};
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const startLoad = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');

// The executed copy as the service makes it (agreements.service.ts produceExecutedCopy): QR code on every page, place,
// date and meterai in each signature block, the signature certificate, then the seal.
const registry = new TemplateRegistry();
const candidates = [];
for (const template of registry.list()) {
  const document = registry.document(template, template.sample, new Date(`${template.sample.agreement.date}T00:00:00Z`));
  candidates.push({ template, document, pages: 0 });
}
const at = (minutes) => new Date(Date.UTC(2027, 0, 4, 2, minutes)).toISOString();
const certificateOf = (document) => ({
  version: 1,
  sha256: 'a'.repeat(64),
  signatures: document.parties.map((party, i) => ({
    block: i,
    party: party.legalName,
    signerName: party.signatory.name,
    signerTitle: party.signatory.title,
    recordedSignatory: true,
    account: `${party.signatory.name} <signatory${i}@example.id>`,
    at: at(10 + i),
    place: 'Bandung',
    meterai: i === 0 ? { kind: 'electronic', serial: 'E-MTR-2027-0000012345' } : { kind: 'paper' },
    ip: `203.0.113.${10 + i}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  })),
  history: ['terms.accept', 'agreement.generated', 'agreement.sign', 'agreement.sign'].map((event, i) => ({
    at: at(i),
    event,
    by: 'CV Lookout Kreasi',
  })),
});

// 0. The service's own path first, while this process has rendered nothing itself (peak RSS is for the whole life of
//    the process): the longest agreement's executed copy rendered and sealed DOCS times on the render pool's worker
//    thread, with its heap cap. CPU time is the whole process's (the worker's included).
const pool = new RenderPool();
const keepAlive = setInterval(() => {}, 1000); // the pool's workers do not hold the process open
const poolSeal = { key: selfSignedSeal('Kolabora agreement seal'), reason: 'bench' };
for (const c of candidates) c.pages = pages(await pool.render(c.document, 'bilingual'));
const longest = candidates.sort((a, b) => b.pages - a.pages)[0];
const executed = { ...longest.document, verifyUrl: `https://kolabora.example.id/v/${longest.document.contentHash}` };
const certificate = certificateOf(longest.document);
for (let i = 0; i < 20; i++) await pool.render(executed, 'bilingual', certificate, { ...poolSeal, at: new Date() });
const poolTimes = [];
const poolCpu = process.cpuUsage();
for (let i = 0; i < DOCS; i++) {
  const t0 = performance.now();
  await pool.render(executed, 'bilingual', certificate, { ...poolSeal, at: new Date() });
  poolTimes.push(performance.now() - t0);
}
const poolCpuUsed = process.cpuUsage(poolCpu);
const poolCpuPerDocument = (poolCpuUsed.user + poolCpuUsed.system) / 1000 / DOCS;
poolTimes.sort((a, b) => a - b);
const servicePath = {
  path: `render pool (${pool.threads} worker thread): executed copy, render + seal`,
  documents: DOCS,
  'median ms': Math.round(percentile(poolTimes, 50)),
  'p95 ms': Math.round(percentile(poolTimes, 95)),
  'CPU ms per document': Math.round(poolCpuPerDocument),
  'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
};
await pool.onModuleDestroy();
clearInterval(keepAlive);

// 1. In process
const times = [];
const started = performance.now();
for (let i = 0; i < DOCS; i++) {
  const t0 = performance.now();
  await renderAgreementPdf(longest.document, 'bilingual');
  times.push(performance.now() - t0);
}
const elapsed = (performance.now() - started) / 1000;
times.sort((a, b) => a - b);
const inProcess = {
  template: longest.template.ref,
  pages: longest.pages,
  documents: DOCS,
  'median ms': Math.round(percentile(times, 50)),
  'p95 ms': Math.round(percentile(times, 95)),
  'documents/s': Math.round(DOCS / elapsed),
  'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
};

// 1b. The same executed copy on this thread, with a seal made here.
const seal = selfSignedSeal('Kolabora agreement seal');
// Counted before sealing: the update writes the last page's object again.
const sealedPages = pages(await renderAgreementPdf(executed, 'bilingual', certificate));
const sealedTimes = [];
const sealTimes = [];
const sealedCpu = cpuMs();
for (let i = 0; i < DOCS; i++) {
  const t0 = performance.now();
  const pdf = await renderAgreementPdf(executed, 'bilingual', certificate);
  const t1 = performance.now();
  sealPdf(pdf, seal, new Date(), `Executed copy of ${executed.number} v1`);
  const t2 = performance.now();
  sealedTimes.push(t2 - t0);
  sealTimes.push(t2 - t1);
}
const sealedCpuPerDocument = (cpuMs() - sealedCpu) / DOCS;
sealedTimes.sort((a, b) => a - b);
sealTimes.sort((a, b) => a - b);
const sealedRss = Math.round(process.resourceUsage().maxRSS / 1024);

// 1c. The same executed copy as HTML, printed by headless Chromium: a warm browser and page, a few prints first.
// Imported only now: the browser driver and the load generator would add ~90 MB to this process's peak RSS above.
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const chromiumTimes = [];
let chromiumCpu;
let chromiumPages = 0;
try {
  const page = await browser.newPage();
  const print = async () => {
    const { html, footer } = await agreementHtml(executed, certificate);
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({
      format: 'A4',
      margin: { top: '0.7778in', bottom: '1in', left: '0.6944in', right: '0.6944in' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
    });
  };
  for (let i = 0; i < 5; i++) chromiumPages = pages(await print());
  const cpuBefore = cpuMs();
  for (let i = 0; i < CHROMIUM_DOCS; i++) {
    const t0 = performance.now();
    await print();
    chromiumTimes.push(performance.now() - t0);
  }
  chromiumCpu = (cpuMs() - cpuBefore) / CHROMIUM_DOCS;
} finally {
  await browser.close();
}
chromiumTimes.sort((a, b) => a - b);
const executedRows = [
  {
    path: 'pdfkit + seal (executed copy)',
    pages: sealedPages,
    documents: DOCS,
    'median ms': Math.round(percentile(sealedTimes, 50)),
    'p95 ms': Math.round(percentile(sealedTimes, 95)),
    'of it the seal, median ms': Number(percentile(sealTimes, 50).toFixed(1)),
    'CPU ms per document': Math.round(sealedCpuPerDocument),
    'peak RSS MB': sealedRss,
  },
  {
    path: 'Chromium, warm (HTML → PDF)',
    pages: chromiumPages,
    documents: CHROMIUM_DOCS,
    'median ms': Math.round(percentile(chromiumTimes, 50)),
    'p95 ms': Math.round(percentile(chromiumTimes, 95)),
    'CPU ms per document': Math.round(chromiumCpu),
  },
];
const ratio = percentile(chromiumTimes, 50) / percentile(sealedTimes, 50);
const serviceRatio = percentile(chromiumTimes, 50) / percentile(poolTimes, 50);

// 2. The server
const { default: autocannon } = await import('autocannon');
const { base, stop, peakRssMb } = await startServer({ DATABASE_URL: '' });
try {
  const accessToken = await registerFounder(base);
  // The service's own peak RSS (the whole server: API, database, render pool) after DOCS previews, one at a time.
  const rendered = await new Promise((resolve, reject) =>
    autocannon(
      {
        url: `${base}/api/v1/templates/${longest.template.id}/preview.pdf`,
        connections: 1,
        amount: DOCS,
        headers: { authorization: `Bearer ${accessToken}` },
      },
      (e, r) => (e ? reject(e) : resolve(r)),
    ),
  );
  const serverRss = { renders: rendered['2xx'], 'server peak RSS MB': Math.round(peakRssMb()) };
  const run = (opts) =>
    new Promise((resolve, reject) => autocannon({ duration: SECONDS, ...opts }, (e, r) => (e ? reject(e) : resolve(r))));
  const health = () => run({ url: `${base}/health`, connections: 8 });
  const quiet = await health();
  const [busy, renders] = await Promise.all([
    health(),
    run({
      url: `${base}/api/v1/templates/${longest.template.id}/preview.pdf`,
      connections: 4,
      headers: { authorization: `Bearer ${accessToken}` },
    }),
  ]);
  console.log(`\n${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(
    `load average at the start: ${startLoad}, at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    '\nAs the service renders (worker thread, heap capped), first in this process; peak RSS of this process so far (templates and the pool):',
  );
  console.table([servicePath]);
  console.log(
    `The built server after ${serverRss.renders} ${longest.template.id} previews over HTTP: peak RSS ${serverRss['server peak RSS MB']} MB (target: under 300 MiB)`,
  );
  console.log('\nIn one process (main thread), bilingual:');
  console.table([inProcess]);
  console.log('\nThe executed copy (QR code on every page, signature certificate), bilingual; peak RSS of this process after both loops:');
  console.table(executedRows);
  console.log(`Chromium median / pdfkit + seal median, as the service renders (pool): ${serviceRatio.toFixed(1)}× (target: at least 4×)`);
  console.log(`Chromium median / pdfkit + seal median, on this thread: ${ratio.toFixed(1)}×`);
  console.log(
    `CPU time per document, Chromium (all its processes, and this one) / pdfkit + seal: ${(chromiumCpu / poolCpuPerDocument).toFixed(1)}× as the service renders, ${(chromiumCpu / sealedCpuPerDocument).toFixed(1)}× on this thread`,
  );
  console.log(
    `\nServer: GET /health (8 connections) alone and during a burst of ${longest.template.id} previews (4 connections), ${SECONDS} s each:`,
  );
  console.table([
    {
      load: 'health alone',
      'health p50 ms': quiet.latency.p50,
      'health p99 ms': quiet.latency.p99,
      'health req/s': Math.round(quiet.requests.average),
    },
    {
      load: 'health during renders',
      'health p50 ms': busy.latency.p50,
      'health p99 ms': busy.latency.p99,
      'health req/s': Math.round(busy.requests.average),
      'renders/s': Math.round(renders['2xx'] / SECONDS),
      'render p50 ms': renders.latency.p50,
      'render p99 ms': renders.latency.p99,
    },
  ]);
} finally {
  await stop();
}
