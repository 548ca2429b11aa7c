import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { CollaborationContext, Form } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { readTemplate } from '../documents/templates.js';
import type { LegalForm } from '../organizations/organization.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { missingTerms } from './terms.js';

interface Rule {
  rule?: string;
  basis: string;
  status: 'V' | 'S' | 'U';
}
const RULES = readTemplate<{
  prevailingLanguage: Rule;
  smallClaims: Rule & { maxClaimRupiah: number; sameDistrict: Rule };
}>('agreements/rules.json');

const isIndonesian = (org: OrganizationEntity): boolean => org.country === 'ID';
/** A [U] rule is stated as "to be confirmed" (legal facts preamble), never as law. */
const basis = (rule: Rule): string => (rule.status === 'U' ? `to be confirmed: ${rule.rule ?? rule.basis}` : rule.basis);

/**
 * What Indonesian practice names a party by, per legal form: a PT by its deed, SK AHU, NIB and NPWP; a CV the same
 * without SK AHU; a UD by its owner (a UD is not a legal entity); an individual by NIK, signing in their own right.
 * A foreign party is named by its legal name, address and signatory.
 */
export function missingOf(org: OrganizationEntity): string[] {
  const missing: string[] = [];
  if (!org.legalName) missing.push('legalName');
  if (!org.address) missing.push('address');
  const form: LegalForm = org.legalForm;
  if (!isIndonesian(org)) {
    if (form !== 'individual' && (!org.signatoryName || !org.signatoryTitle)) missing.push('signatory');
    return missing;
  }
  if (form === 'individual') {
    if (!org.ktpSealed) missing.push('ktp');
    return missing;
  }
  if (!org.nibSealed) missing.push('nib');
  if (form === 'ud') {
    if (!org.ownerName || !org.ownerNikSealed) missing.push('owner');
    return missing;
  }
  if (!org.deed) missing.push('deed');
  if (form === 'pt' && !org.skAhu) missing.push('skAhu');
  if (!org.npwpSealed) missing.push('npwp');
  if (!org.signatoryName || !org.signatoryTitle) missing.push('signatory');
  return missing;
}

/** The dispute terms a chosen forum needs: a named district court for court clauses, the BANI details for arbitration. */
export function missingDisputeTerms(terms: Record<string, unknown>): string[] {
  const needs: Record<string, string[]> = {
    district_court: ['districtCourt'],
    small_claims: ['districtCourt'],
    bani: ['arbitrationSeat', 'arbitrators', 'arbitrationLanguage'],
  };
  return (needs[String(terms.disputeResolution)] ?? []).filter((f) => terms[f] === undefined || terms[f] === null).map((f) => `terms.${f}`);
}

type Parties = Pick<CollaborationContext, 'initiatorOrganizationId' | 'partnerOrganizationIds'>;

async function partiesOf(em: EntityManager, context: Parties): Promise<Array<{ label: string; id: string; org?: OrganizationEntity }>> {
  const ids = [context.initiatorOrganizationId, ...context.partnerOrganizationIds];
  const orgs = new Map((await em.findBy(OrganizationEntity, { id: In(ids) })).map((o) => [o.id, o]));
  return ids.map((id, i) => ({
    id,
    org: orgs.get(id),
    label: i === 0 ? 'initiator' : context.partnerOrganizationIds.length === 1 ? 'partner' : `partner${i}`,
  }));
}

/**
 * Refuses `terms.accept` (422, nothing changes) when the latest terms and the parties' details could not make a
 * complete agreement: an agreement is never generated with blanks. `details.parties` says, per party, its legal form
 * and what that form still needs.
 */
export async function assertAgreementDataComplete(em: EntityManager, context: CollaborationContext): Promise<void> {
  const terms = context.termsRevisions.at(-1)?.terms ?? {};
  const parties = await partiesOf(em, context);
  const byParty: Record<string, { legalForm: LegalForm | null; country: string | null; missing: string[] }> = {};
  for (const { label, org } of parties) {
    const missing = org ? missingOf(org) : ['organization'];
    if (missing.length > 0) byParty[label] = { legalForm: org?.legalForm ?? null, country: org?.country ?? null, missing };
  }
  const missing = [
    ...Object.entries(byParty).flatMap(([label, p]) => p.missing.map((field) => `parties.${label}.${field}`)),
    ...missingTerms(context.form, terms),
    ...missingDisputeTerms(terms),
  ];
  if (missing.length > 0) {
    throw new DomainException(ErrorCode.AGREEMENT_DATA_INCOMPLETE, `The agreement cannot be made yet: ${missing.join(', ')} missing`, {
      missing,
      parties: byParty,
    });
  }
  await assertTermsAllowed(em, context, context.form, terms);
}

