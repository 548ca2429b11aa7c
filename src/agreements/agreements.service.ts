import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { type CollaborationContext, type CollaborationEvent, type Form, parties } from '../../workflows/collaboration/index.js';
import { jakartaDate } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import type { Bilingual, LayoutLanguage } from '../documents/bilingual.js';
import { readTemplate } from '../documents/templates.js';
import { fill } from '../documents/fill.js';
import { wibDateTime } from '../documents/format.js';
import { escapeHtml } from '../common/html.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { CollaborationReader } from '../collaborations/index.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LegalIds, type LegalIdNumbers } from '../organizations/legal-ids.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { UserEntity } from '../users/user.entity.js';
import type { EffectInput, EffectResult } from '../workflow-runtime/plugins.js';
import { HistoryEventEntity } from '../workflow-runtime/history-event.entity.js';
import { AgreementVersionEntity } from './agreement-version.entity.js';
import type { AgreementData, AgreementDocument, ClauseNode, PartyData } from './document.js';
import type { SignatureCertificate } from './pdf-layout.js';
import { RenderPool } from './render-pool.js';
import { TemplateRegistry } from './template-registry.js';
import { type Change, DIFF_BUDGET, type TextPair } from './word-diff.js';

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

// The one bilingual /verify message; the others, like every API message, are English only.
type PageWords = Record<
  | 'title'
  | 'intro'
  | 'number'
  | 'version'
  | 'fingerprint'
  | 'status'
  | 'generated'
  | 'signed'
  | 'executed'
  | 'createdAt'
  | 'lastSignedAt'
  | 'executedAt'
  | 'unknown',
  Bilingual
>;
const AGREEMENT_WORDS = readTemplate<{ verify: { notIssued: Bilingual }; publicPage: PageWords }>('agreements/words.json');
const NOT_ISSUED = AGREEMENT_WORDS.verify.notIssued;
const PAGE_WORDS = AGREEMENT_WORDS.publicPage;

export interface VerifyResult {
  genuine: boolean;
  sha256: string;
  kind?: 'agreement' | 'executed';
  message: string;
  /** Only for a party to the collaboration. */
  collaborationId?: string;
  version?: number;
}

export interface AgreementDiff {
  from: number;
  to: number;
  template: { from: string; to: string };
  /** Only the clauses that differ. */
  clauses: Array<{ heading: { id: string; en: string }; status: 'added' | 'removed' | 'changed'; changes: { id: Change[]; en: Change[] } }>;
}

export interface AgreementVersionSummary {
  version: number;
  sha256: string;
  contentHash: string;
  template: string;
  createdAt: string;
}

