import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { normalizeEmail } from '../common/email.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { sql } from '../database/sql.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { OrganizationsService, toOrganizationResponse } from '../organizations/organizations.service.js';
import { toUserResponse } from '../users/dto/user.dto.js';
import { UserEntity } from '../users/user.entity.js';
import type { ChangePasswordDto, LoginDto, RegisterDto, RegisterResponseDto, TokenResponseDto } from './dto/auth.dto.js';
import { hashForUnknownUser, hashPassword, verifyPassword } from './password.js';

const emailTaken = (): DomainException =>
  new DomainException(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists', { field: 'email' });

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  /** User, organization and ownership in one transaction: never one without the others. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    const email = normalizeEmail(dto.email);
    const passwordHash = await hashPassword(dto.password);
    try {
      const { user, organization } = await this.dataSource.transaction(async (em) => {
        if (await em.existsBy(UserEntity, { email })) throw emailTaken();
        const now = this.clock.now();
        const user = em.create(UserEntity, { id: randomUUID(), email, passwordHash, name: dto.name, createdAt: now, updatedAt: now });
        await em.insert(UserEntity, user);
        const organization = await this.organizations.createWithOwner(em, dto.organization, user.id);
        return { user, organization };
      });
      return {
        accessToken: await this.tokenFor(user.id, 0),
        user: toUserResponse(user),
        organization: toOrganizationResponse(organization, { nib: null, ktp: null, npwp: null, ownerNik: null }), // none yet
      };
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(); // a concurrent registration with the same email won
      throw error;
    }
  }

  /** Same answer, and about the same time, whether the email or the password was wrong. */
  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalizeEmail(dto.email) });
    const matches = await verifyPassword(dto.password, user?.passwordHash ?? (await hashForUnknownUser()));
    if (!user || !matches) throw new DomainException(ErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect');
    return { accessToken: await this.tokenFor(user.id, user.tokenVersion) };
  }

  /** Every token the user holds is refused from the next request on, on every instance. */
  async logout(userId: string): Promise<void> {
    await this.dataSource.transaction((em) => this.revokeTokens(em, userId));
  }

  /** With the current password: the new one replaces it, earlier tokens are revoked, and this session gets a new token. */
  async changePassword(userId: string, dto: ChangePasswordDto): Promise<TokenResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId });
    if (!(await verifyPassword(dto.currentPassword, user.passwordHash))) {
      const problem = 'currentPassword is incorrect';
      throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'currentPassword', problems: [problem] }] });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    return this.dataSource.transaction((em) => this.setPassword(em, userId, passwordHash));
  }

  /** In the caller's transaction: the password hash replaced, earlier tokens revoked; a token of the new version. */
  async setPassword(em: EntityManager, userId: string, passwordHash: string): Promise<TokenResponseDto> {
    await em.update(UserEntity, { id: userId }, { passwordHash });
    return { accessToken: await this.tokenFor(userId, await this.revokeTokens(em, userId)) };
  }

  /** Raises the user's token version (tokens carry it as `ver`); returns the new one. */
  private async revokeTokens(em: EntityManager, userId: string): Promise<number> {
    await sql(em)`UPDATE users SET token_version = token_version + 1, updated_at = ${this.clock.now()} WHERE id = ${userId}`;
    const { records } = await sql(em)<{ token_version: number }>`SELECT token_version FROM users WHERE id = ${userId}`;
    return Number(records[0].token_version);
  }

  private tokenFor(userId: string, version: number): Promise<string> {
    return this.jwt.signAsync({ sub: userId, ver: version });
  }
}
