import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: number;
  signatures: string[];
  /** Which of the receiver's secrets signed it (index into `secrets`), each checked by hand against the HMAC. */
  verifiedBy: number[];
  body: { type: string; timestamp: string; data: Record<string, any> };
  raw: string;
}

const expected = (secret: string, id: string, timestamp: string, body: string): Buffer =>
  createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest();

/**
 * A real HTTP receiver as a subscriber would write one: it verifies every Standard Webhooks signature against the
 * secrets it knows and records what it got. It can be stopped (connections refused) and started again on its port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Messages whose signature matched none of the secrets: a test expects none. */
  readonly forged: string[] = [];
  secrets: string[] = [];
  /** How it answers; a test swaps it for failures, redirects or long bodies. */
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200).end('ok');
  /** Stops itself right after answering the n-th message (mid-stream), when set. */
  stopAfter: number | null = null;
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.record(req, Buffer.concat(chunks).toString('utf8'));
        this.answer(req, res);
        if (this.stopAfter !== null && this.received.length >= this.stopAfter) {
          this.stopAfter = null;
          void this.stop();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get running(): boolean {
    return this.server !== null;
  }

  private record(req: IncomingMessage, raw: string): void {
    const id = String(req.headers['webhook-id']);
    const timestamp = String(req.headers['webhook-timestamp']);
    const signatures = String(req.headers['webhook-signature'] ?? '').split(' ');
    const verifiedBy = this.secrets.flatMap((secret, index) => {
      const want = expected(secret, id, timestamp, raw);
      const ok = signatures.some((s) => {
        const [version, value] = s.split(',');
        const got = Buffer.from(value ?? '', 'base64');
        return version === 'v1' && got.length === want.length && timingSafeEqual(got, want);
      });
      return ok ? [index] : [];
    });
    if (verifiedBy.length === 0) this.forged.push(id);
    this.received.push({ id, timestamp: Number(timestamp), signatures, verifiedBy, body: JSON.parse(raw), raw });
  }

  /** The messages of one type (and collaboration), in the order they arrived. */
  of(type: string, collaborationId?: string): Received[] {
    return this.received.filter((r) => r.body.type === type && (!collaborationId || r.body.data.collaborationId === collaborationId));
  }
}
