import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In, IsNull, LessThan, LessThanOrEqual, Or } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../common/scheduler.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Bilingual } from '../documents/bilingual.js';
import { fillBoth } from '../documents/fill.js';
import { decodeCursor, encodeCursor, PageQueryDto } from '../common/pagination.js';
import { composeMessage, Mailer, type MailMessage, unlinkForeignUrls } from './mailer.js';
import type { NotificationDto, NotificationPageDto } from './notification.dto.js';
import { CATEGORY_OF_KIND, type MailCategory, type MailOutcome, NotificationEntity, type NotificationKind } from './notification.entity.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { PreferencesService } from './preferences.service.js';
import type { UnsubscribeScope } from './unsubscribe-token.js';

// What the unsubscribe line of a member mail names, in each language.
const SCOPE_WORDS: Record<UnsubscribeScope, Bilingual> = {
  reminders: { id: 'email pengingat', en: 'reminder emails' },
  lifecycle: { id: 'email kabar kolaborasi', en: 'collaboration notice emails' },
  all: { id: 'email pemberitahuan Kolabora', en: 'Kolabora notification emails' },
};

/** After this many failed deliveries a row is given up: logged, left undelivered, still readable in-app. */
export const MAX_ATTEMPTS = 10;
// Long enough for one SMTP exchange with its timeouts (mailer.ts); a crashed instance's claims come back after it.
const LEASE_MS = 2 * 60_000;
const BACKOFF_MS = 60_000;

/** A notification to write: to an organization (read in-app), to an email address (mailed), or to both. */
export type NewNotification = {
  kind: NotificationKind;
  subject: Bilingual;
  body: Bilingual;
  /** Absolute URL, e.g. `${config.publicUrl}/invitations/<token>`. */
  link?: string | null;
  collaborationId?: string | null;
} & ({ organizationId: string; email?: string | null } | { organizationId?: string | null; email: string });

