import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Form } from '../../workflows/collaboration/index.js';
import type { Channel, PriceTier } from '../organizations/dto/partner-profile.dto.js';

export interface Audience {
  ageBands: string[];
  femalePercent?: number;
  cities: string[];
  followers: { instagram?: number; tiktok?: number };
}

/** An organization's public partner profile; in the directory only while `listed`. */
@Entity('partner_profiles')
@Index(['listed', 'listedAt', 'organizationId'])
export class PartnerProfileEntity {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column()
  listed!: boolean;

  // When it was last listed: the directory's "newest first"
  @Column({ type: Date, nullable: true })
  listedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  priceTier!: PriceTier;

  @Column({ type: 'integer' })
  capacityPerMonth!: number;

  @Column({ type: 'integer' })
  leadTimeDays!: number;

  @Column({ type: 'text' })
  story!: string;

  @Column({ type: 'simple-json' })
  audience!: Audience;

  @Column({ type: 'simple-json' })
  channels!: Channel[];

  @Column({ type: 'simple-json' })
  tags!: string[];

  @Column({ type: 'simple-json' })
  openToForms!: Form[];

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}

export const VALUE_KINDS = ['channel', 'tag', 'form', 'city', 'category'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** One filterable value of a listed profile, normalized (trimmed, lower case), so filters are portable EXISTS lookups. */
@Entity('partner_profile_values')
@Index(['kind', 'value', 'organizationId'])
export class PartnerProfileValueEntity {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: ValueKind;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  value!: string;
}

/** How a filter value is stored and compared: case and spacing do not matter. */
export const normalizeValue = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 100);