/** The money an agreement itself sets (fee, minimum guarantee, consigned goods at retail, contributions): the most a claim on it asks. */
export function agreementAmount(terms: Record<string, unknown>): number {
  const sum = (items: unknown, value: (i: Record<string, number>) => number): number =>
    Array.isArray(items) ? items.reduce((total: number, i) => total + (value(i as Record<string, number>) || 0), 0) : 0;
  return (
    (Number(terms.fee) || 0) +
    (Number(terms.minimumGuarantee) || 0) +
    sum(terms.goods, (g) => g.quantity * g.retailPrice) +
    sum(terms.contributions, (c) => c.valueIdr)
  );
}

// A place compared by name: "Kota Bandung", "bandung" and "Bandung" are one (which district a city falls in is [U]).
const place = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/^(kota|kabupaten|kab\.)\s+/, '');
const district = (org: OrganizationEntity): string => place(org.city);

/**
 * The legal rules terms must meet with these parties (templates/agreements/rules.json): English may prevail only with
 * a foreign party (422 PREVAILING_LANGUAGE_NOT_ALLOWED), and small claims only where they can apply (422
 * SMALL_CLAIMS_NOT_AVAILABLE, details.reasons saying why).
 */
export async function assertTermsAllowed(em: EntityManager, context: Parties, form: Form, terms: Record<string, unknown>): Promise<void> {
  if (terms.governingLanguage !== 'en' && terms.disputeResolution !== 'small_claims') return;
  const orgs = (await partiesOf(em, context)).flatMap((p) => (p.org ? [p.org] : []));
  if (terms.governingLanguage === 'en' && orgs.every(isIndonesian)) {
    throw new DomainException(
      ErrorCode.PREVAILING_LANGUAGE_NOT_ALLOWED,
      `terms.governingLanguage "en" is not allowed: every party is Indonesian, so the Indonesian version must prevail (${RULES.prevailingLanguage.basis})`,
      { field: 'terms.governingLanguage', basis: RULES.prevailingLanguage.basis, countries: orgs.map((o) => o.country) },
    );
  }
  if (terms.disputeResolution !== 'small_claims') return;
  const { smallClaims } = RULES;
  const reasons: Array<{ rule: string; message: string; basis: string }> = [];
  if (new Set(orgs.map((o) => `${o.country}/${district(o)}`)).size > 1) {
    reasons.push({
      rule: 'sameCourtDistrict',
      message: `the parties are not in one court district (${orgs.map((o) => `${o.city}, ${o.country}`).join(' / ')})`,
      basis: `${smallClaims.basis}; ${basis(smallClaims.sameDistrict)}`,
    });
  }
  const districts = new Set(orgs.map(district));
  const court = typeof terms.districtCourt === 'string' ? place(terms.districtCourt) : null;
  if (reasons.length === 0 && court !== null && !districts.has(court)) {
    reasons.push({
      rule: 'courtOfTheDistrict',
      message: `a small claim goes to the court of the parties' district (${orgs[0].city}), not Pengadilan Negeri ${String(terms.districtCourt)}`,
      basis: `${smallClaims.basis}; ${basis(smallClaims.sameDistrict)}`,
    });
  }
  const amount = agreementAmount(terms);
  if (amount > smallClaims.maxClaimRupiah) {
    reasons.push({
      rule: 'maxClaim',
      message: `the agreement sets Rp${amount.toLocaleString('id-ID')}, above the small-claims limit of Rp${smallClaims.maxClaimRupiah.toLocaleString('id-ID')}`,
      basis: smallClaims.basis,
    });
  }
  if (reasons.length === 0) return;
  throw new DomainException(
    ErrorCode.SMALL_CLAIMS_NOT_AVAILABLE,
    `terms.disputeResolution "small_claims" cannot apply to this ${form} agreement: ${reasons.map((r) => r.message).join('; ')}`,
    { field: 'terms.disputeResolution', reasons, maxClaimRupiah: smallClaims.maxClaimRupiah },
  );
}
