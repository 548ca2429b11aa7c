import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/** One JSON line per event on stdout; Fastify binds `reqId` on request loggers, so request lines carry X-Request-Id. */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kolabora' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A failed query carries its parameters (password hashes, emails, KTP numbers): never log them.
      redact: { paths: ['err.parameters', 'err.driverError', 'err.detail'], censor: '[redacted]' },
    },
    destination,
  );
}

/** Routes Nest's own messages (bootstrap, module init) into the same JSON log. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

/** One access line per request, when it completes (Fastify's default is two, with whole request and reply objects). */
export class AccessLog extends LogController {
  /** `maskUrl` hides credentials that features put in paths (an invitation link's token); the app passes it at start-up. */
  constructor(private readonly maskUrl: (url: string) => string = (url) => url) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const url = this.maskUrl(request.url);
    const line = { method: request.method, url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
