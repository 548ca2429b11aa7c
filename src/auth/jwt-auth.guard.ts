import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { UserEntity } from '../users/user.entity.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { IS_PUBLIC, OPTIONAL_AUTH } from '../common/http/public.decorator.js';

const unauthenticated = (message: string): DomainException => new DomainException(ErrorCode.UNAUTHENTICATED, message);

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [context.getHandler(), context.getClass()]);
    if (optional && !request.headers.authorization) return true;
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('A bearer token is required');
    let userId: string;
    try {
      ({ sub: userId } = await this.jwt.verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] }));
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    request.user = await this.knownUser(userId);
    return true;
  }

  // Accounts are never deleted, so a user once found stays valid; caching saves a query on every request.
  private readonly cache = new Map<string, AuthenticatedUser>();

  private async knownUser(userId: string): Promise<AuthenticatedUser> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw unauthenticated('The bearer token is invalid or expired');
    if (this.cache.size >= 10_000) this.cache.clear();
    const known = { id: user.id, email: user.email, name: user.name };
    this.cache.set(userId, known);
    return known;
  }
}