@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly preferences: PreferencesService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: 'mail', run: () => this.deliverDue(), order: 40 });
  }

  private readonly linkResolvers: Array<{ prefix: string; resolve: (reference: string) => { link: string; logged: string } }> = [];

  /**
   * A feature that stores links as references (invitations: never the token) turns them into links when mail goes out,
   * and says how a log may show them.
   */
  resolveLinks(prefix: string, resolve: (reference: string) => { link: string; logged: string }): void {
    this.linkResolvers.push({ prefix, resolve });
  }

  /**
   * Writes a notification to the outbox. Pass the EntityManager of the transaction that records its cause, so the
   * notification exists only if that commits; without one it is written on its own. Returns the new row's id.
   * A notification to an organization whose kind has a mail category (CATEGORY_OF_KIND) is also written once per
   * member who wants that category by email, in the same transaction: each member's mail is retried on its own, and is
   * checked again when it goes out (still a member, still wanted; held for the daily digest).
   */
  async enqueue(notification: NewNotification, em?: EntityManager): Promise<string> {
    const organizationId = notification.organizationId ?? null;
    const email = notification.email?.trim() || null;
    const category = organizationId && !email ? CATEGORY_OF_KIND[notification.kind] : undefined;
    // Its rows and the members' copies commit together; a single row needs no transaction of its own.
    if (!em && category) return this.dataSource.transaction((tx) => this.enqueue(notification, tx));
    // A programming error, not the client's: a 500 with its stack in the log.
    if (!organizationId && !email) throw new Error('a notification needs an organizationId or an email');
    const id = randomUUID();
    const row: NotificationEntity = {
      id,
      organizationId,
      email,
      kind: notification.kind,
      subject: { id: notification.subject.id, en: notification.subject.en },
      body: { id: notification.body.id, en: notification.body.en },
      link: notification.link ?? null,
      collaborationId: notification.collaborationId ?? null,
      createdAt: this.clock.now(),
      deliveredAt: null,
      attempts: 0,
      lastError: null,
      claimedUntil: null,
      userId: null,
      category: null,
      outcome: null,
      digestId: null,
    };
    await (em ?? this.dataSource.manager).insert(NotificationEntity, row);
    if (category) await this.fanOut(em!, row, category);
    return id;
  }

  /** One row per member of the row's organization who wants its category by email. */
  private async fanOut(em: EntityManager, row: NotificationEntity, category: MailCategory): Promise<void> {
    const members = await em.findBy(MembershipEntity, { organizationId: row.organizationId! });
    if (members.length === 0) return;
    const userIds = members.map((m) => m.userId);
    const wants = await this.preferences.of(em, userIds);
    const users = await em.findBy(UserEntity, { id: In(userIds.filter((u) => wants.get(u)![category])) });
    if (users.length === 0) return;
    await em.insert(
      NotificationEntity,
      users.map((user) => ({ ...row, id: randomUUID(), email: user.email, userId: user.id, category })),
    );
  }

  /**
   * Delivers up to `limit` due notifications through the Mailer; returns how many this instance delivered. Each row
   * is claimed by a conditional update first, so of several instances running this at once exactly one delivers it.
   * A failure is retried on a later pass, after 1 minute × attempts, until MAX_ATTEMPTS.
   */
  async deliverDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(NotificationEntity).find({
      where: { deliveredAt: IsNull(), attempts: LessThan(MAX_ATTEMPTS), claimedUntil: Or(IsNull(), LessThanOrEqual(now)) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    let delivered = 0;
    for (const row of due) {
      if (!(await this.claim(row))) continue;
      if (await this.deliver(row)) delivered += 1;
    }
    return delivered;
  }

  private async claim(row: NotificationEntity): Promise<boolean> {
    const lease = new Date(this.clock.now().getTime() + LEASE_MS);
    // Matching the claim as read: an instance that read the same row a moment later updates nothing.
    const { affected } = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ id: row.id, deliveredAt: IsNull(), claimedUntil: row.claimedUntil ?? IsNull() }, { claimedUntil: lease });
    return affected === 1;
  }

  /** An invitation's link is stored as a reference (never the token) and made only for the message being sent. */
  private withLink(row: NotificationEntity): NotificationEntity & { loggedLink?: string } {
    if (!row.link) return row;
    const resolver = this.linkResolvers.find((r) => row.link!.startsWith(r.prefix));
    const { link, logged } = resolver ? resolver.resolve(row.link) : { link: row.link, logged: row.link };
    return { ...row, link, loggedLink: logged, body: fillBoth(row.body, { link }) };
  }

  /**
   * A member mail, checked as it goes out: not mailed to someone no longer a member or who turned its category off
   * since (recorded as the outcome), held for a daily digest; otherwise the message with its unsubscribe line and headers.
   */
  private async memberMessage(row: NotificationEntity): Promise<MailMessage | MailOutcome> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: row.userId! });
    if (!user) return 'notMember';
    let scope: UnsubscribeScope = 'all';
    let as: Bilingual = { id: 'anggota organisasi', en: 'a member of an organization' };
    if (row.category !== 'digest') {
      const member = await this.dataSource
        .getRepository(MembershipEntity)
        .existsBy({ organizationId: row.organizationId!, userId: user.id });
      if (!member) return 'notMember';
      const wants = (await this.preferences.of(this.dataSource.manager, [user.id])).get(user.id)!;
      if (!wants[row.category!]) return 'optedOut';
      if (wants.digest === 'daily') return 'digest';
      scope = row.category!;
      // Someone in several organizations learns which one this is about; the name is user text, so defanged like the body.
      const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: row.organizationId! });
      const name = unlinkForeignUrls(organization?.name ?? '', this.config.publicUrl);
      as = { id: `anggota ${name}`, en: `a member of ${name}` };
    }
    const url = this.preferences.unsubscribeUrl(user.id, scope);
    const words = SCOPE_WORDS[scope];
    const footer = {
      id: `Anda menerima email ini sebagai ${as.id} di Kolabora. Berhenti menerima ${words.id}: ${url}`,
      en: `You get this email as ${as.en} on Kolabora. Stop getting ${words.en}: ${url}`,
    };
    const message = composeMessage({ ...this.withLink(row), email: user.email }, this.config.publicUrl, footer);
    // RFC 8058: the link alone unsubscribes on a POST with this body; a GET only shows a page with a button.
    // Auto-Submitted (RFC 3834): no out-of-office replies to a machine's mail.
    const headers = {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    };
    return { ...message, headers };
  }

  private async deliver(row: NotificationEntity): Promise<boolean> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    let outcome: MailOutcome | null = null;
    try {
      const message = row.userId ? await this.memberMessage(row) : composeMessage(this.withLink(row), this.config.publicUrl);
      if (typeof message === 'string') outcome = message;
      else {
        await this.mailer.send(message);
        if (row.userId) outcome = 'sent';
      }
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = (error as Error).message.slice(0, 2000);
      const retryAt = new Date(this.clock.now().getTime() + BACKOFF_MS * attempts);
      await repository.update({ id: row.id, deliveredAt: IsNull() }, { attempts, lastError: message, claimedUntil: retryAt });
      if (attempts >= MAX_ATTEMPTS) {
        this.logger.error(`notification ${row.id} (${row.kind}) given up after ${attempts} failed deliveries: ${message}`);
      } else {
        this.logger.warn(
          `notification ${row.id} (${row.kind}) not delivered (attempt ${attempts}, retried after ${retryAt.toISOString()}): ${message}`,
        );
      }
      return false;
    }
    // last_error stays: it tells why a late delivery was late.
    await repository.update({ id: row.id, deliveredAt: IsNull() }, { deliveredAt: this.clock.now(), claimedUntil: null, outcome });
    return true;
  }

  /** The notifications of every organization the user belongs to, newest first. */
  async list(userId: string, query: PageQueryDto): Promise<NotificationPageDto> {
    const limit = query.limit ?? 20;
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.organization_id IN (SELECT m.organization_id FROM memberships m WHERE m.user_id = :userId)', { userId })
      .andWhere('n.user_id IS NULL') // a member's copy to mail is the same notice
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere(new Brackets((w) => w.where('n.created_at < :at', { at }).orWhere('n.created_at = :at AND n.id < :id', { at, id })));
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const items: NotificationDto[] = page.map((n) => ({
      id: n.id,
      organizationId: n.organizationId!,
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      link: n.link,
      collaborationId: n.collaborationId,
      createdAt: n.createdAt.toISOString(),
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor(page[limit - 1]) : null };
  }
}
