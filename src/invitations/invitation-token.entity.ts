import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A contact's invitation link: only the sha256 of its token is kept. Single use; it expires with the invitation window. */
@Entity('invitation_tokens')
@Index(['collaborationId'])
@Index(['email', 'createdAt'])
@Index(['createdAt'])
export class InvitationTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column('uuid')
  collaborationId!: string;

  @Column({ type: 'varchar', length: 64 })
  candidateId!: string;

  // When the invitation was sent: an invitation re-sent later gets a new token.
  @Column({ type: 'varchar', length: 32 })
  invitedAt!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column()
  expiresAt!: Date;

  // Set by the accept or decline that used it, in the same transaction as the event.
  @Column({ type: Date, nullable: true })
  usedAt!: Date | null;

  @Column()
  createdAt!: Date;
}
