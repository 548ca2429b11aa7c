import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import type { TokenResponseDto } from '../auth/dto/auth.dto.js';
import { hashPassword } from '../auth/password.js';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { readTemplate } from '../documents/templates.js';
import { NotificationsService } from '../notifications/index.js';
import { UserEntity } from '../users/user.entity.js';
import { PasswordResetEntity } from './password-reset.entity.js';

const WORDS = readTemplate<{ email: { subject: Bilingual; body: Bilingual } }>('password-reset/words.json');
export const RESET_MINUTES = 60;
// Reset mails one account gets in an hour; more asks are answered alike and send nothing.
const MAILS_PER_HOUR = 3;
const REFERENCE = 'kolabora:password-reset:';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Forgotten passwords: a single-use link by mail. The token is an HMAC of the reset's id under the service's secret, so
 * neither the table (a sha256) nor the mail outbox (a reference, resolved as the mail goes out) holds it.
 */
@Injectable()
export class PasswordResetService implements OnModuleInit {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.notifications.resolveLinks(REFERENCE, (reference) => {
      const page = `${this.config.publicUrl}/password-reset#token=`;
      return { link: `${page}${this.tokenOf(reference.slice(REFERENCE.length))}`, logged: `${page}[token]` };
    });
  }

  private tokenOf(resetId: string): string {
    return createHmac('sha256', this.config.jwt.secret).update(`password-reset:${resetId}`).digest('base64url');
  }

  /**
   * Answered at once, the same for every address: whether an account exists, and the mail, are settled after the
   * answer, so neither the body nor the time tells them apart.
   */
  request(email: string): void {
    setImmediate(() => {
      this.issue(email).catch((error: unknown) => this.logger.error(`password reset not issued: ${(error as Error).message}`));
    });
  }

  private async issue(email: string): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    if (!user) return;
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const since = new Date(now.getTime() - 60 * 60 * 1000);
      if ((await em.countBy(PasswordResetEntity, { userId: user.id, createdAt: MoreThan(since) })) >= MAILS_PER_HOUR) return;
      const id = randomUUID();
      await em.insert(PasswordResetEntity, {
        id,
        userId: user.id,
        tokenHash: sha256(this.tokenOf(id)),
        tokenVersion: user.tokenVersion,
        expiresAt: new Date(now.getTime() + RESET_MINUTES * 60 * 1000),
        usedAt: null,
        createdAt: now,
      });
      const values = { name: user.name, link: '{link}', minutes: String(RESET_MINUTES) };
      await this.notifications.enqueue(
        {
          kind: 'password_reset',
          email: user.email,
          subject: WORDS.email.subject,
          body: fillBoth(WORDS.email.body, values),
          link: `${REFERENCE}${id}`,
        },
        em,
      );
    });
  }

  /**
   * The new password, from a link that is unused, under an hour old and asked for since the last logout or password
   * change; setting it raises the token version, which voids the account's other open links too.
   */
  async confirm(token: string, password: string): Promise<TokenResponseDto> {
    const invalid = (): DomainException =>
      new DomainException(ErrorCode.RESET_TOKEN_INVALID, 'This password reset link is invalid, used or expired; ask for a new one');
    if (!TOKEN.test(token)) throw invalid();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(PasswordResetEntity, { tokenHash: sha256(token) });
      const now = this.clock.now();
      if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) throw invalid();
      // Logging out or changing the password raised the token version: links asked for before that are void.
      const user = await em.findOneBy(UserEntity, { id: row.userId });
      if (user?.tokenVersion !== row.tokenVersion) throw invalid();
      // Conditional: of two confirms with one link, only the first sets a password.
      const { affected } = await em.update(PasswordResetEntity, { id: row.id, usedAt: IsNull() }, { usedAt: now });
      if (affected !== 1) throw invalid();
      return this.auth.setPassword(em, row.userId, passwordHash);
    });
  }
}
