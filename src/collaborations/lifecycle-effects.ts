import type { AgreementsService } from '../agreements/agreements.service.js';
import type { ChecklistService } from '../ip-checklist/checklist.service.js';
import type { EffectHandlers } from '../workflow-runtime/effect-handlers.js';

/** The lifecycle's effects: the agreement rendered from its form's template, and the IP checklist built from the parties' records. */
export function lifecycleEffects(agreements: AgreementsService, checklist: ChecklistService): EffectHandlers {
  return {
    generateAgreement: (input) => agreements.generate(input),
    produceExecutedCopy: (input) => agreements.produceExecutedCopy(input),
    buildChecklist: (input) => checklist.build(input),
  };
}
