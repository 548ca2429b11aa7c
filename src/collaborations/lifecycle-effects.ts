import { readFile } from 'node:fs/promises';
import type { ChecklistItemSeed } from '../../workflows/collaboration/index.js';
import type { AgreementsService } from '../agreements/agreements.service.js';
import { TEMPLATES_DIR } from '../common/paths.js';
import type { EffectHandlers } from '../workflow-runtime/effect-handlers.js';

/**
 * The lifecycle's effects. The agreement is rendered from its form's template and stored (agreements feature);
 * the checklist is still minimal, the base list in templates/checklists, until the IP-checklist feature builds the
 * full one.
 */
export function lifecycleEffects(agreements: AgreementsService): EffectHandlers {
  return {
    generateAgreement: (input) => agreements.generate(input),
    produceExecutedCopy: (input) => agreements.produceExecutedCopy(input),
    buildChecklist: async () => {
      const { items } = JSON.parse(await readFile(`${TEMPLATES_DIR}/checklists/base-items.json`, 'utf8')) as { items: ChecklistItemSeed[] };
      return { type: 'checklist.generated', items };
    },
  };
}
