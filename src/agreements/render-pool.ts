import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AgreementDocument } from './document.js';
import { type LayoutLanguage, renderAgreementPdf, type SignatureCertificate } from './pdf-layout.js';

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Renders PDFs on worker threads (one fewer than the cores, at least one), so a burst of renders does not stall the
 * API. Run from TypeScript sources (ts-jest) there is no compiled worker file: it renders on the calling thread.
 */
@Injectable()
export class RenderPool implements OnModuleDestroy {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;

  constructor() {
    const script = new URL('./render-worker.js', import.meta.url);
    if (!import.meta.url.endsWith('.js')) return;
    for (let i = 0; i < Math.max(1, availableParallelism() - 1); i++) {
      const worker = new Worker(script);
      worker.on('message', ({ id, pdf, error }: { id: number; pdf?: Uint8Array; error?: string }) => {
        const job = this.pending.get(id);
        this.pending.delete(id);
        if (error !== undefined) job?.reject(new Error(`render failed: ${error}`));
        else job?.resolve(Buffer.from(pdf!.buffer, pdf!.byteOffset, pdf!.byteLength));
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  render(document: AgreementDocument, lang: LayoutLanguage, certificate?: SignatureCertificate): Promise<Buffer> {
    if (this.workers.length === 0) return renderAgreementPdf(document, lang, certificate);
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, document, lang, certificate });
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
