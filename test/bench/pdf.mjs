// npm run bench:pdf — how fast agreements render, and whether the API keeps answering while they do.
// 1. In one process: the longest template (most pages, bilingual) rendered BENCH_DOCS times (default 100):
//    median and p95 ms per document, documents/s, peak RSS.
// 2. The built server: GET /health p99 alone, then again during a burst of preview renders (which run on the
//    render pool's worker threads), for BENCH_SECONDS (default 10) each.
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { renderAgreementPdf } from '../../dist/src/agreements/pdf-layout.js';
import { TemplateRegistry } from '../../dist/src/agreements/template-registry.js';
import { registerFounder, startServer } from './server.mjs';

const DOCS = Number(process.env.BENCH_DOCS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// 1. In process
const registry = new TemplateRegistry();
const candidates = [];
for (const template of registry.list()) {
  const document = registry.document(template, template.sample, new Date(`${template.sample.agreement.date}T00:00:00Z`));
  candidates.push({ template, document, pages: pages(await renderAgreementPdf(document, 'bilingual')) });
}
const longest = candidates.sort((a, b) => b.pages - a.pages)[0];
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

// 2. The server
const { base, stop } = await startServer({ DATABASE_URL: '' });
try {
  const accessToken = await registerFounder(base);
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
  console.log('\nIn one process (main thread), bilingual:');
  console.table([inProcess]);
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
