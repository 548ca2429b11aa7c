import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../common/scheduler.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { PreferencesService } from './preferences.service.js';

/** The daily digest goes out at 17.00 WIB (10:00 UTC): after the 09.00 WIB reminders, so they reach it the same working day. */
export const DIGEST_HOUR_UTC = 10;

/** The latest digest moment at or before `now`. */
export function lastDigestAt(now: Date): Date {
  const at = new Date(now);
  at.setUTCHours(DIGEST_HOUR_UTC, 0, 0, 0);
  if (at.getTime() > now.getTime()) at.setUTCDate(at.getUTCDate() - 1);
  return at;
}

const item = (row: NotificationEntity, lang: 'id' | 'en'): string => `• ${row.subject[lang]}\n  ${row.body[lang].replace(/\n/g, '\n  ')}`;

/**
 * One mail a day per member who chose digest "daily": the member mails held for it (outcome 'digest') before the latest
 * digest moment become one notification row (kind 'digest') that the outbox then mails like any other, with retries.
 * The rows are taken by a conditional update in the transaction that writes the digest, so of several instances one does.
 */
@Injectable()
export class DigestService implements OnModuleInit {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly preferences: PreferencesService,
  ) {}

  onModuleInit(): void {
    // Before the mail job (40): a digest written in a pass goes out in that pass.
    this.scheduler.register({ name: 'mail-digest', run: () => this.composeDue(), order: 35 });
  }

  /** Writes the digests that are due; returns how many. */
  async composeDue(limit = 1000): Promise<number> {
    const held = await this.dataSource.getRepository(NotificationEntity).find({
      where: { outcome: 'digest', digestId: IsNull(), deliveredAt: LessThan(lastDigestAt(this.clock.now())) },
      order: { userId: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    const byUser = new Map<string, NotificationEntity[]>();
    for (const row of held) byUser.set(row.userId!, [...(byUser.get(row.userId!) ?? []), row]);
    let written = 0;
    for (const [userId, rows] of byUser) {
      try {
        if (await this.dataSource.transaction((em) => this.compose(em, userId, rows))) written += 1;
      } catch (error) {
        // Another instance took these rows first (the transaction rolled back), or one user's rows failed: the rest go on.
        this.logger.warn(`digest of user ${userId} not written: ${(error as Error).message}`);
      }
    }
    return written;
  }

  private async compose(em: EntityManager, userId: string, rows: NotificationEntity[]): Promise<boolean> {
    const user = await em.findOneBy(UserEntity, { id: userId });
    const organizations = new Set((await em.findBy(MembershipEntity, { userId })).map((m) => m.organizationId));
    const wants = (await this.preferences.of(em, [userId])).get(userId)!;
    // Checked again now: a notice of an organization the user has left, or of a category turned off since, is left out.
    const kept = rows.filter((r) => user && organizations.has(r.organizationId!) && wants[r.category as 'reminders' | 'lifecycle']);
    const dropped = rows.filter((r) => !kept.includes(r));
    for (const [outcome, list] of [
      ['notMember', dropped.filter((r) => !user || !organizations.has(r.organizationId!))],
      ['optedOut', dropped.filter((r) => user && organizations.has(r.organizationId!))],
    ] as const) {
      if (list.length > 0) await em.update(NotificationEntity, { id: In(list.map((r) => r.id)), digestId: IsNull() }, { outcome });
    }
    if (kept.length === 0 || !user) return false;
    const id = randomUUID();
    const { affected } = await em.update(NotificationEntity, { id: In(kept.map((r) => r.id)), digestId: IsNull() }, { digestId: id });
    if (affected !== kept.length) throw new Error('its notices were taken by another instance');
    const count = String(kept.length);
    await em.insert(NotificationEntity, {
      id,
      organizationId: null,
      email: user.email,
      kind: 'digest',
      subject: { id: `Ringkasan harian Kolabora: ${count} pemberitahuan`, en: `Kolabora daily digest: ${count} notices` },
      body: {
        id: `Pemberitahuan Anda sejak ringkasan terakhir:\n\n${kept.map((r) => item(r, 'id')).join('\n\n')}`,
        en: `Your notices since the last digest:\n\n${kept.map((r) => item(r, 'en')).join('\n\n')}`,
      },
      link: null,
      collaborationId: null,
      createdAt: this.clock.now(),
      deliveredAt: null,
      attempts: 0,
      lastError: null,
      claimedUntil: null,
      userId,
      category: 'digest',
      outcome: null,
      digestId: null,
    });
    return true;
  }
}
