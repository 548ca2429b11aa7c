import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

export const DIGEST_MODES = ['off', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** What a user wants by email. No row: the defaults (reminders and lifecycle on, no digest). */
@Entity('notification_preferences')
export class NotificationPreferencesEntity {
  @PrimaryColumn('uuid')
  userId!: string;

  @Column({ type: 'boolean' })
  emailReminders!: boolean;

  @Column({ type: 'boolean' })
  emailLifecycle!: boolean;

  @Column({ type: 'varchar', length: 8 })
  emailDigest!: DigestMode;

  @Column()
  updatedAt!: Date;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}
