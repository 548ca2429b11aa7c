import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UserEntity } from '../users/user.entity.js';
import type { MailCategory } from './notification.entity.js';
import { type DigestMode, NotificationPreferencesEntity } from './notification-preferences.entity.js';
import type { NotificationPreferencesDto, UnsubscribedDto, UpdateEmailPreferencesDto } from './preferences.dto.js';
import { readUnsubscribeToken, type UnsubscribeScope, unsubscribeToken } from './unsubscribe-token.js';

export interface EmailPreferences {
  reminders: boolean;
  lifecycle: boolean;
  digest: DigestMode;
}

export const DEFAULT_EMAIL_PREFERENCES: Readonly<EmailPreferences> = { reminders: true, lifecycle: true, digest: 'off' };

const fromRow = (row: NotificationPreferencesEntity | null | undefined): EmailPreferences =>
  row ? { reminders: row.emailReminders, lifecycle: row.emailLifecycle, digest: row.emailDigest } : { ...DEFAULT_EMAIL_PREFERENCES };

const STOPPED: Record<UnsubscribeScope, string> = {
  reminders: 'Anda tidak akan lagi menerima email pengingat. / You will no longer get reminder emails.',
  lifecycle: 'Anda tidak akan lagi menerima email kabar kolaborasi. / You will no longer get collaboration notice emails.',
  all: 'Anda tidak akan lagi menerima email pemberitahuan Kolabora. / You will no longer get Kolabora notification emails.',
};

/** Each user's email preferences, and the unsubscribe links that turn them off without a login. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(userId: string): Promise<NotificationPreferencesDto> {
    return { email: fromRow(await this.dataSource.getRepository(NotificationPreferencesEntity).findOneBy({ userId })) };
  }

  /** The preferences of several users at once (the defaults for those who never changed them). */
  async of(em: EntityManager, userIds: string[]): Promise<Map<string, EmailPreferences>> {
    const rows = userIds.length > 0 ? await em.findBy(NotificationPreferencesEntity, { userId: In(userIds) }) : [];
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    return new Map(userIds.map((id) => [id, fromRow(byUser.get(id))]));
  }

  /** Changes only the fields given. */
  async update(userId: string, patch: UpdateEmailPreferencesDto): Promise<NotificationPreferencesDto> {
    await this.dataSource.transaction(async (em) => {
      // The row with the defaults first (a concurrent first PATCH inserts nothing), then only the fields sent.
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationPreferencesEntity)
        .values({
          userId,
          emailReminders: DEFAULT_EMAIL_PREFERENCES.reminders,
          emailLifecycle: DEFAULT_EMAIL_PREFERENCES.lifecycle,
          emailDigest: DEFAULT_EMAIL_PREFERENCES.digest,
          updatedAt: this.clock.now(),
        })
        .orIgnore()
        .execute();
      await em.update(
        NotificationPreferencesEntity,
        { userId },
        {
          ...(patch.reminders !== undefined ? { emailReminders: patch.reminders } : {}),
          ...(patch.lifecycle !== undefined ? { emailLifecycle: patch.lifecycle } : {}),
          ...(patch.digest !== undefined ? { emailDigest: patch.digest } : {}),
          updatedAt: this.clock.now(),
        },
      );
    });
    return this.get(userId);
  }

  /** The absolute one-click link of a member mail of this scope. */
  unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
    return `${this.config.publicUrl}/api/v1/unsubscribe/${unsubscribeToken(this.config.jwt.secret, userId, scope)}`;
  }

  /** What a token would turn off; NOT_FOUND when it is not a link this service made, or its user is gone. */
  async scopeOf(token: string): Promise<{ userId: string; scope: UnsubscribeScope }> {
    const named = readUnsubscribeToken(this.config.jwt.secret, token);
    if (!named || !(await this.dataSource.getRepository(UserEntity).existsBy({ id: named.userId }))) {
      throw new DomainException(ErrorCode.NOT_FOUND, 'This unsubscribe link is not valid (or its account no longer exists)');
    }
    return named;
  }

  /** RFC 8058 one-click: turns the token's scope off. Repeating it changes nothing more. */
  async unsubscribe(token: string): Promise<UnsubscribedDto> {
    const { userId, scope } = await this.scopeOf(token);
    const off: Record<UnsubscribeScope, UpdateEmailPreferencesDto> = {
      reminders: { reminders: false },
      lifecycle: { lifecycle: false },
      all: { reminders: false, lifecycle: false },
    };
    const preferences = await this.update(userId, off[scope]);
    return { unsubscribed: scope, preferences, message: STOPPED[scope] };
  }

  static wants(preferences: EmailPreferences, category: MailCategory): boolean {
    return preferences[category];
  }
}

export const STOPPED_MESSAGES = STOPPED;
