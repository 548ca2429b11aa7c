import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../common/scheduler.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationsService } from '../notifications/index.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { post, type Attempt } from './http-delivery.js';
import { SecretBox } from './secret-box.js';
import { signatureHeader } from './signature.js';
import { COLLABORATION_EVENT_TYPES, messagesOf, type NewMessage } from './webhook-events.js';
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookMessageEntity } from './webhook.entities.js';

/** The wait after the 1st, 2nd… failed attempt; after the last, its wait repeats until the endpoint is disabled. */
export const RETRY_SCHEDULE_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
/** An endpoint that has failed every attempt for this long is disabled and its organization notified. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
// Longer than one attempt (10 s timeout): a crashed instance's claims come back after it.
const LEASE_MS = 60_000;
const CONCURRENCY = 8;

export type Trigger = 'scheduled' | 'redeliver' | 'ping';

/** `msg_` and the row id: the webhook-id header, the same on every attempt of a message. */
export const webhookId = (messageId: string): string => `msg_${messageId.replace(/-/g, '')}`;

/**
 * The durable webhook outbox: rows written in the transaction of their cause, delivered at least once by whichever
 * instance claims them (a conditional update, as the mail outbox does), in order per endpoint and collaboration.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  private readonly logger = new Logger(WebhookOutbox.name);
  readonly secrets: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly plugins: WorkflowPlugins,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secrets = new SecretBox(config.jwt.secret);
  }

  onModuleInit(): void {
    this.plugins.listen(COLLABORATION_EVENT_TYPES, async (scope) => {
      const { organizationIds, messages } = messagesOf(scope);
      await this.publish(scope.em, organizationIds, messages, new Date(scope.event.at));
    });
    this.scheduler.register({ name: 'webhooks', run: () => this.deliverDue(), order: 45, untilIdle: true });
  }

  /**
   * Writes the messages for every enabled endpoint of these organizations subscribed to their type, in `em`'s
   * transaction: they exist only if their cause commits.
   */
  async publish(em: EntityManager, organizationIds: string[], messages: NewMessage[], at: Date): Promise<number> {
    if (organizationIds.length === 0 || messages.length === 0) return 0;
    const endpoints = await em.find(WebhookEndpointEntity, {
      where: { organizationId: In(organizationIds), disabledAt: IsNull() },
      select: { id: true, events: true },
    });
    if (endpoints.length === 0) return 0;
    const now = this.clock.now();
    const rows: WebhookMessageEntity[] = [];
    for (const endpoint of endpoints) {
      messages.forEach((message, sub) => {
        if (!endpoint.events.includes(message.type)) return;
        rows.push(this.row(endpoint.id, message, sub, at, now));
      });
    }
    if (rows.length > 0) await em.insert(WebhookMessageEntity, rows);
    return rows.length;
  }

  row(endpointId: string, message: NewMessage, sub: number, at: Date, now: Date, status = 'pending'): WebhookMessageEntity {
    return {
      id: randomUUID(),
      endpointId,
      type: message.type,
      collaborationId: message.seq === undefined ? null : (message.collaborationId ?? null),
      seq: message.seq ?? null,
      sub,
      body: JSON.stringify({ type: message.type, timestamp: at.toISOString(), data: message.data }),
      status,
      dueAt: now,
      attempts: 0,
      createdAt: now,
      deliveredAt: null,
    };
  }

  /**
   * Delivers due messages; returns how many this instance delivered. Only the first pending message of each
   * (endpoint, collaboration) stream is due, so a message waits while an earlier one of its stream is retrying.
   */
  async deliverDue(limit = 64): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(WebhookMessageEntity)
      .createQueryBuilder('m')
      .innerJoin(WebhookEndpointEntity, 'e', 'e.id = m.endpoint_id AND e.disabled_at IS NULL')
      .where("m.status = 'pending' AND m.due_at <= :now", { now })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM webhook_messages p WHERE p.endpoint_id = m.endpoint_id AND p.collaboration_id = m.collaboration_id
          AND p.status = 'pending' AND (p.seq < m.seq OR (p.seq = m.seq AND p.sub < m.sub)))`,
      )
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit)
      .getMany();
    let delivered = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const row = due[next++];
        try {
          if (!(await this.claim(row))) continue;
          if (await this.deliverScheduled(row)) delivered += 1;
        } catch (error) {
          // One message's trouble (its endpoint deleted meanwhile) must not hold up the others; its lease runs out.
          this.logger.error(`webhook message ${row.id} failed: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    return delivered;
  }

  private async claim(row: WebhookMessageEntity): Promise<boolean> {
    // Matching the due time as read: an instance that read the same row a moment later updates nothing.
    const { affected } = await this.dataSource
      .getRepository(WebhookMessageEntity)
      .update({ id: row.id, status: 'pending', dueAt: row.dueAt }, { dueAt: new Date(this.clock.now().getTime() + LEASE_MS) });
    return affected === 1;
  }

  private async deliverScheduled(row: WebhookMessageEntity): Promise<boolean> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpointEntity).findOneBy({ id: row.endpointId });
    if (!endpoint) return false;
    const attempts = row.attempts + 1;
    const { attempt } = await this.attempt(endpoint, row, 'scheduled');
    const messages = this.dataSource.getRepository(WebhookMessageEntity);
    const endpoints = this.dataSource.getRepository(WebhookEndpointEntity);
    const now = this.clock.now();
    if (attempt.succeeded) {
      await messages.update({ id: row.id, status: 'pending' }, { status: 'delivered', deliveredAt: now, attempts });
      await endpoints.update({ id: endpoint.id, failingSince: Not(IsNull()) }, { failingSince: null });
      return true;
    }
    const wait = RETRY_SCHEDULE_MS[Math.min(attempts, RETRY_SCHEDULE_MS.length) - 1];
    await messages.update({ id: row.id, status: 'pending' }, { attempts, dueAt: new Date(now.getTime() + wait) });
    await endpoints.update({ id: endpoint.id, failingSince: IsNull() }, { failingSince: now });
    const since = endpoint.failingSince ?? now;
    if (now.getTime() - since.getTime() >= DISABLE_AFTER_MS) await this.disable(endpoint, now);
    return false;
  }

  /** Disabled once (a conditional update), with an in-app notice to the organization in the same transaction. */
  private async disable(endpoint: WebhookEndpointEntity, now: Date): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { affected } = await em.update(
        WebhookEndpointEntity,
        { id: endpoint.id, disabledAt: IsNull() },
        { disabledAt: now, updatedAt: now },
      );
      if (affected !== 1) return;
      this.logger.warn(`webhook ${endpoint.id} of ${endpoint.organizationId} disabled after failing for 24 hours`);
      await this.notifications.enqueue(
        {
          kind: 'webhook_disabled',
          organizationId: endpoint.organizationId,
          subject: { id: 'Webhook dinonaktifkan', en: 'Webhook disabled' },
          body: {
            id: `Webhook ke ${endpoint.url} gagal selama 24 jam dan telah dinonaktifkan. Pesan yang tertunda dikirim setelah diaktifkan kembali (PATCH enabled: true).`,
            en: `The webhook to ${endpoint.url} failed for 24 hours and was disabled. Pending messages go out once it is enabled again (PATCH enabled: true).`,
          },
        },
        em,
      );
    });
  }

  /** One signed POST of a message to its endpoint, recorded as a delivery. */
  async attempt(
    endpoint: WebhookEndpointEntity,
    row: WebhookMessageEntity,
    trigger: Trigger,
  ): Promise<{ attempt: Attempt; delivery: WebhookDeliveryEntity }> {
    const now = this.clock.now();
    const secrets = [this.secrets.open(endpoint.secret)];
    if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now) {
      secrets.push(this.secrets.open(endpoint.previousSecret));
    }
    const id = webhookId(row.id);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, id, timestamp, row.body),
    };
    const attempt = await post(endpoint.url, headers, row.body, this.config.webhooks.allowPrivate);
    const delivery: WebhookDeliveryEntity = {
      id: randomUUID(),
      messageId: row.id,
      endpointId: endpoint.id,
      trigger,
      at: now,
      succeeded: attempt.succeeded,
      statusCode: attempt.statusCode,
      latencyMs: attempt.latencyMs,
      response: attempt.response,
      error: attempt.error,
    };
    await this.dataSource.getRepository(WebhookDeliveryEntity).insert(delivery);
    if (!attempt.succeeded && trigger === 'scheduled') {
      this.logger.warn(`webhook message ${id} to endpoint ${endpoint.id} failed (attempt ${row.attempts + 1}): ${attempt.error}`);
    }
    return { attempt, delivery };
  }
}
