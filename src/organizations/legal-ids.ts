import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { Clock } from '../common/clock.js';
import { FieldCipher } from '../common/field-cipher.js';
import { LegalDetailReadEntity, type ReadPurpose } from './legal-detail-read.entity.js';
import { OrganizationEntity } from './organization.entity.js';

export interface LegalIdNumbers {
  nib: string | null;
  ktp: string | null;
  npwp: string | null;
  /** The NIK of a UD's owner. */
  ownerNik: string | null;
}
const FIELDS = [
  ['nib', 'nibSealed', 'nib_sealed'],
  ['ktp', 'ktpSealed', 'ktp_sealed'],
  ['npwp', 'npwpSealed', 'npwp_sealed'],
  ['ownerNik', 'ownerNikSealed', 'owner_nik_sealed'],
] as const;
type Sealed = Pick<OrganizationEntity, 'nibSealed' | 'ktpSealed' | 'npwpSealed' | 'ownerNikSealed'>;

export interface Reader {
  userId: string | null;
  purpose: ReadPurpose;
  collaborationId?: string;
}

/**
 * The identity numbers of an organization (NIB, KTP/NIK, NPWP, a UD owner's NIK: personal data under UU 27/2022): stored only encrypted,
 * and every full read goes through `read`, which logs who read them and why. Everything else sees them masked.
 */
@Injectable()
export class LegalIds implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegalIds.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** The numbers in full, with a row in the organization's access log, written with `em` (the caller's transaction). */
  async read(em: EntityManager, org: OrganizationEntity, reader: Reader): Promise<LegalIdNumbers> {
    const numbers = this.open(org);
    if (numbers.nib || numbers.ktp || numbers.npwp || numbers.ownerNik) {
      await em.insert(LegalDetailReadEntity, {
        id: randomUUID(),
        organizationId: org.id,
        userId: reader.userId,
        purpose: reader.purpose,
        collaborationId: reader.collaborationId ?? null,
        createdAt: this.clock.now(),
      });
    }
    return numbers;
  }

  /** Only the last 4 digits: enough to recognize a number, not to use it. Not logged. */
  masked(org: OrganizationEntity): LegalIdNumbers {
    const open = this.open(org);
    const mask = (value: string | null): string | null => (value === null ? null : `${'•'.repeat(value.length - 4)}${value.slice(-4)}`);
    return { nib: mask(open.nib), ktp: mask(open.ktp), npwp: mask(open.npwp), ownerNik: mask(open.ownerNik) };
  }

  /** The columns to write for changed numbers (undefined: unchanged, null: cleared). */
  seal(organizationId: string, numbers: Partial<LegalIdNumbers>): Partial<Sealed> {
    const changes: Partial<Sealed> = {};
    for (const [field, property, column] of FIELDS) {
      const value = numbers[field];
      if (value === undefined) continue;
      changes[property] = value === null ? null : this.cipher.encrypt(value, this.place(organizationId, column));
    }
    return changes;
  }

  private open(org: OrganizationEntity): LegalIdNumbers {
    const numbers: LegalIdNumbers = { nib: null, ktp: null, npwp: null, ownerNik: null };
    for (const [field, property, column] of FIELDS) {
      const stored = org[property];
      // A plain value is one a migration moved before this instance sealed it (onApplicationBootstrap).
      if (stored !== null)
        numbers[field] = FieldCipher.isEncrypted(stored) ? this.cipher.decrypt(stored, this.place(org.id, column)) : stored;
    }
    return numbers;
  }

  /**
   * Before the first request: encrypts values not under the current key — moved plain by the migration, or written
   * under a previous key during a rotation. Each update is conditional on the value read, so instances starting
   * together do not undo each other.
   */
  async onApplicationBootstrap(): Promise<void> {
    const organizations = this.dataSource.getRepository(OrganizationEntity);
    const rows = await organizations.find({
      select: { id: true, nibSealed: true, ktpSealed: true, npwpSealed: true, ownerNikSealed: true },
      where: FIELDS.map(([, property]) => ({ [property]: Not(IsNull()) })),
    });
    let rewritten = 0;
    for (const row of rows) {
      for (const [, property, column] of FIELDS) {
        const value = row[property];
        if (value === null || this.cipher.isCurrent(value)) continue;
        const place = this.place(row.id, column);
        const plain = FieldCipher.isEncrypted(value) ? this.cipher.decrypt(value, place) : value;
        const { affected } = await organizations.update(
          { id: row.id, [property]: value },
          { [property]: this.cipher.encrypt(plain, place) },
        );
        rewritten += affected ?? 0;
      }
    }
    if (rewritten > 0) this.logger.log(`encrypted ${rewritten} identity numbers under the current data key`);
  }

  private place(rowId: string, column: string): { table: string; column: string; rowId: string } {
    return { table: 'organizations', column, rowId };
  }
}
