import { parentPort } from 'node:worker_threads';
import type { AgreementDocument } from './document.js';
import type { LayoutLanguage } from '../documents/bilingual.js';
import { renderAgreementPdf, type SignatureCertificate } from './pdf-layout.js';
import type { SealKey } from '../config/seal-key.js';
import { sealPdf } from '../documents/pdf-seal.js';
import { type TextPair, wordDiffs } from './word-diff.js';

interface RenderJob {
  id: number;
  kind?: undefined;
  document: AgreementDocument;
  lang: LayoutLanguage;
  certificate?: SignatureCertificate;
  seal?: Seal;
}

/** What an executed copy is sealed with: the service's key, the signing time and the reason a reader shows. */
export interface Seal {
  key: SealKey;
  at: Date;
  reason: string;
}
interface DiffJob {
  id: number;
  kind: 'diff';
  pairs: TextPair[];
}

// async: a synchronous throw becomes a reported failure, not a dead thread.
const work = async (job: RenderJob | DiffJob): Promise<object> => {
  if (job.kind === 'diff') return { result: wordDiffs(job.pairs) };
  const pdf = await renderAgreementPdf(job.document, job.lang, job.certificate);
  return { pdf: job.seal ? sealPdf(pdf, job.seal.key, job.seal.at, job.seal.reason) : pdf };
};

// A render pool thread: lays out PDFs, and diffs versions, so that the API's event loop keeps answering meanwhile.
parentPort?.on('message', (job: RenderJob | DiffJob) => {
  work(job).then(
    (answer) => parentPort!.postMessage({ id: job.id, ...answer }),
    (error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }),
  );
});
