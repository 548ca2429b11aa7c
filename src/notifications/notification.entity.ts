import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Bilingual } from '../documents/bilingual.js';

/**
 * What a notification is about. The column is a free varchar, so adding a kind needs no migration; add it here.
 * invitation_sent | invitation_accepted | invitation_declined | invitation_expired | reminder | password_reset, and
 * (issue 16) membership_invitation | membership_accepted | membership_declined | agreement_ready | agreement_signed |
 * agreement_executed | review_window_ended | digest (one member's daily mail) | webhook_disabled.
 */
export const NOTIFICATION_KINDS = [
  'invitation_sent',
  'invitation_accepted',
  'invitation_declined',
  'invitation_expired',
  'reminder',
  'password_reset',
  'membership_invitation',
  'membership_accepted',
  'membership_declined',
  'agreement_ready',
  'agreement_signed',
  'agreement_executed',
  'review_window_ended',
  'digest',
  'webhook_disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The email preferences a notification kind is mailed under; kinds not listed are never mailed to members. */
export const MAIL_CATEGORIES = ['reminders', 'lifecycle'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
export const CATEGORY_OF_KIND: Partial<Record<NotificationKind, MailCategory>> = {
  reminder: 'reminders',
  review_window_ended: 'reminders',
  invitation_sent: 'lifecycle',
  invitation_accepted: 'lifecycle',
  invitation_declined: 'lifecycle',
  invitation_expired: 'lifecycle',
  agreement_ready: 'lifecycle',
  agreement_signed: 'lifecycle',
  agreement_executed: 'lifecycle',
};

/** sent: mailed; digest: held for the daily digest; notMember, optedOut: checked at delivery and not mailed. */
export const MAIL_OUTCOMES = ['sent', 'digest', 'notMember', 'optedOut'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/**
 * The notification outbox: written in the transaction of the event that causes it, then delivered once by whichever
 * instance claims it. Rows addressed to an organization are also read in-app; rows with an email are mailed.
 */
@Entity('notifications')
@Index(['organizationId', 'createdAt'])
@Index(['deliveredAt', 'claimedUntil'])
@Index(['outcome', 'digestId'])
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

  // A member mail (issue 16): the member it is mailed to, checked again at delivery; null for every other row
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  // A member mail's preference (MAIL_CATEGORIES); 'digest' for the daily mail itself
  @Column({ type: 'varchar', length: 16, nullable: true })
  category!: MailCategory | 'digest' | null;

  // What became of a member mail: MAIL_OUTCOMES; null for other rows
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: MailOutcome | null;

  // The digest row that carried a member mail held for the user's daily digest
  @Column({ type: 'uuid', nullable: true })
  digestId!: string | null;
}
