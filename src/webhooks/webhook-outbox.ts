import { randomUUID } from 'node:crypto';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../common/scheduler.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { fromJson, inList, sql } from '../database/sql.js';
import { NotificationsService } from '../notifications/index.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { post } from './http-delivery.js';
import { SecretBox } from './secret-box.js';
import { signatureHeader } from './signature.js';
import { COLLABORATION_EVENT_TYPES, messagesOf, type NewMessage } from './webhook-events.js';
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookEventEntity, WebhookMessageEntity } from './webhook.entities.js';

class LostRace extends Error {}

/** The wait after the 1st, 2nd… failed attempt; after the last, its wait repeats until the endpoint is disabled. */
export const RETRY_SCHEDULE_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
/** An endpoint that has failed every attempt for this long is disabled and its organization notified. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
// Longer than one attempt (10 s timeout): a crashed instance's claims come back after it.
const LEASE_MS = 60_000;
const CONCURRENCY = 16;
// Long enough for the transaction that wrote a message to commit, short against the 1 s target.
const NUDGE_MS = 25;
const BUSY_UTILIZATION = 0.9;
const BUSY_BATCH = 10;

export type Trigger = 'scheduled' | 'redeliver' | 'ping';

/** `msg_` and the row id: the webhook-id header, the same on every attempt of a message. */
export const webhookId = (messageId: string): string => `msg_${messageId.replace(/-/g, '')}`;

