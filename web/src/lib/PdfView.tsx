// pdf.js, in its own chunk: only the agreement screen loads it. Its worker is bundled as an asset of the app, so it comes
// from the app's own origin (the Content-Security-Policy allows no other script source).
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

let worker: Worker | null = null;
const ensureWorker = (): void => {
  if (!worker) GlobalWorkerOptions.workerPort = worker = new PdfWorker();
};

/** The pages of a PDF drawn in the page, as wide as the column; the text stays with the download links beside it. */
export default function PdfView({ data, label }: { data: ArrayBuffer; label: string }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let doc: PDFDocumentProxy | null = null;
    ensureWorker();
    // pdf.js takes the buffer over; a copy keeps the caller's for re-renders. No eval: the CSP forbids it.
    const task = getDocument({ data: data.slice(0), isEvalSupported: false, enableXfa: false });
    void (async () => {
      try {
        doc = await task.promise;
        const el = holder.current;
        if (cancelled || !el) return;
        el.replaceChildren();
        const width = el.clientWidth || 320;
        for (let n = 1; n <= doc.numPages && !cancelled; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const ratio = window.devicePixelRatio || 1;
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = '100%';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('agreement.pageOf', { n, total: doc.numPages }));
          el.append(canvas);
          await page.render({ canvas, viewport }).promise;
        }
        if (!cancelled) setPages(doc.numPages);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [data, t]);

  return (
    <figure className="pdf">
      {failed && <p className="error-note">{t('agreement.pdfFailed')}</p>}
      {pages === null && !failed && (
        <p className="hint" role="status">
          {t('agreement.drawing')}
        </p>
      )}
      {/* The pages scroll inside their frame (keyboard too), so the page around them stays short. */}
      <div ref={holder} className="pdf-pages" data-pages={pages ?? undefined} role="region" aria-label={label} tabIndex={0} />
    </figure>
  );
}
