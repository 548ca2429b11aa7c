import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { MemberRole } from '../organizations/membership.entity.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type MembershipInvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * A pending membership: someone asked to join an organization, who becomes a member only by accepting through the mailed
 * link. Only the sha256 of the link's token is kept; a row is answered once and expires after MEMBERSHIP_INVITATION_DAYS.
 */
@Entity('membership_invitations')
@Index(['organizationId', 'status'])
@Index(['email', 'createdAt'])
export class MembershipInvitationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  // Normalized (NFC, lower case), compared with the accepting account's email.
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: MemberRole;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  // Null once that account is erased.
  @Column({ type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: MembershipInvitationStatus;

  // Why it was declined, when the invitee said.
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column()
  expiresAt!: Date;

  @Column({ type: Date, nullable: true })
  answeredAt!: Date | null;

  @Column()
  createdAt!: Date;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;
}
