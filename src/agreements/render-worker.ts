import { parentPort } from 'node:worker_threads';
import type { AgreementDocument } from './document.js';
import type { LayoutLanguage } from '../documents/bilingual.js';
import { renderAgreementPdf, type SignatureCertificate } from './pdf-layout.js';
import { type TextPair, wordDiffs } from './word-diff.js';

interface RenderJob {
  id: number;
  kind?: undefined;
  document: AgreementDocument;
  lang: LayoutLanguage;
  certificate?: SignatureCertificate;
}
interface DiffJob {
  id: number;
  kind: 'diff';
  pairs: TextPair[];
}

// async: a synchronous throw becomes a reported failure, not a dead thread.
const work = async (job: RenderJob | DiffJob): Promise<object> =>
  job.kind === 'diff' ? { result: wordDiffs(job.pairs) } : { pdf: await renderAgreementPdf(job.document, job.lang, job.certificate) };

// A render pool thread: lays out PDFs, and diffs versions, so that the API's event loop keeps answering meanwhile.
parentPort?.on('message', (job: RenderJob | DiffJob) => {
  work(job).then(
    (answer) => parentPort!.postMessage({ id: job.id, ...answer }),
    (error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }),
  );
});
