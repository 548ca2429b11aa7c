import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { decodeCursor, encodeCursor, PageQueryDto } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { resolveAllowed, urlProblem } from './http-delivery.js';
import { newSecret } from './signature.js';
import { WebhookOutbox, webhookId } from './webhook-outbox.js';
import type {
  CreatedWebhookDto,
  CreateWebhookDto,
  RotatedSecretDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDto,
} from './webhook.dto.js';
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookMessageEntity } from './webhook.entities.js';

/** The old secret keeps signing this long after a rotation, so receivers can switch without losing a message. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

const urlRefused = (problem: string): DomainException =>
  new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'url', problems: [problem] }] });

/** The admin side of webhooks: endpoints of an organization, their deliveries, pings and redeliveries (admins only). */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly outbox: WebhookOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private toDto(e: WebhookEndpointEntity): WebhookDto {
    const now = this.clock.now();
    const overlap = e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? e.previousSecretUntil : null;
    return {
      id: e.id,
      organizationId: e.organizationId,
      url: e.url,
      events: e.events,
      description: e.description,
      enabled: e.disabledAt === null,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      failingSince: e.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt: overlap?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }

  /** http/https only, and (unless allowed) a host whose every address is public, checked now as on every delivery. */
  private async checkUrl(url: string): Promise<void> {
    const problem = urlProblem(url);
    if (problem) throw urlRefused(problem);
    try {
      await resolveAllowed(new URL(url), this.config.webhooks.allowPrivate);
    } catch (error) {
      throw urlRefused(`url is refused: ${(error as Error).message}`);
    }
  }

  private async endpoint(organizationId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpointEntity).findOneBy({ id, organizationId });
    if (!endpoint) throw notFound('Webhook');
    return endpoint;
  }

  async create(organizationId: string, userId: string, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    await this.checkUrl(dto.url);
    const now = this.clock.now();
    const secret = newSecret();
    const row: WebhookEndpointEntity = {
      id: randomUUID(),
      organizationId,
      url: dto.url,
      description: dto.description ?? null,
      events: [...dto.events],
      secret: this.outbox.secrets.seal(secret),
      previousSecret: null,
      previousSecretUntil: null,
      disabledAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.getRepository(WebhookEndpointEntity).insert(row);
    return { ...this.toDto(row), secret };
  }

  async list(organizationId: string, userId: string): Promise<WebhookDto[]> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const rows = await this.dataSource
      .getRepository(WebhookEndpointEntity)
      .find({ where: { organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => this.toDto(r));
  }

  async get(organizationId: string, id: string, userId: string): Promise<WebhookDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    return this.toDto(await this.endpoint(organizationId, id));
  }

  async update(organizationId: string, id: string, userId: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const endpoint = await this.endpoint(organizationId, id);
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    const now = this.clock.now();
    const changes: Partial<WebhookEndpointEntity> = { updatedAt: now };
    if (dto.url !== undefined) changes.url = dto.url;
    if (dto.events !== undefined) changes.events = [...dto.events];
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.enabled === true) Object.assign(changes, { disabledAt: null, failingSince: null });
    if (dto.enabled === false && endpoint.disabledAt === null) changes.disabledAt = now;
    await this.dataSource.getRepository(WebhookEndpointEntity).update({ id }, changes);
    return this.toDto({ ...endpoint, ...changes });
  }

  /** The endpoint goes with its pending messages and its record of deliveries. */
  async remove(organizationId: string, id: string, userId: string): Promise<void> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    await this.endpoint(organizationId, id);
    await this.dataSource.transaction(async (em) => {
      await em.delete(WebhookDeliveryEntity, { endpointId: id });
      await em.delete(WebhookMessageEntity, { endpointId: id });
      await em.delete(WebhookEndpointEntity, { id });
    });
  }

  /** A new secret; the one it replaces signs too for 24 hours (an older one still overlapping stops now). */
  async rotateSecret(organizationId: string, id: string, userId: string): Promise<RotatedSecretDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const endpoint = await this.endpoint(organizationId, id);
    const now = this.clock.now();
    const secret = newSecret();
    const until = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await this.dataSource
      .getRepository(WebhookEndpointEntity)
      .update(
        { id, secret: endpoint.secret },
        { secret: this.outbox.secrets.seal(secret), previousSecret: endpoint.secret, previousSecretUntil: until, updatedAt: now },
      );
    return { secret, previousSecretExpiresAt: until.toISOString() };
  }

  private deliveryDto(d: WebhookDeliveryEntity, type: string): WebhookDeliveryDto {
    return {
      id: d.id,
      messageId: webhookId(d.messageId),
      type,
      trigger: d.trigger,
      at: d.at.toISOString(),
      succeeded: d.succeeded,
      statusCode: d.statusCode,
      latencyMs: d.latencyMs,
      response: d.response,
      error: d.error,
    };
  }

  async deliveries(organizationId: string, id: string, userId: string, query: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    await this.endpoint(organizationId, id);
    const limit = query.limit ?? 20;
    const qb = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoinAndMapOne('d.message', WebhookMessageEntity, 'm', 'm.id = d.message_id')
      .where('d.endpoint_id = :id', { id })
      .orderBy('d.at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1);
    if (query.cursor) {
      const [at, last] = decodeCursor(query.cursor);
      qb.andWhere(new Brackets((w) => w.where('d.at < :at', { at }).orWhere('d.at = :at AND d.id < :last', { at, last })));
    }
    const rows = (await qb.getMany()) as Array<WebhookDeliveryEntity & { message: WebhookMessageEntity }>;
    const page = rows.slice(0, limit);
    const lastRow = page[limit - 1];
    return {
      items: page.map((d) => this.deliveryDto(d, d.message.type)),
      nextCursor: rows.length > limit ? encodeCursor({ createdAt: lastRow.at, id: lastRow.id }) : null,
    };
  }

  /** One more attempt of a delivery's message, now; a pending message it delivers counts as delivered. */
  async redeliver(organizationId: string, id: string, deliveryId: string, userId: string): Promise<WebhookDeliveryDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const endpoint = await this.endpoint(organizationId, id);
    const earlier = await this.dataSource.getRepository(WebhookDeliveryEntity).findOneBy({ id: deliveryId, endpointId: id });
    const message = earlier && (await this.dataSource.getRepository(WebhookMessageEntity).findOneBy({ id: earlier.messageId }));
    if (!message) throw notFound('Delivery');
    const delivery = await this.outbox.send(endpoint, message, 'redeliver');
    await this.dataSource.getRepository(WebhookDeliveryEntity).insert(delivery);
    if (delivery.succeeded) {
      await this.dataSource
        .getRepository(WebhookMessageEntity)
        .update({ id: message.id, status: 'pending' }, { status: 'delivered', deliveredAt: this.clock.now() });
    }
    return this.deliveryDto(delivery, message.type);
  }

  /** A `webhook.ping` message sent once, now (not retried), whether the endpoint is enabled or not. */
  async ping(organizationId: string, id: string, userId: string): Promise<WebhookDeliveryDto> {
    await this.organizations.requireRole(organizationId, userId, 'admin');
    const endpoint = await this.endpoint(organizationId, id);
    const now = this.clock.now();
    const message = this.outbox.row(
      endpoint.id,
      { type: 'webhook.ping', data: { webhookId: endpoint.id, organizationId } },
      0,
      now,
      now,
      'ping',
    );
    await this.dataSource.getRepository(WebhookMessageEntity).insert(message);
    const delivery = await this.outbox.send(endpoint, message, 'ping');
    await this.dataSource.getRepository(WebhookDeliveryEntity).insert(delivery);
    return this.deliveryDto(delivery, message.type);
  }
}
