import { Module } from '@nestjs/common';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { InvitationsModule } from '../invitations/invitations.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { IpChecklistModule } from '../ip-checklist/ip-checklist.module.js';
import { CollaborationChecklistController } from './collaboration-checklist.controller.js';
import { CollaborationPartnersController } from './collaboration-partners.controller.js';
import { CollaborationAgreementsController } from './collaboration-agreements.controller.js';
import { CollaborationsController } from './collaborations.controller.js';
import { CollaborationsService } from './collaborations.service.js';

@Module({
  imports: [WorkflowRuntimeModule, AgreementsModule, IpChecklistModule, InvitationsModule, PartnersModule],
  controllers: [
    CollaborationsController,
    CollaborationAgreementsController,
    CollaborationChecklistController,
    CollaborationPartnersController,
  ],
  providers: [CollaborationsService],
  exports: [CollaborationsService],
})
export class CollaborationsModule {}