/**
 * The durable webhook outbox: rows written in the transaction of their cause, delivered at least once by whichever
 * instance claims them (a conditional update, as the mail outbox does), in order per endpoint and collaboration.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookOutbox.name);
  readonly secrets: SecretBox;
  private nudge: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;

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
    this.scheduler.register({ name: 'webhooks', run: () => this.pass(), order: 45, untilIdle: true });
  }

  /**
   * Records the messages for every enabled endpoint of these organizations subscribed to their type, in `em`'s
   * transaction: they exist only if their cause commits. One row (webhook_events) whatever the number of endpoints;
   * the deliverer expands it. Raw statements: this runs inside every event's transaction, where SQLite serializes writers.
   */
  async publish(em: EntityManager, organizationIds: string[], messages: NewMessage[], at: Date): Promise<number> {
    if (organizationIds.length === 0 || messages.length === 0) return 0;
    const { records: endpoints } = await sql(em)<{ id: string; events: string }>`
      SELECT id, events FROM webhook_endpoints WHERE organization_id IN ${inList(organizationIds)} AND disabled_at IS NULL`;
    const targets: Array<[string, number[]]> = [];
    for (const endpoint of endpoints) {
      const events = fromJson<string[]>(endpoint.events);
      const subs = messages.flatMap((message, sub) => (events.includes(message.type) ? [sub] : []));
      if (subs.length > 0) targets.push([endpoint.id, subs]);
    }
    if (targets.length === 0) return 0;
    const first = messages[0];
    const stream =
      first.seq === undefined ? { collaborationId: null, seq: null } : { collaborationId: first.collaborationId ?? null, seq: first.seq };
    await sql(em)`INSERT INTO webhook_events (id, collaboration_id, seq, messages, targets, at, created_at)
      VALUES (${randomUUID()}, ${stream.collaborationId}, ${stream.seq}, ${JSON.stringify(messages)}, ${JSON.stringify(targets)}, ${at}, ${this.clock.now()})`;
    this.soon();
    return targets.length;
  }

  /**
   * Turns recorded events into one message row per endpoint, oldest first, deleting them in the same transaction: of
   * two instances expanding the same rows, the one whose delete does not take them all rolls back.
   */
  async expand(limit = 50): Promise<number> {
    const events = await this.dataSource.getRepository(WebhookEventEntity).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
    if (events.length === 0) return 0;
    const now = this.clock.now();
    try {
      await this.dataSource.transaction(async (em) => {
        const { affected } = await em.delete(WebhookEventEntity, { id: In(events.map((e) => e.id)) });
        if (affected !== events.length) throw new LostRace();
        const endpointIds = [...new Set(events.flatMap((e) => e.targets.map(([id]) => id)))];
        const existing = new Set(
          (await em.find(WebhookEndpointEntity, { where: { id: In(endpointIds) }, select: { id: true } })).map((e) => e.id),
        );
        const rows = events.flatMap((event) =>
          event.targets
            .filter(([endpointId]) => existing.has(endpointId))
            .flatMap(([endpointId, subs]) =>
              subs.map((sub) => this.row(endpointId, event.messages[sub] as NewMessage, sub, event.at, now)),
            ),
        );
        for (let i = 0; i < rows.length; i += 100) await em.insert(WebhookMessageEntity, rows.slice(i, i + 100));
      });
    } catch (error) {
      if (error instanceof LostRace) return 0;
      throw error;
    }
    return events.length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.nudge);
    this.nudge = undefined;
    await this.draining;
  }

  /**
   * With the background loop on, new messages go out a moment after their transaction commits instead of at the next
   * poll; one not committed yet by then waits for the poll. The claims keep this and the scheduler's pass apart.
   */
  private soon(): void {
    if (this.config.workerPollMs === 0 || this.nudge || this.busy()) return;
    this.nudge = setTimeout(() => {
      this.nudge = undefined;
      if (this.draining) this.again = true;
      else this.draining = this.drain().finally(() => (this.draining = undefined));
    }, NUDGE_MS);
    this.nudge.unref();
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while ((await this.pass()) > 0);
      } while (this.again);
    } catch (error) {
      this.logger.error(`webhook delivery: ${(error as Error).message}`);
    }
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
      claim: null,
    };
  }

  private utilization: { at: number; sample: EventLoopUtilization; busy: boolean } | undefined;

  /**
   * Whether this instance's event loop was over BUSY_UTILIZATION in the last moment: requests come first then, and
   * webhooks go out in small batches at each poll until the load drops. Only with the background loop on: a test's
   * `runOnce` delivers everything.
   */
  private busy(): boolean {
    if (this.config.workerPollMs === 0) return false;
    const now = performance.now();
    if (!this.utilization) {
      this.utilization = { at: now, sample: performance.eventLoopUtilization(), busy: false };
    } else if (now - this.utilization.at >= 100) {
      const sample = performance.eventLoopUtilization();
      const busy = performance.eventLoopUtilization(sample, this.utilization.sample).utilization > BUSY_UTILIZATION;
      this.utilization = { at: now, sample, busy };
    }
    return this.utilization.busy;
  }

  /** One batch: all that is due while the instance has time; a small one, ending the pass, while it is busy. */
  private async pass(): Promise<number> {
    if (!this.busy()) return (await this.expand()) + (await this.deliverDue());
    await this.expand(BUSY_BATCH);
    await this.deliverDue(BUSY_BATCH);
    return 0;
  }

  /**
   * Delivers due messages; returns how many this instance delivered. Only the first pending message of each
   * (endpoint, collaboration) stream is due, so a message waits while an earlier one of its stream is retrying. The
   * batch is claimed in one conditional update (of several instances, one wins each row), sent concurrently, and its
   * outcomes written in one transaction: a handful of statements per pass, not several per message.
   */
  async deliverDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const messages = this.dataSource.getRepository(WebhookMessageEntity);
    const heads = await messages
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .innerJoin(WebhookEndpointEntity, 'e', 'e.id = m.endpoint_id AND e.disabled_at IS NULL')
      .where("m.status = 'pending' AND m.due_at <= :now", { now })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM webhook_messages p WHERE p.endpoint_id = m.endpoint_id AND p.collaboration_id = m.collaboration_id
          AND p.status = 'pending' AND (p.seq < m.seq OR (p.seq = m.seq AND p.sub < m.sub)))`,
      )
      // Nor while an earlier event of its collaboration is still to be expanded.
      .andWhere('NOT EXISTS (SELECT 1 FROM webhook_events w WHERE w.collaboration_id = m.collaboration_id AND w.seq < m.seq)')
      // The index order alone (status, due_at): no sort of the whole backlog for a tie-breaker.
      .orderBy('m.due_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (heads.length === 0) return 0;
    const claim = randomUUID();
    // Due as read: a row another instance claimed meanwhile is due only after its lease, so this updates nothing of it.
    await messages.update(
      { id: In(heads.map((h) => h.id)), status: 'pending', dueAt: LessThanOrEqual(now) },
      { dueAt: new Date(now.getTime() + LEASE_MS), claim },
    );
    const claimed = await messages.findBy({ claim, status: 'pending' });
    if (claimed.length === 0) return 0;
    const endpoints = new Map(
      (await this.dataSource.getRepository(WebhookEndpointEntity).findBy({ id: In([...new Set(claimed.map((m) => m.endpointId))]) })).map(
        (e) => [e.id, e],
      ),
    );
    const sent: Array<{ row: WebhookMessageEntity; endpoint: WebhookEndpointEntity; delivery: WebhookDeliveryEntity }> = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) {
        const row = claimed[next++];
        const endpoint = endpoints.get(row.endpointId);
        if (endpoint) sent.push({ row, endpoint, delivery: await this.send(endpoint, row, 'scheduled') });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, worker));
    await this.record(sent);
    return sent.filter((s) => s.delivery.succeeded).length;
  }

  /** The outcomes of a pass, in one transaction: deliveries, delivered messages, retries with their backoff, endpoint health. */
  private async record(
    sent: Array<{ row: WebhookMessageEntity; endpoint: WebhookEndpointEntity; delivery: WebhookDeliveryEntity }>,
  ): Promise<void> {
    if (sent.length === 0) return;
    const now = this.clock.now();
    const ok = sent.filter((s) => s.delivery.succeeded);
    const failed = sent.filter((s) => !s.delivery.succeeded);
    const healthy = new Set(ok.map((s) => s.endpoint.id));
    const failing = new Map(failed.filter((s) => !healthy.has(s.endpoint.id)).map((s) => [s.endpoint.id, s.endpoint]));
    await this.dataSource.transaction(async (em) => {
      for (let i = 0; i < sent.length; i += 100) {
        await em.insert(
          WebhookDeliveryEntity,
          sent.slice(i, i + 100).map((s) => s.delivery),
        );
      }
      if (ok.length > 0) {
        await em.update(
          WebhookMessageEntity,
          { id: In(ok.map((s) => s.row.id)), status: 'pending' },
          { status: 'delivered', deliveredAt: now, attempts: () => 'attempts + 1', claim: null },
        );
        await em.update(WebhookEndpointEntity, { id: In([...healthy]), failingSince: Not(IsNull()) }, { failingSince: null });
      }
      for (const { row } of failed) {
        const attempts = row.attempts + 1;
        const wait = RETRY_SCHEDULE_MS[Math.min(attempts, RETRY_SCHEDULE_MS.length) - 1];
        await em.update(
          WebhookMessageEntity,
          { id: row.id, status: 'pending' },
          { attempts, dueAt: new Date(now.getTime() + wait), claim: null },
        );
      }
      if (failing.size > 0)
        await em.update(WebhookEndpointEntity, { id: In([...failing.keys()]), failingSince: IsNull() }, { failingSince: now });
    });
    for (const { row, endpoint, delivery } of failed) {
      this.logger.warn(
        `webhook message ${webhookId(row.id)} to endpoint ${endpoint.id} failed (attempt ${row.attempts + 1}): ${delivery.error}`,
      );
    }
    for (const endpoint of failing.values()) {
      if (endpoint.failingSince && now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS) await this.disable(endpoint, now);
    }
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

  /** One signed POST of a message to its endpoint: the delivery to record (the caller writes it). */
  async send(endpoint: WebhookEndpointEntity, row: WebhookMessageEntity, trigger: Trigger): Promise<WebhookDeliveryEntity> {
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
    return {
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
  }
}
