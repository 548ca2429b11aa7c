import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { CollaborationContext } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode } from '../common/errors/domain.exception.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { missingTerms } from './terms.js';

/** The legal details an agreement names each party by; an individual is identified by KTP, a business by NIB. */
function missingPartyDetails(label: string, org: OrganizationEntity | undefined): string[] {
  if (!org) return [`parties.${label}`];
  const missing: string[] = [];
  if (!org.legalName) missing.push(`parties.${label}.legalName`);
  if (!org.address) missing.push(`parties.${label}.address`);
  if (org.legalForm === 'individual' ? !org.ktpSealed : !org.nibSealed)
    missing.push(`parties.${label}.${org.legalForm === 'individual' ? 'ktp' : 'nib'}`);
  if (!org.signatoryName || !org.signatoryTitle) missing.push(`parties.${label}.signatory`);
  return missing;
}

/**
 * Refuses `terms.accept` (422, nothing changes) when the latest terms and the parties' details could not make a
 * complete agreement: an agreement is never generated with blanks.
 */
export async function assertAgreementDataComplete(em: EntityManager, context: CollaborationContext): Promise<void> {
  const terms = context.termsRevisions.at(-1)?.terms ?? {};
  const ids = [context.initiatorOrganizationId, ...context.partnerOrganizationIds];
  const orgs = new Map((await em.findBy(OrganizationEntity, { id: In(ids) })).map((o) => [o.id, o]));
  const labels = ids.map((id, i) => (i === 0 ? 'initiator' : context.partnerOrganizationIds.length === 1 ? 'partner' : `partner${i}`));
  const missing = [...ids.flatMap((id, i) => missingPartyDetails(labels[i], orgs.get(id))), ...missingTerms(context.form, terms)];
  if (missing.length === 0) return;
  throw new DomainException(ErrorCode.AGREEMENT_DATA_INCOMPLETE, `The agreement cannot be made yet: ${missing.join(', ')} missing`, {
    missing,
  });
}
