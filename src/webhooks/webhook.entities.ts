import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An organization's subscription: where to send which event types, signed with its secret. */
@Entity('webhook_endpoints')
@Index(['organizationId'])
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  // Event types (WEBHOOK_EVENT_TYPES) it receives
  @Column({ type: 'simple-json' })
  events!: string[];

  // The signing secret, encrypted (secret-box.ts): it must be readable to sign, so it cannot be a hash
  @Column({ type: 'text' })
  secret!: string;

  // The secret before the last rotation, still signed with until previousSecretUntil
  @Column({ type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({ type: Date, nullable: true })
  previousSecretUntil!: Date | null;

  // Set when it has failed for 24 hours; its pending messages wait until it is enabled again
  @Column({ type: Date, nullable: true })
  disabledAt!: Date | null;

  // The first failure since the last success
  @Column({ type: Date, nullable: true })
  failingSince!: Date | null;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}

/**
 * What an event's transaction writes: one row however many endpoints it goes to, so the event pays for one insert.
 * The deliverer expands it into webhook_messages (one per message and endpoint) and deletes it, in one transaction.
 */
@Entity('webhook_events')
@Index(['createdAt'])
@Index(['collaborationId', 'seq'])
export class WebhookEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  // The collaboration event it comes from: its messages wait in order behind an earlier one not expanded yet
  @Column({ type: 'uuid', nullable: true })
  collaborationId!: string | null;

  @Column({ type: 'integer', nullable: true })
  seq!: number | null;

  // The messages (type, data) of the event
  @Column({ type: 'simple-json' })
  messages!: Array<{ type: string; data: Record<string, unknown>; collaborationId?: string; seq?: number }>;

  // [endpoint id, indexes into messages]: the endpoints subscribed, enabled when the event happened
  @Column({ type: 'simple-json' })
  targets!: Array<[string, number[]]>;

  // When the event happened (the body's timestamp)
  @Column()
  at!: Date;

  @Column()
  createdAt!: Date;
}

/**
 * The outbox: one row per message and endpoint, expanded from webhook_events (or written directly: pings). Delivered in order per
 * (endpoint, collaboration) stream: a message waits while an earlier one of its stream is pending.
 */
@Entity('webhook_messages')
@Index(['status', 'dueAt'])
// Status before seq: whether a stream has an earlier pending message is one index probe, however long its history
@Index(['endpointId', 'collaborationId', 'status', 'seq', 'sub'])
export class WebhookMessageEntity {
  // Sent as webhook-id (msg_ + this without dashes): the same on every attempt
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  endpointId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  // The ordered stream it belongs to; null for messages outside a collaboration's history (reminders, pings)
  @Column({ type: 'uuid', nullable: true })
  collaborationId!: string | null;

  @Column({ type: 'integer', nullable: true })
  seq!: number | null;

  // The order of the messages one event causes
  @Column({ type: 'integer' })
  sub!: number;

  // The exact JSON body that is signed and sent
  @Column({ type: 'text' })
  body!: string;

  // pending | delivered | ping (sent once at once, never retried)
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  // Not before this time: the backoff after a failure, or the lease of the instance delivering it
  @Column()
  dueAt!: Date;

  // The pass of the instance that claimed it last, so that pass can find what it won
  @Column({ type: 'varchar', length: 36, nullable: true })
  claim!: string | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}

/** One attempt to deliver a message, as its admins see it. */
@Entity('webhook_deliveries')
@Index(['endpointId', 'at'])
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  endpointId!: string;

  // scheduled | redeliver | ping
  @Column({ type: 'varchar', length: 16 })
  trigger!: string;

  @Column()
  at!: Date;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'integer' })
  latencyMs!: number;

  // The first 1 KB of the response body
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
