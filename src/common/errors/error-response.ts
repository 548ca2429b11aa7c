import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { DomainException, ERROR_STATUS, ErrorCode } from './domain.exception.js';

export interface ErrorBody {
  [extra: string]: unknown;
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  errorId?: string;
}

// Fastify's body errors that deserve their own code; its other 4xx errors map by status below.
const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [ErrorCode.INVALID_JSON, 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [ErrorCode.INVALID_JSON, 'Request body is empty but content-type is application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large (JSON: 1 MiB; PDF: 20 MiB)'],
  // Its own message quotes the whole path, which may hold an invitation token.
  FST_ERR_MAX_PARAM_LENGTH: [ErrorCode.URI_TOO_LONG, 'A path segment is longer than 100 characters'],
};

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URI_TOO_LONG,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { statusCode: ERROR_STATUS[code], code, message, ...(details ? { details } : {}) };
}

/**
 * Maps anything thrown while serving a request to the public error body.
 * Only DomainException and known framework errors say what went wrong; everything else is a 500 with an errorId
 * that is logged with the stack, so no stack or SQL reaches a client.
 */
export function toErrorBody(error: unknown, log: FastifyBaseLogger): ErrorBody {
  if (error instanceof DomainException) return { ...error.top, ...body(error.code, error.message, error.details) };

  // Nest wraps Fastify's own 4xx errors (malformed JSON, body too large) in an HttpException with the original as cause.
  const fastifyError = (error instanceof HttpException ? error.cause : error) as { code?: string } | undefined;
  const known = fastifyError?.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) return body(...known);

  // Framework errors: Nest's HttpExceptions, and Fastify's own errors outside Nest (a malformed URL, a path parameter
  // over 100 characters), which carry a status and a safe message. Every client error keeps a 4xx: one without a code of
  // its own is a BAD_REQUEST, never a 500.
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : fastifyError?.code?.startsWith('FST_')
        ? (error as { statusCode?: number }).statusCode
        : undefined;
  if (status !== undefined) {
    const code = STATUS_CODES[status] ?? (status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : undefined);
    if (code) return body(code, (error as Error).message);
  }

  const errorId = randomUUID();
  log.error({ err: error, errorId }, 'unhandled error');
  return { ...body(ErrorCode.INTERNAL, `Internal error; quote errorId ${errorId} when reporting it`), errorId };
}
