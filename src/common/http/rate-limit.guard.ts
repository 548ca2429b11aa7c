import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../clock.js';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

const RATE_LIMIT_BUCKET = 'kolabora:rate-limit-bucket';
const WINDOW_MS = 60_000;

type Limit = 'authRateLimit' | 'verifyRateLimit';

/**
 * Counts this route's requests per client IP against a per-minute limit of the configuration (AUTH_RATE_LIMIT unless
 * told); routes sharing a bucket share a count.
 */
export const RateLimited = (bucket: string, limit: Limit = 'authRateLimit'): MethodDecorator =>
  SetMetadata(RATE_LIMIT_BUCKET, { bucket, limit });

/**
 * Fixed one-minute windows per (bucket, IP), in this process's memory.
 * Behind several instances each counts on its own, so the effective limit is the per-instance limit times the instances.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const route = this.reflector.get<{ bucket: string; limit: Limit } | undefined>(RATE_LIMIT_BUCKET, context.getHandler());
    if (!route) return true;
    const { bucket, limit } = route;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const now = this.clock.now().getTime();
    const key = `${bucket}|${request.ip}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.forgetExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.config[limit]) return true;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    void http.getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds));
    throw new DomainException(ErrorCode.RATE_LIMITED, `Too many requests; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
