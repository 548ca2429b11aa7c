import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Bilingual } from '../documents/bilingual.js';

/**
 * What a notification is about. The column is a free varchar, so adding a kind needs no migration; add it here.
 * invitation_sent | invitation_accepted | invitation_declined | invitation_expired | reminder | password_reset | webhook_disabled
 */
export const NOTIFICATION_KINDS = [
  'invitation_sent',
  'invitation_accepted',
  'invitation_declined',
  'invitation_expired',
  'reminder',
  'password_reset',
  'webhook_disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The notification outbox: written in the transaction of the event that causes it, then delivered once by whichever
 * instance claims it. Rows addressed to an organization are also read in-app; rows with an email are mailed.
 */
@Entity('notifications')
@Index(['organizationId', 'createdAt'])
@Index(['deliveredAt', 'claimedUntil'])
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  // The organization that reads it in-app; null for someone not on Kolabora yet
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  // Where it is mailed; null for in-app only
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  // One of NOTIFICATION_KINDS
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  // Both languages: the recipient's is unknown
  @Column({ type: 'simple-json' })
  subject!: Bilingual;

  @Column({ type: 'simple-json' })
  body!: Bilingual;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  link!: string | null;

  @Column({ type: 'uuid', nullable: true })
  collaborationId!: string | null;

  @Column()
  createdAt!: Date;

  // Set once, by the instance that delivered it
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;

  // Failed deliveries; at MAX_ATTEMPTS the row is given up (and stays readable in-app)
  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  // Not before this time: the lease of the instance delivering it, or the backoff after a failure
  @Column({ type: Date, nullable: true })
  claimedUntil!: Date | null;
}
