import { Column, Entity, PrimaryColumn } from 'typeorm';

export const LEGAL_FORMS = ['individual', 'ud', 'cv', 'pt'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
// Scale decides DJKI fees (UMK rates for micro and small).
export const SCALES = ['micro', 'small', 'medium'] as const;
export type Scale = (typeof SCALES)[number];

export interface Deed {
  number: string;
  date: string;
  notary: string;
}

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  legalForm!: LegalForm;

  @Column({ type: 'varchar', length: 16 })
  scale!: Scale;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'simple-json' })
  brands!: string[];

  @Column({ type: 'simple-json' })
  categories!: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  instagram!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website!: string | null;

  // Legal details an agreement needs; empty until the organization fills them in.
  @Column({ type: 'varchar', length: 200, nullable: true })
  legalName!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  // NIB, KTP/NIK and NPWP, only ever encrypted (legal-ids.ts): read them through LegalIds, which logs who did.
  @Column({ type: 'text', nullable: true })
  nibSealed!: string | null;

  @Column({ type: 'text', nullable: true })
  ktpSealed!: string | null;

  @Column({ type: 'text', nullable: true })
  npwpSealed!: string | null;

  // ISO 3166-1 alpha-2: whether the organization is an Indonesian party (the language rule, legal facts §4.2).
  @Column({ type: 'varchar', length: 2, default: 'ID' })
  country!: string;

  // Deed of establishment of a PT or CV: {number, date (YYYY-MM-DD), notary}.
  @Column({ type: 'simple-json', nullable: true })
  deed!: Deed | null;

  // Ministry of Law decree ratifying a PT (SK AHU).
  @Column({ type: 'varchar', length: 100, nullable: true })
  skAhu!: string | null;

  // The owner of a UD, who is the party (a UD is not a legal entity); the NIK only encrypted, like the numbers above.
  @Column({ type: 'varchar', length: 200, nullable: true })
  ownerName!: string | null;

  @Column({ type: 'text', nullable: true })
  ownerNikSealed!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  signatoryTitle!: string | null;

  // The account the recorded signatory signs with: only that member may sign agreements for the organization.
  @Column({ type: 'uuid', nullable: true })
  signatoryUserId!: string | null;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
