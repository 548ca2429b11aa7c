import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const IP_KINDS = ['mark', 'design', 'copyright'] as const;
export type IpKind = (typeof IP_KINDS)[number];
export const IP_STATUSES = [
  'none',
  'searching',
  'filed',
  'published',
  'opposed',
  'examination',
  'registered',
  'refused',
  'lapsed',
] as const;
export type IpStatus = (typeof IP_STATUSES)[number];

/** A mark, industrial design or copyright recordal of an organization, with the dates its deadlines count from. */
@Entity('ip_records')
@Index(['organizationId', 'kind'])
export class IpRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: IpKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  // Nice classes (marks) or Locarno classes (designs); empty for copyright
  @Column({ type: 'simple-json' })
  classes!: number[];

  @Column({ type: 'varchar', length: 16 })
  status!: IpStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  applicationNumber!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  registrationNumber!: string | null;

  // Calendar dates, YYYY-MM-DD
  @Column({ type: 'date', nullable: true }) filingDate!: string | null;
  @Column({ type: 'date', nullable: true }) publicationDate!: string | null;
  @Column({ type: 'date', nullable: true }) oppositionDate!: string | null;
  @Column({ type: 'date', nullable: true }) refusalNoticeDate!: string | null;
  @Column({ type: 'date', nullable: true }) registrationDate!: string | null;
  @Column({ type: 'date', nullable: true }) lastUseEvidenceDate!: string | null;
  @Column({ type: 'date', nullable: true }) firstDisclosureDate!: string | null;

  // Organization ids or names of other owners; empty: the organization alone
  @Column({ type: 'simple-json' })
  owners!: string[];

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
