import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const PARTY_ROLES = ['initiator', 'partner', 'invited'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Who may see a collaboration: kept in step with the machine context in the same transaction as each event. */
@Entity('collaboration_parties')
@Index(['organizationId'])
export class CollaborationPartyEntity {
  @PrimaryColumn('uuid')
  collaborationId!: string;

  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: PartyRole;
}
