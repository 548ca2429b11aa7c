import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import type { Clock } from './common/clock.js';
import { consoleShell, serveConsole } from './console/console.js';
import { setupDocs } from './docs/docs.js';
import { maskInvitationTokens } from './invitations/invitation-links.js';
import { AgreementsService } from './agreements/agreements.service.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { toErrorBody } from './common/errors/error-response.js';
import { DomainException, ErrorCode } from './common/errors/domain.exception.js';
import { exceedsJsonDepth, jsonTooDeep } from './common/http/json-depth.js';
import { digestBody } from './common/http/pdf-body.js';
import { RejectNulPipe } from './common/http/reject-nul.pipe.js';
import { createValidationPipe } from './common/http/validation.js';
import { AccessLog, createLogger, NestPinoLogger } from './common/logging/logger.js';
import type { AppConfig } from './config/app-config.js';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;
const PDF_LIMIT_BYTES = 20 * 1024 * 1024;
// An incoming X-Request-Id is kept only if it is a plain token, so it cannot forge log lines.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

type Fastify = ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance'] extends () => infer F ? F : never;

/**
 * A request with a method the path does not have gets 405 METHOD_NOT_ALLOWED with `Allow` listing the methods it has,
 * instead of 404. Every route is recorded as it is added (before Nest registers its routes); a request that matched no
 * route is compared against them before the not-found handler runs.
 */
function answerUnsupportedMethods(fastify: Fastify): void {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  fastify.addHook('onRoute', (route) => {
    // `:name` (or `:name(regex)`) is one path segment, or part of one; `*` is the rest of the path.
    const source = route.url
      .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)
      .map((part, i) => (i % 2 === 1 ? (part === '*' ? '.*' : '[^/]+') : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const pattern = new RegExp(`^${source}$`);
    let entry = routes.find((r) => r.pattern.source === pattern.source);
    if (!entry) routes.push((entry = { pattern, methods: new Set() }));
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    const allowed = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]));
    if (allowed.size === 0 || allowed.has(request.method)) return;
    const allow = [...allowed].sort().join(', ');
    const body = toErrorBody(
      new DomainException(ErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not allowed here; allowed: ${allow}`),
      request.log,
    );
    return reply.status(405).header('allow', allow).send(body);
  });
}

/** Builds the whole application exactly as production runs it; main.ts and the e2e tests both call this. */
export async function createApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream; clock?: Clock } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const accessLog = new AccessLog(maskInvitationTokens); // an invitation link's token is a credential: never in the log
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: accessLog,
    requestIdHeader: false,
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // Errors Fastify raises before routing (a malformed URL, a path parameter over 100 characters) get the same JSON
    // body as every other error. Fastify runs no hooks and writes no access line for these requests: do both here.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const body = toErrorBody(error, request.log);
      reply.raw.once('finish', () => accessLog.requestCompleted(null, request, reply));
      void reply.status(body.statusCode).header('x-request-id', request.id).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false, // throw to the caller (main.ts logs and exits 1) instead of exiting the process here
  });

  const fastify = app.getHttpAdapter().getInstance();
  answerUnsupportedMethods(fastify);
  // JSON bodies: Fastify's parser (proto-poisoning refused), after a depth check that needs no recursion. Registered
  // here, Nest's own JSON parser is not added at init.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    if (exceedsJsonDepth(body)) done(jsonTooDeep(), undefined);
    else void parseJson(request, body.toString('utf8'), done);
  });
  // PDFs to verify arrive as the raw body, up to 20 MiB; they are hashed as they arrive, never held whole (pdf-body.ts).
  fastify.addContentTypeParser('application/pdf', (request, payload, done) =>
    digestBody(payload, PDF_LIMIT_BYTES, Number(request.headers['content-length']), done),
  );
  // RFC 8058 one-click unsubscribe posts a form body (List-Unsubscribe=One-Click), which it does not need to read. No other
  // route takes a form: without this Nest would parse urlencoded bodies for every route.
  const formBody = (request: FastifyRequest, done: (error: Error | null, body?: unknown) => void): void => {
    if (request.url.startsWith(`/${API_PREFIX}/unsubscribe/`)) return done(null, {});
    const type = String(request.headers['content-type'] ?? '').split(';')[0];
    done(Object.assign(new Error(`Unsupported Media Type: ${type}`), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }));
  };
  app.useBodyParser<Server>('application/x-www-form-urlencoded', { bodyLimit: 16_384 }, (request, _body, done) => formBody(request, done));
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 16_384 }, (request, _body, done) =>
    formBody(request, done),
  );
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Swagger UI at /docs sets inline styles
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null, // http://localhost must keep loading /docs assets over http
      },
    },
  });

  serveConsole(fastify);

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(new RejectNulPipe(), createValidationPipe());
  app.enableShutdownHooks();

  setupDocs(app);
  // The page behind an invitation link sits at $PUBLIC_URL/invitations/<token>, outside the API prefix: the console's
  // invitation screen, with the invitation's text (and the 404/410 status) already in the page.
  fastify.get<{ Params: { token: string } }>('/invitations/:token', async (request, reply) => {
    const shell = (await consoleShell()) ?? undefined;
    const { status, html } = await app.get(InvitationsService).page(request.params.token, shell);
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  // The public page behind the QR code on every page of an agreement: $PUBLIC_URL/v/<content fingerprint>.
  fastify.get<{ Params: { fingerprint: string } }>('/v/:fingerprint', async (request, reply) => {
    const { status, html } = await app.get(AgreementsService).publicPage(request.params.fingerprint);
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
  await app.init();
  await fastify.ready();
  return app;
}