function partyData(org: OrganizationEntity, numbers: LegalIdNumbers): PartyData {
  const legalName = org.legalName ?? org.name;
  const foreign = org.country !== 'ID';
  const kind = org.legalForm === 'individual' ? (foreign ? 'foreign_individual' : 'individual') : foreign ? 'foreign' : org.legalForm;
  const owner = org.legalForm === 'ud' && org.ownerName ? { name: org.ownerName, nik: numbers.ownerNik } : null;
  // An individual signs in their own right, a UD's owner for themself; others through their signatory.
  const signatory = org.signatoryName
    ? { name: org.signatoryName, title: org.signatoryTitle ?? '' }
    : owner
      ? { name: owner.name, title: 'Pemilik' }
      : { name: org.legalForm === 'individual' ? legalName : '', title: '' };
  return {
    name: org.brands[0] ?? org.name,
    legalName,
    legalForm: org.legalForm,
    address: org.address ?? '',
    nib: numbers.nib,
    ktp: numbers.ktp,
    signatory,
    kind,
    country: org.country,
    domicile: org.city,
    npwp: numbers.npwp,
    deed: org.deed,
    skAhu: org.skAhu,
    owner,
    partyName: owner ? `${owner.name} (${legalName})` : legalName,
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
    private readonly renderer: RenderPool,
    private readonly collaborations: CollaborationReader,
    private readonly legalIds: LegalIds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The `generateAgreement` effect: renders the accepted terms with the form's template and stores the version.
   * Idempotent: a retry finds the version already stored and reports the same hash.
   */
  async generate({ collaborationId, context, params, createdAt }: EffectInput): Promise<EffectResult> {
    const version = Number(params.version);
    const repository = this.dataSource.getRepository(AgreementVersionEntity);
    const existing = await repository.findOneBy({ collaborationId: collaborationId, version });
    if (existing) return { type: 'agreement.generated', version, sha256: existing.sha256 };

    const data = await this.data(collaborationId, context, Number(params.revision), version, createdAt);
    const template = this.registry.forForm(context.form);
    const built = this.registry.document(template, data, createdAt);
    // The QR on every page leads to the public page of this version; stored with the document, so re-renders keep it.
    const document = { ...built, verifyUrl: `${this.config.publicUrl}/v/${built.contentHash}` };
    const pdf = await this.renderer.render(document, 'bilingual');
    const row = Object.assign(new AgreementVersionEntity(), {
      collaborationId: collaborationId,
      version,
      template: template.ref,
      data,
      document: { ...document, createdAt: undefined },
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      contentHash: document.contentHash,
      createdAt,
    });
    try {
      await repository.insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const stored = await repository.findOneByOrFail({ collaborationId: collaborationId, version });
      return { type: 'agreement.generated', version, sha256: stored.sha256 };
    }
    return { type: 'agreement.generated', version, sha256: row.sha256 };
  }

  /**
   * The `produceExecutedCopy` effect, once every party has signed: the agreement again, with a signature
   * certificate page, hashed and stored. Idempotent: an executed copy is made once.
   */
  async produceExecutedCopy({ collaborationId, context, params, createdAt }: EffectInput): Promise<EffectResult> {
    const version = Number(params.version);
    const repository = this.dataSource.getRepository(AgreementVersionEntity);
    const row = await repository.findOneByOrFail({ collaborationId: collaborationId, version });
    if (row.executedSha256) return null;
    const names = new Map(
      (await this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(parties(context)) })).map((o) => [
        o.id,
        o.legalName ?? o.name,
      ]),
    );
    const history = await this.dataSource
      .getRepository(HistoryEventEntity)
      .find({ where: { collaborationId: collaborationId }, order: { seq: 'ASC' } });
    // The agreement stage of this version: from the acceptance that started it (the version-th one) to the last signature.
    const start = history.filter((e) => e.type === 'terms.accept')[version - 1]?.seq ?? 0;
    const stage = history.filter((e) => e.seq >= start && ['terms.accept', 'agreement.generated', 'agreement.sign'].includes(e.type));
    const signatures = context.signatures.filter((s) => s.version === version);
    const accounts = new Map(
      (await this.dataSource.getRepository(UserEntity).findBy({ id: In(signatures.map((s) => s.userId)) })).map((u) => [
        u.id,
        `${u.name} <${u.email}>`,
      ]),
    );
    const certificate: SignatureCertificate = {
      version,
      sha256: row.sha256,
      signatures: signatures.map((s) => ({
        block: parties(context).indexOf(s.organizationId),
        party: names.get(s.organizationId) ?? s.organizationId,
        signerName: s.signerName,
        signerTitle: s.signerTitle,
        // The service records the place with the signatory it checked; a signature without it named itself.
        recordedSignatory: s.place !== undefined,
        account: accounts.get(s.userId) ?? null,
        at: s.at,
        place: s.place ?? null,
        meterai: s.meterai ?? null,
        ip: s.ip ?? null,
        userAgent: s.userAgent ?? null,
      })),
      history: stage.map((e) => ({
        at: e.at.toISOString(),
        event: e.type,
        by:
          typeof e.actor.organizationId === 'string' ? (names.get(e.actor.organizationId) ?? e.actor.organizationId) : String(e.actor.kind),
      })),
    };
    // Sealed at the moment it is made: a reader shows any change since; its sha256 is of the sealed bytes.
    const document = this.storedDocument(row);
    const pdf = await this.renderer.render(document, 'bilingual', certificate, {
      key: this.config.seal,
      at: createdAt,
      reason: `Executed copy of ${document.number} v${version}, issued by Kolabora`,
    });
    await repository.update(
      { collaborationId: collaborationId, version, executedSha256: IsNull() },
      { executedPdf: pdf, executedSha256: createHash('sha256').update(pdf).digest('hex'), executedAt: createdAt },
    );
    return null;
  }

  /**
   * Who signs for a party (the `agreement.sign` validator): only the account linked to the organization's recorded
   * signatory, and only while that signatory is the one the version names (else 403 `SIGNING_AUTHORITY_REQUIRED`).
   * The event records their name and title and the organization's city as the place of signing.
   */
  async recordedSigner(em: EntityManager, context: CollaborationContext, event: CollaborationEvent): Promise<Record<string, string>> {
    if (event.type !== 'agreement.sign' || event.actor.kind !== 'party') return {};
    const { organizationId, userId } = event.actor;
    const org = await em.findOneByOrFail(OrganizationEntity, { id: organizationId });
    const refuse = (reason: string): never => {
      throw new DomainException(ErrorCode.SIGNING_AUTHORITY_REQUIRED, reason, { organizationId, signatory: org.signatoryName, reason });
    };
    if (!org.signatoryName || !org.signatoryTitle || !org.signatoryUserId)
      refuse('The organization has no recorded signatory with an account: an admin sets signatory.userId first');
    if (org.signatoryUserId !== userId) refuse("Only the organization's recorded signatory may sign its agreements");
    const row = await em.findOne(AgreementVersionEntity, {
      where: { collaborationId: context.id, version: event.version },
      select: { collaborationId: true, version: true, data: true },
    });
    const side = parties(context).indexOf(organizationId) === 0 ? 'initiator' : 'partner';
    const named = (row?.data as AgreementData | undefined)?.parties[side].signatory;
    if (named && (named.name !== org.signatoryName || named.title !== org.signatoryTitle)) {
      refuse(
        `This version names ${named.name} (${named.title}) as signatory, not the recorded ${org.signatoryName} ` +
          `(${org.signatoryTitle}): request changes for a new version`,
      );
    }
    return { signerName: org.signatoryName!, signerTitle: org.signatoryTitle!, place: org.city };
  }

  /**
   * Whether a file, by its sha256 (taken as it arrived), is byte-identical to an agreement or executed copy issued
   * here. Anyone may ask; someone who is not a party learns only "genuine, executed on <date> by <n> parties" or "not
   * a document issued here".
   */
  async verify(sha256: string, userId: string | null): Promise<VerifyResult> {
    const notIssued: VerifyResult = { genuine: false, sha256, message: `${NOT_ISSUED.en} / ${NOT_ISSUED.id}` };
    const row = await this.dataSource.getRepository(AgreementVersionEntity).findOne({
      where: [{ sha256 }, { executedSha256: sha256 }],
      select: { collaborationId: true, version: true, sha256: true, executedSha256: true, executedAt: true, createdAt: true },
    });
    if (!row) return notIssued;
    const executed = row.executedSha256 === sha256;
    const isParty = userId !== null && (await this.collaborations.isPartyMember(row.collaborationId, userId));
    const signers = row.executedAt ? await this.signatureCount(row.collaborationId, row.version) : 0;
    const on = row.executedAt ? jakartaDate(row.executedAt) : '';
    if (!executed && row.executedAt) {
      // The file every party signed (its sha256 is on the executed copy's certificate): genuine to anyone.
      const message = `Genuine: version ${row.version} as signed by ${signers} parties; its executed copy was issued on ${on}`;
      return isParty
        ? { genuine: true, sha256, kind: 'agreement', message, collaborationId: row.collaborationId, version: row.version }
        : { genuine: true, sha256, kind: 'agreement', message };
    }
    if (!executed && !isParty) return notIssued; // an unsigned draft is nothing a third party should rely on
    if (!executed) {
      return {
        genuine: true,
        sha256,
        kind: 'agreement',
        message: `Genuine: version ${row.version}, not yet executed`,
        collaborationId: row.collaborationId,
        version: row.version,
      };
    }
    const message = `Genuine: executed on ${on} by ${signers} parties`;
    return isParty
      ? { genuine: true, sha256, kind: 'executed', message, collaborationId: row.collaborationId, version: row.version }
      : { genuine: true, sha256, kind: 'executed', message };
  }

  /**
   * The public page behind the QR code on every page (`/v/<contentHash>`), no login: the agreement's number, version,
   * fingerprint, status and dates, in both languages — nothing of the parties.
   */
  async publicPage(fingerprint: string): Promise<{ status: number; html: string }> {
    const row = /^[0-9a-f]{64}$/.test(fingerprint)
      ? await this.dataSource.getRepository(AgreementVersionEntity).findOne({
          where: { contentHash: fingerprint },
          select: { collaborationId: true, version: true, contentHash: true, document: true, createdAt: true, executedAt: true },
        })
      : null;
    const page = (status: number, body: string): { status: number; html: string } => ({
      status,
      html: `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(`${PAGE_WORDS.title.id} / ${PAGE_WORDS.title.en}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
dt{font-weight:600}dd{margin:0 0 .6rem;overflow-wrap:anywhere}.en{color:#444}</style>
</head><body>${body}</body></html>`,
    });
    if (!row)
      return page(404, `<p>${escapeHtml(PAGE_WORDS.unknown.id)}</p><p class="en" lang="en">${escapeHtml(PAGE_WORDS.unknown.en)}</p>`);
    const context = await this.collaborations.contextOf(row.collaborationId, 'snapshot');
    const signatures = context.signatures.filter((s) => s.version === row.version);
    const parties = 1 + context.partnerOrganizationIds.length;
    const number = (row.document as { number?: string }).number ?? '';
    const section = (lang: 'id' | 'en'): string => {
      const w = (key: keyof PageWords): string => escapeHtml(PAGE_WORDS[key][lang]);
      const status = row.executedAt
        ? w('executed')
        : signatures.length > 0
          ? escapeHtml(fill(PAGE_WORDS.signed[lang], { n: String(signatures.length), m: String(parties) }))
          : w('generated');
      const when = (iso: string): string => escapeHtml(wibDateTime(iso, lang));
      const lastSigned = signatures
        .map((s) => s.at)
        .sort()
        .at(-1);
      return `<section lang="${lang}" class="${lang}"><h1>${w('title')}</h1><p>${w('intro')}</p><dl>
<dt>${w('number')}</dt><dd>${escapeHtml(number)}</dd>
<dt>${w('version')}</dt><dd>${row.version}</dd>
<dt>${w('fingerprint')}</dt><dd><code>${row.contentHash}</code></dd>
<dt>${w('status')}</dt><dd>${status}</dd>
<dt>${w('createdAt')}</dt><dd>${when(row.createdAt.toISOString())}</dd>
${lastSigned ? `<dt>${w('lastSignedAt')}</dt><dd>${when(lastSigned)}</dd>` : ''}
${row.executedAt ? `<dt>${w('executedAt')}</dt><dd>${when(row.executedAt.toISOString())}</dd>` : ''}
</dl></section>`;
    };
    return page(200, section('id') + section('en'));
  }

  private async signatureCount(collaborationId: string, version: number): Promise<number> {
    const context = await this.collaborations.contextOf(collaborationId, 'snapshot');
    return context.signatures.filter((s) => s.version === version).length;
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
    const filename = this.filename(row, form, lang === 'bilingual' ? '' : `-${lang}`);
    if (lang === 'bilingual') return { pdf: row.pdf, sha256: row.sha256, filename };
    const pdf = await this.renderer.render(this.storedDocument(row), lang);
    return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), filename };
  }

  /** What changed between two versions, clause by clause, word by word in each language. */
  async diff(collaborationId: string, from: number, to: number): Promise<AgreementDiff> {
    const [a, b] = await Promise.all([this.load(collaborationId, from, true), this.load(collaborationId, to, true)]);
    const clausesOf = (row: AgreementVersionEntity): Map<string, ClauseNode> =>
      new Map(this.storedDocument(row).clauses.map((c) => [c.heading.en, c]));
    const [before, after] = [clausesOf(a), clausesOf(b)];
    const text = (clause: ClauseNode | undefined, lang: 'id' | 'en'): string =>
      (clause?.paragraphs ?? [])
        .flatMap((p) => [
          `${p.number} ${p.text[lang]}`,
          ...p.items.map((i) => `${i.label} ${i.text[lang]}`),
          ...(p.texts ?? []).map((t) => (t.kind === 'columns' ? t.text[lang] : t.text)),
          ...p.tables.flatMap((t) => t.rows.map((r) => r.map((c) => c[lang]).join(' | '))),
        ])
        .join('\n');
    const headings = [...new Set([...before.keys(), ...after.keys()])];
    const pairs = headings.flatMap((h): TextPair[] =>
      (['id', 'en'] as const).map((lang) => [text(before.get(h), lang), text(after.get(h), lang)]),
    );
    // On a worker thread, within a budget: the cost grows with the square of the edits.
    const diffs = await this.renderer.diff(pairs);
    if (!diffs) {
      throw new DomainException(
        ErrorCode.DIFF_TOO_LARGE,
        `Versions ${from} and ${to} differ too much to compare word by word; compare their PDFs`,
        { maxEdits: DIFF_BUDGET.maxEdits, timeoutSeconds: DIFF_BUDGET.timeoutMs / 1000 },
      );
    }
    const clauses: AgreementDiff['clauses'] = [];
    headings.forEach((heading, i) => {
      const [old, now] = [before.get(heading), after.get(heading)];
      const changes = { id: diffs[2 * i], en: diffs[2 * i + 1] };
      const unchanged = (list: Change[]): boolean => list.every((c) => c.op === 'same');
      if (old && now && unchanged(changes.id) && unchanged(changes.en)) return;
      clauses.push({ heading: (now ?? old)!.heading, status: !old ? 'added' : !now ? 'removed' : 'changed', changes });
    });
    return { from, to, template: { from: a.template, to: b.template }, clauses };
  }

  /** The executed copy, once every party has signed. */
  async executed(collaborationId: string, version: number, form: Form): Promise<{ pdf: Buffer; sha256: string; filename: string }> {
    const row = await this.load(collaborationId, version, true);
    if (!row.executedPdf || !row.executedSha256) throw notFound('Executed copy');
    return { pdf: row.executedPdf, sha256: row.executedSha256, filename: this.filename(row, form, '-executed') };
  }

  /** A name a person would keep: Perjanjian-Co-Branding-LOOKOUT-x-Kain-v2.pdf */
  private filename(row: AgreementVersionEntity, form: Form, suffix: string): string {
    const { parties } = row.data as AgreementData;
    const brand = (p: PartyData): string => p.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'Pihak';
    return `Perjanjian-${FILE_LABEL[form]}-${brand(parties.initiator)}-x-${brand(parties.partner)}-v${row.version}${suffix}.pdf`;
  }

  // A version renders from the tree stored with it: templates are content and move on, a signed version does not.
  private storedDocument(row: AgreementVersionEntity): AgreementDocument {
    return { ...(row.document as AgreementDocument), createdAt: row.createdAt };
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

  /** A party as the agreement names it; reading its identity numbers is logged for its admins. */
  private async party(org: OrganizationEntity, collaborationId: string): Promise<PartyData> {
    const numbers = await this.legalIds.read(this.dataSource.manager, org, { userId: null, purpose: 'agreement', collaborationId });
    return partyData(org, numbers);
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
        date: jakartaDate(createdAt),
        place: orgs.get(ids[0])!.city,
      },
      parties: {
        initiator: await this.party(orgs.get(ids[0])!, collaborationId),
        partner: await this.party(orgs.get(ids[1])!, collaborationId),
      },
      terms,
    };
  }
}
