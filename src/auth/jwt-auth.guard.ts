import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { UserEntity } from '../users/user.entity.js';
import { IS_PUBLIC } from './public.decorator.js';

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
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('A bearer token is required');
    let userId: string;
    try {
      ({ sub: userId } = await this.jwt.verifyAsync<{ sub: string }>(token, { algorithms: ['HS256'] }));
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    // A token outlives nothing: a deleted account stops working at once.
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw unauthenticated('The bearer token is invalid or expired');
    request.user = { id: user.id, email: user.email, name: user.name };
    return true;
  }
}
