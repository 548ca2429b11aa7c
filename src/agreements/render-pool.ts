import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AgreementDocument } from './document.js';
import type { LayoutLanguage } from '../documents/bilingual.js';
import type { Seal } from './render-worker.js';
import { renderAgreementPdf, type SignatureCertificate } from './pdf-layout.js';
import { sealPdf } from '../documents/pdf-seal.js';
import { type Change, type TextPair, wordDiffs } from './word-diff.js';

interface Job {
  id: number;
  message: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const RENDER_TIMEOUT_MS = 60_000;
// A render needs a few MB live; without a cap V8 lets a busy worker's heap grow to hundreds of MB of garbage first.
const RENDER_HEAP_MB = 128;

/**
 * Renders PDFs, and diffs agreement versions, on worker threads (one fewer than the cores, at least one), so a burst
 * of renders or a large diff does not stall the API. A worker that dies fails its own jobs and is replaced; a job that
 * takes too long fails. Run from TypeScript sources (ts-jest) there is no compiled worker file, so it works on the
 * calling thread there.
 */
@Injectable()
export class RenderPool implements OnModuleDestroy {
  private readonly logger = new Logger(RenderPool.name);
  private readonly slots: Array<{ worker: Worker; jobs: Map<number, Job> }> = [];
  private nextId = 0;
  private nextSlot = 0;
  private closing = false;

  constructor(
    private readonly script: URL | null = import.meta.url.endsWith('.js') ? new URL('./render-worker.js', import.meta.url) : null,
    size = Math.max(1, availableParallelism() - 1),
  ) {
    if (!script) return;
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  get threads(): number {
    return this.slots.length;
  }

  /** With `seal`, the PDF is sealed (pdf-seal.ts) on the same thread, as one job. */
  async render(document: AgreementDocument, lang: LayoutLanguage, certificate?: SignatureCertificate, seal?: Seal): Promise<Buffer> {
    if (this.slots.length > 0) return this.dispatch({ document, lang, certificate, seal });
    const pdf = await renderAgreementPdf(document, lang, certificate);
    return seal ? sealPdf(pdf, seal.key, seal.at, seal.reason) : pdf;
  }

  /** Word diffs of each pair within the diff budget (word-diff.ts), or null beyond it. */
  diff(pairs: TextPair[]): Promise<Change[][] | null> {
    if (this.slots.length === 0) return Promise.resolve(wordDiffs(pairs));
    return this.dispatch({ kind: 'diff', pairs });
  }

  /** Sends a job to the next worker; exposed for tests of the pool itself. */
  dispatch<T = Buffer>(message: object): Promise<T> {
    const slot = this.slots[this.nextSlot++ % this.slots.length];
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.jobs.delete(id);
        reject(new Error(`render timed out after ${RENDER_TIMEOUT_MS} ms`));
      }, RENDER_TIMEOUT_MS);
      timer.unref();
      slot.jobs.set(id, { id, message, resolve: resolve as (value: unknown) => void, reject, timer });
      slot.worker.postMessage({ ...message, id });
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const slot of this.slots) this.failAll(slot.jobs, new Error('the render pool is shutting down'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private start(): { worker: Worker; jobs: Map<number, Job> } {
    const slot = {
      worker: new Worker(this.script!, { resourceLimits: { maxOldGenerationSizeMb: RENDER_HEAP_MB } }),
      jobs: new Map<number, Job>(),
    };
    slot.worker.on('message', ({ id, pdf, result, error }: { id: number; pdf?: Uint8Array; result?: unknown; error?: string }) => {
      const job = slot.jobs.get(id);
      if (!job) return;
      slot.jobs.delete(id);
      clearTimeout(job.timer);
      if (error !== undefined) job.reject(new Error(`render failed: ${error}`));
      else job.resolve(pdf ? Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) : result);
    });
    // A crashed worker must not take the API down: fail its jobs and put a new worker in its place.
    slot.worker.on('error', (error) => this.logger.error(`render worker failed: ${error.message}`));
    slot.worker.on('exit', (code) => {
      this.failAll(slot.jobs, new Error(`render worker exited (${code})`));
      if (this.closing) return;
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots[index] = this.start();
    });
    slot.worker.unref();
    return slot;
  }

  private failAll(jobs: Map<number, Job>, error: Error): void {
    for (const job of jobs.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    jobs.clear();
  }
}
