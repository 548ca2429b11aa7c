import { parentPort } from 'node:worker_threads';
import type { AgreementDocument } from './document.js';
import type { LayoutLanguage } from '../documents/bilingual.js';
import { renderAgreementPdf, type SignatureCertificate } from './pdf-layout.js';

interface RenderJob {
  id: number;
  document: AgreementDocument;
  lang: LayoutLanguage;
  certificate?: SignatureCertificate;
}

// A render pool thread: lays out PDFs so that the API's event loop keeps answering while documents render.
parentPort?.on('message', (job: RenderJob) => {
  // Promise.resolve().then: a synchronous throw becomes a reported failure, not a dead thread.
  Promise.resolve()
    .then(() => renderAgreementPdf(job.document, job.lang, job.certificate))
    .then(
      (pdf) => parentPort!.postMessage({ id: job.id, pdf }),
      (error: Error) => parentPort!.postMessage({ id: job.id, error: error.message }),
    );
});
