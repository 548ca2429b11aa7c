import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SIGNED_IN_COOKIE } from '../auth/session-cookie.js';
import { WEB_DIR } from '../common/paths.js';

type Fastify = ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance'] extends () => infer F ? F : never;

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
// Paths the service answers itself; everything else without a file extension is a page of the console.
const SERVICE_PATHS = /^\/(api|docs|docs-json|health|invitations|v)(\/|$)/;
const ASSET_NAME = /^[A-Za-z0-9_.-]+$/;
const SIGNED_IN = new RegExp(`(^|;\\s*)${SIGNED_IN_COOKIE}=1(;|$)`);

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kolabora</title></head>
<body><p>The web console is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it).</p></body></html>`;

const ROOT = '<div id="root"></div>';

/**
 * The console's page with `body` inside its root, shown until the script takes over (and all there is without script);
 * null while the console is not built.
 */
export async function consoleShell(): Promise<((body: string) => string) | null> {
  const page = await readFile(join(WEB_DIR, 'index.html'), 'utf8').catch(() => null);
  if (!page?.includes(ROOT)) return null;
  return (body) => page.replace(ROOT, () => `<div id="root">${body}</div>`);
}

/**
 * The web console (web/, built into dist/web): hashed assets under /assets, cached for good, and index.html for any
 * other GET no route answers (the console's own URLs, so deep links and reloads work). Added after helmet, so the
 * page carries the Content-Security-Policy; a wrong method on an API path still gets its 405 first.
 */
export function serveConsole(fastify: Fastify): void {
  fastify.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const type = TYPES[extname(file)];
    if (!type || !ASSET_NAME.test(file)) return reply.callNotFound();
    const path = join(WEB_DIR, 'assets', file);
    const accepts = String(request.headers['accept-encoding'] ?? '');
    // The build leaves .br and .gz copies beside each file (web/vite.config.ts): send the smallest the client takes.
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
      [null, ''],
    ] as const) {
      if (encoding && !new RegExp(`\\b${encoding}\\b`).test(accepts)) continue;
      const body = await readFile(path + suffix).catch(() => null);
      if (!body) continue;
      if (encoding) void reply.header('content-encoding', encoding);
      return reply.type(type).header('vary', 'accept-encoding').header('cache-control', 'public, max-age=31536000, immutable').send(body);
    }
    return reply.callNotFound();
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const path = request.url.split('?')[0];
    if (SERVICE_PATHS.test(path) || extname(path) !== '') return;
    const page = await readFile(join(WEB_DIR, 'index.html'), 'utf8').catch(() => NOT_BUILT);
    // A signed-in visit to Home: its API reads start with the page (web/index.html lists them), not after the script.
    const home = path === '/' && SIGNED_IN.test(String(request.headers.cookie ?? ''));
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'cookie') // the page differs for a signed-in visit
      .send(home ? page.replaceAll('rel="kolabora-home-preload"', 'rel="preload"') : page);
  });
}
