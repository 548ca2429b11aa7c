import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** One generated agreement: immutable once written. */
@Entity('agreement_versions')
@Index(['sha256'])
@Index(['executedSha256'])
export class AgreementVersionEntity {
  @PrimaryColumn('uuid')
  collaborationId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  // id@version of the template
  @Column({ type: 'varchar', length: 100 })
  template!: string;

  // Exactly the data the template was merged with: the PDF can be rendered again from it, byte for byte.
  @Column({ type: 'simple-json' })
  data!: JsonObject;

  // The document tree as merged then: later renders (?lang=, the executed copy, diffs) use it, not today's template.
  @Column({ type: 'simple-json' })
  document!: JsonObject;

  // The bilingual PDF, as base64 text: one column type that both drivers read and write the same way.
  @Column({
    type: 'text',
    transformer: { to: (pdf: Buffer) => pdf.toString('base64'), from: (text: string) => Buffer.from(text, 'base64') },
  })
  pdf!: Buffer;

  // sha256 of the PDF file: what parties sign
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  // sha256 of template id@version + data, printed in the footer
  @Column({ type: 'varchar', length: 64 })
  contentHash!: string;

  @Column()
  createdAt!: Date;

  // The executed copy: the agreement plus its signature certificate page, made once every party has signed.
  @Column({
    type: 'text',
    nullable: true,
    transformer: {
      to: (pdf: Buffer | null) => pdf?.toString('base64') ?? null,
      from: (text: string | null) => (text === null ? null : Buffer.from(text, 'base64')),
    },
  })
  executedPdf!: Buffer | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  executedSha256!: string | null;

  @Column({ type: Date, nullable: true })
  executedAt!: Date | null;
}
