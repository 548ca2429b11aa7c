import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AgreementsService } from '../agreements/agreements.service.js';
import { lifecycleEffects } from '../collaborations/lifecycle-effects.js';
import { ChecklistService } from '../ip-checklist/checklist.service.js';
import { IpChecklistModule } from '../ip-checklist/ip-checklist.module.js';
import { EFFECT_HANDLERS } from './effect-handlers.js';
import { EffectsService } from './effects.service.js';
import { TimersService } from './timers.service.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRuntime } from './workflow-runtime.service.js';
import { WorkflowWorker } from './workflow-worker.js';
import { WorkflowsController } from './workflows.controller.js';

@Module({
  imports: [AgreementsModule, IpChecklistModule],
  controllers: [WorkflowsController],
  providers: [
    WorkflowRegistry,
    WorkflowRuntime,
    EffectsService,
    TimersService,
    WorkflowWorker,
    { provide: EFFECT_HANDLERS, inject: [AgreementsService, ChecklistService], useFactory: lifecycleEffects },
  ],
  exports: [WorkflowRegistry, WorkflowRuntime, EffectsService, WorkflowWorker],
})
export class WorkflowRuntimeModule {}
