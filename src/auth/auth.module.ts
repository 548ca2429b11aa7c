import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UserEntity } from '../users/user.entity.js';
import { AuthController, SessionController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { RateLimitGuard } from '../common/http/rate-limit.guard.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    OrganizationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not a string: given a string, jsonwebtoken first tries (and fails) to parse it as a public
        // key on every verify, which was a fifth of the CPU time of a request.
        secret: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwt.ttlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, SessionController],
  providers: [AuthService, RateLimitGuard, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
