import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { DomainException, ERROR_STATUS, ErrorCode } from './domain.exception.js';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  errorId?: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.INVALID_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.INVALID_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.BAD_REQUEST,
};

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
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
  if (error instanceof DomainException) return body(error.code, error.message, error.details);

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status];
    if (code) return body(code, error.message);
  }

  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  const fastifyCode = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (fastifyCode === ErrorCode.INVALID_JSON) return body(fastifyCode, 'Request body is not valid JSON');
  if (fastifyCode === ErrorCode.PAYLOAD_TOO_LARGE) return body(fastifyCode, 'Request body is larger than 1 MiB');
  if (fastifyCode) return body(fastifyCode, fastifyError.message ?? 'Bad request');
  // Other client errors raised by Fastify itself (status 4xx) carry safe messages.
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500 && STATUS_CODES[status] && fastifyError.code?.startsWith('FST_')) {
    return body(STATUS_CODES[status]!, fastifyError.message ?? 'Bad request');
  }

  const errorId = randomUUID();
  log.error({ err: error, errorId }, 'unhandled error');
  return { ...body(ErrorCode.INTERNAL, `Internal error; quote errorId ${errorId} when reporting it`), errorId };
}
