import { lookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './addresses.js';

export const TIMEOUT_MS = 10_000;
// Connections kept open between messages to a receiver; a new one is made only to an address checked just before.
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 16 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
};
const RESPONSE_KEPT = 1024;

export interface Attempt {
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first 1 KB of the response body. */
  response: string | null;
  error: string | null;
}

/** Why a URL may not be a webhook's, or null when it may (http/https, no credentials, a host). */
export function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) return 'url must be an http:// or https:// URL';
  if (parsed.username || parsed.password) return 'url must not carry credentials';
  if (!parsed.hostname) return 'url must name a host';
  return null;
}

/**
 * The address to connect to: every address the host resolves to must be public (unless private ones are allowed), and
 * the connection goes to the one checked here, so a second DNS answer cannot swap in another (DNS rebinding).
 */
export async function resolveAllowed(url: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused && !allowPrivate)
    throw new AddressRefused(`${host} resolves to ${refused.address}, a private, loopback or link-local address`);
  return addresses[0];
}

export class AddressRefused extends Error {}

/** One POST of a signed message: 2xx is success; anything else, a redirect included (not followed), is a failure. */
export async function post(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<Attempt> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const target = new URL(url);
  let pinned: { address: string; family: number };
  try {
    pinned = await resolveAllowed(target, allowPrivate);
  } catch (error) {
    return { succeeded: false, statusCode: null, latencyMs: elapsed(), response: null, error: (error as Error).message.slice(0, 500) };
  }
  // Node asks with `all` set when it tries several addresses (autoSelectFamily): both answers give the checked one.
  const pinnedLookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    // A connection whose answer was read to its end stays open for the next message; any other is closed.
    const finish = (attempt: Omit<Attempt, 'latencyMs'>, complete = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!complete) request.destroy();
      resolve({ ...attempt, latencyMs: elapsed() });
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Kolabora-Webhooks/1',
        },
        lookup: pinnedLookup,
        agent: AGENTS[target.protocol as keyof typeof AGENTS],
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = (complete: boolean): void => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).subarray(0, RESPONSE_KEPT).toString('utf8');
          const ok = status >= 200 && status < 300;
          finish(
            {
              succeeded: ok,
              statusCode: status,
              response: text,
              error: ok ? null : status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`,
            },
            complete,
          );
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          if (kept >= RESPONSE_KEPT) done(false); // the rest is not read
        });
        response.on('end', () => done(true));
        response.on('error', () => done(false));
      },
    );
    const timer = setTimeout(
      () => finish({ succeeded: false, statusCode: null, response: null, error: `no answer within ${TIMEOUT_MS / 1000} s` }),
      TIMEOUT_MS,
    );
    request.on('error', (error) => finish({ succeeded: false, statusCode: null, response: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}
