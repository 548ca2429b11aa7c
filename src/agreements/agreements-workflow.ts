import { Injectable, type OnModuleInit } from '@nestjs/common';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { assertAgreementDataComplete, assertTermsAllowed } from './agreement-data.js';
import { AgreementsService } from './agreements.service.js';
import { validateTerms } from './terms.js';

/** What agreements add to the lifecycle: the agreement documents, and the checks of proposed and accepted terms. */
@Injectable()
export class AgreementsWorkflow implements OnModuleInit {
  constructor(
    private readonly plugins: WorkflowPlugins,
    private readonly agreements: AgreementsService,
  ) {}

  onModuleInit(): void {
    this.plugins.handle('generateAgreement', (input) => this.agreements.generate(input));
    this.plugins.handle('produceExecutedCopy', (input) => this.agreements.produceExecutedCopy(input));
    this.plugins.validate(['terms.propose'], async ({ em, before, event }) => {
      if (event.type !== 'terms.propose') return;
      validateTerms(before.form, event.terms);
      // The parties are known in negotiation; their details may still change, so terms.accept checks again.
      await assertTermsAllowed(em, before, before.form, event.terms);
    });
    // Only the recorded signatory the version names signs; what the event records of them comes from here, not the client.
    this.plugins.validate(['agreement.sign'], async ({ em, before, event }) => this.agreements.recordedSigner(em, before, event));
    // The revision accepted (the latest) must make a complete agreement: its terms are a detached part, read alone.
    this.plugins.validate(['terms.accept'], async ({ em, before, full }) =>
      assertAgreementDataComplete(em, await full({ pairs: [['termsRevisions.terms', String(before.termsRevisions.length - 1)]] })),
    );
  }
}
