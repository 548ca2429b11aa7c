import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { CollaborationContext, Form } from '../../workflows/collaboration/index.js';
import { notFound } from '../common/errors/domain.exception.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { EffectInput, EffectResult } from '../workflow-runtime/effect-handlers.js';
import { AgreementVersionEntity } from './agreement-version.entity.js';
import type { AgreementData, PartyData } from './document.js';
import { type LayoutLanguage, renderAgreementPdf } from './pdf-layout.js';
import { TemplateRegistry } from './template-registry.js';

const JAKARTA_OFFSET_MS = 7 * 3_600_000;

const FILE_LABEL: Record<Form, string> = {
  co_branding: 'Co-Branding',
  licensing: 'Lisensi-Merek',
  consignment: 'Konsinyasi',
  endorsement: 'Endorsement',
  distribution: 'Distribusi',
  joint_venture: 'Usaha-Patungan',
  nda: 'Kerahasiaan',
  mou: 'Nota-Kesepahaman',
};

export interface AgreementVersionSummary {
  version: number;
  sha256: string;
  contentHash: string;
  template: string;
  createdAt: string;
}

function partyData(org: OrganizationEntity): PartyData {
  return {
    name: org.brands[0] ?? org.name,
    legalName: org.legalName ?? org.name,
    legalForm: org.legalForm,
    address: org.address ?? '',
    nib: org.nib,
    ktp: org.ktp,
    signatory: { name: org.signatoryName ?? '', title: org.signatoryTitle ?? '' },
  };
}

const summary = (row: AgreementVersionEntity): AgreementVersionSummary => ({
  version: row.version,
  sha256: row.sha256,
  contentHash: row.contentHash,
  template: row.template,
  createdAt: row.createdAt.toISOString(),
});

/** Generates, stores and serves agreement versions: immutable, each with the exact data it was rendered from. */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: TemplateRegistry,
  ) {}

  /**
   * The `generateAgreement` effect: renders the accepted terms with the form's template and stores the version.
   * Idempotent: a retry finds the version already stored and reports the same hash.
   */
  async generate({ collaboration, context, params, createdAt }: EffectInput): Promise<EffectResult> {
    const version = Number(params.version);
    const repository = this.dataSource.getRepository(AgreementVersionEntity);
    const existing = await repository.findOneBy({ collaborationId: collaboration.id, version });
    if (existing) return { type: 'agreement.generated', version, sha256: existing.sha256 };

    const data = await this.data(collaboration.id, context, Number(params.revision), version, createdAt);
    const template = this.registry.forForm(context.form);
    const document = this.registry.document(template, data, createdAt);
    const pdf = await renderAgreementPdf(document, 'bilingual');
    const row = Object.assign(new AgreementVersionEntity(), {
      collaborationId: collaboration.id,
      version,
      template: template.ref,
      data,
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      contentHash: document.contentHash,
      createdAt,
    });
    try {
      await repository.insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const stored = await repository.findOneByOrFail({ collaborationId: collaboration.id, version });
      return { type: 'agreement.generated', version, sha256: stored.sha256 };
    }
    return { type: 'agreement.generated', version, sha256: row.sha256 };
  }

  async list(collaborationId: string): Promise<AgreementVersionSummary[]> {
    const rows = await this.dataSource.getRepository(AgreementVersionEntity).find({
      where: { collaborationId },
      select: { collaborationId: true, version: true, sha256: true, contentHash: true, template: true, createdAt: true },
      order: { version: 'ASC' },
    });
    return rows.map(summary);
  }

  async get(collaborationId: string, version: number): Promise<AgreementVersionSummary> {
    return summary(await this.load(collaborationId, version, false));
  }

  /** The stored bilingual file, or the same version laid out in one language from its stored data. */
  async pdf(
    collaborationId: string,
    version: number,
    lang: LayoutLanguage,
    form: Form,
  ): Promise<{ pdf: Buffer; sha256: string; filename: string }> {
    const row = await this.load(collaborationId, version, true);
    const data = row.data as AgreementData;
    let pdf = row.pdf;
    if (lang !== 'bilingual') {
      const template = this.registry.list().find((t) => t.ref === row.template) ?? this.registry.forForm(form);
      pdf = await renderAgreementPdf(this.registry.document(template, data, row.createdAt), lang);
    }
    const brand = (p: PartyData): string => p.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'Pihak';
    const filename = `Perjanjian-${FILE_LABEL[form]}-${brand(data.parties.initiator)}-x-${brand(data.parties.partner)}-v${version}${lang === 'bilingual' ? '' : `-${lang}`}.pdf`;
    return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), filename };
  }

  private async load(collaborationId: string, version: number, withPdf: boolean): Promise<AgreementVersionEntity> {
    const row = await this.dataSource.getRepository(AgreementVersionEntity).findOne({
      where: { collaborationId, version },
      select: withPdf
        ? undefined
        : { collaborationId: true, version: true, sha256: true, contentHash: true, template: true, createdAt: true },
    });
    if (!row) throw notFound('Agreement version');
    return row;
  }

  private async data(
    collaborationId: string,
    context: CollaborationContext,
    revision: number,
    version: number,
    createdAt: Date,
  ): Promise<AgreementData> {
    const ids = [context.initiatorOrganizationId, context.partnerOrganizationIds[0]];
    const orgs = new Map((await this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) })).map((o) => [o.id, o]));
    const terms = context.termsRevisions.find((r) => r.revision === revision)?.terms ?? {};
    return {
      agreement: {
        number: `KLB-${collaborationId.slice(0, 8).toUpperCase()}`,
        version,
        date: new Date(createdAt.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10),
        place: orgs.get(ids[0])!.city,
      },
      parties: { initiator: partyData(orgs.get(ids[0])!), partner: partyData(orgs.get(ids[1])!) },
      terms,
    };
  }
}
