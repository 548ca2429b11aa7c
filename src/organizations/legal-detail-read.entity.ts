import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity.js';

export const READ_PURPOSES = ['organization', 'export', 'agreement'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

/** One read of an organization's NIB, KTP/NIK or NPWP in full: by whom (null: the service, for an agreement) and why. */
@Entity('legal_detail_reads')
@Index(['organizationId', 'createdAt'])
export class LegalDetailReadEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  purpose!: ReadPurpose;

  @Column({ type: 'uuid', nullable: true })
  collaborationId!: string | null;

  @Column()
  createdAt!: Date;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;
}
