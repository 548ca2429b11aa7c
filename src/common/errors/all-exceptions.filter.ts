import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './error-response.js';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const errorBody = toErrorBody(error, request.log);
    // A limit that says when it lifts says it in the standard header too.
    const retryAfter = errorBody.details?.retryAfterSeconds;
    if (errorBody.statusCode === 429 && typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
    void reply.status(errorBody.statusCode).send(errorBody);
  }
}
