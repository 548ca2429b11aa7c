import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChecklistItemSeed } from '../../workflows/collaboration/index.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import type { EffectHandlers } from '../workflow-runtime/effect-handlers.js';

/** JSON with sorted keys, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The lifecycle's effects, minimal until their features land: the agreement is identified by the SHA-256 of the
 * canonical JSON of what it will contain (the agreements feature renders the PDF and hashes that instead), and the
 * checklist is the base list in templates/checklists (the IP-checklist feature builds the full one).
 */
export const LIFECYCLE_EFFECTS: EffectHandlers = {
  generateAgreement: async ({ collaboration, context, params }) => {
    const revision = context.termsRevisions.find((r) => r.revision === params.revision);
    const document = {
      collaborationId: collaboration.id,
      form: context.form,
      version: params.version,
      revision: params.revision,
      terms: revision?.terms ?? {},
      parties: [context.initiatorOrganizationId, ...context.partnerOrganizationIds],
    };
    const sha256 = createHash('sha256').update(canonicalJson(document)).digest('hex');
    return { type: 'agreement.generated', version: params.version as number, sha256 };
  },
  buildChecklist: async () => {
    const { items } = JSON.parse(await readFile(`${TEMPLATES_DIR}/checklists/base-items.json`, 'utf8')) as { items: ChecklistItemSeed[] };
    return { type: 'checklist.generated', items };
  },
};
