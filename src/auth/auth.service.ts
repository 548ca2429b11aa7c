import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { normalizeEmail } from '../common/email.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { OrganizationsService, toOrganizationResponse } from '../organizations/organizations.service.js';
import { toUserResponse } from '../users/dto/user.dto.js';
import { UserEntity } from '../users/user.entity.js';
import type { LoginDto, RegisterDto, RegisterResponseDto, TokenResponseDto } from './dto/auth.dto.js';
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
      return { accessToken: await this.tokenFor(user.id), user: toUserResponse(user), organization: toOrganizationResponse(organization) };
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
    return { accessToken: await this.tokenFor(user.id) };
  }

  private tokenFor(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId });
  }
}
