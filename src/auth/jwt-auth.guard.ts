import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { sql } from '../database/sql.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { IS_PUBLIC, OPTIONAL_AUTH } from '../common/http/public.decorator.js';
import { CSRF_HEADER, isSafeMethod, sessionCookie } from './session-cookie.js';

const unauthenticated = (message: string): DomainException => new DomainException(ErrorCode.UNAUTHENTICATED, message);

/**
 * Global guard: every route needs a valid bearer token, or the console's session cookie (session-cookie.ts), unless
 * marked @Public(). A bearer token wins when both are sent; a cookie-authenticated write needs the CSRF header.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [context.getHandler(), context.getClass()]);
    const cookie = request.headers.authorization ? undefined : sessionCookie(request);
    if (optional && !request.headers.authorization && !cookie) return true;
    const token = cookie ?? this.bearerToken(request);
    if (cookie && !isSafeMethod(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw unauthenticated(`A write with the session cookie needs the header X-Kolabora-CSRF: 1`);
    }
    try {
      request.user = await this.userOf(token);
    } catch (error) {
      if (optional && cookie) return true; // a stale console session on a route that answers anyone: answer as to anyone
      throw error;
    }
    return true;
  }

  private async userOf(token: string): Promise<AuthenticatedUser> {
    let claims: { sub: string; ver?: number };
    try {
      claims = await this.jwt.verifyAsync<{ sub: string; ver?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    return this.currentUser(claims.sub, claims.ver ?? 0);
  }

  private bearerToken(request: FastifyRequest): string {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('A bearer token is required');
    return token;
  }

  /**
   * The user, read on every request (one primary-key lookup), never cached: a logout or password change on any instance
   * raises the user's token version, and every earlier token is refused from the next request on.
   */
  private async currentUser(userId: string, version: number): Promise<AuthenticatedUser> {
    const { records } = await sql(this.dataSource)<AuthenticatedUser & { token_version: number }>`
      SELECT id, email, name, token_version FROM users WHERE id = ${userId}`;
    const user = records[0];
    if (!user || Number(user.token_version) !== version) throw unauthenticated('The bearer token is invalid or expired');
    return { id: user.id, email: user.email, name: user.name };
  }
}
