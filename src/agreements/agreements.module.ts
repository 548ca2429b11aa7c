import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { CollaborationsModule } from '../collaborations/index.js';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { AgreementsWorkflow } from './agreements-workflow.js';
import { AgreementsService } from './agreements.service.js';
import { CollaborationAgreementsController } from './collaboration-agreements.controller.js';
import { RenderPool } from './render-pool.js';
import { TemplateRegistry } from './template-registry.js';
import { TemplatesController } from './templates.controller.js';
import { VerifyController } from './verify.controller.js';

@Module({
  imports: [WorkflowRuntimeModule, CollaborationsModule, OrganizationsModule],
  controllers: [TemplatesController, VerifyController, CollaborationAgreementsController],
  // Built at start-up: a broken template stops the service with its file and line.
  providers: [
    { provide: TemplateRegistry, useFactory: () => new TemplateRegistry() },
    AgreementsService,
    AgreementsWorkflow,
    { provide: RenderPool, useFactory: () => new RenderPool() },
  ],
  exports: [TemplateRegistry, AgreementsService],
})
export class AgreementsModule {}
