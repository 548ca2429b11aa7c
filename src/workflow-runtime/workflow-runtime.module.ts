import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AgreementsService } from '../agreements/agreements.service.js';
import { lifecycleEffects } from '../collaborations/lifecycle-effects.js';
import { EFFECT_HANDLERS } from './effect-handlers.js';
import { EffectsService } from './effects.service.js';
import { TimersService } from './timers.service.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRuntime } from './workflow-runtime.service.js';
import { WorkflowWorker } from './workflow-worker.js';
import { WorkflowsController } from './workflows.controller.js';

@Module({
  imports: [AgreementsModule],
  controllers: [WorkflowsController],
  providers: [
    WorkflowRegistry,
    WorkflowRuntime,
    EffectsService,
    TimersService,
    WorkflowWorker,
    { provide: EFFECT_HANDLERS, inject: [AgreementsService], useFactory: lifecycleEffects },
  ],
  exports: [WorkflowRegistry, WorkflowRuntime, EffectsService, WorkflowWorker],
})
export class WorkflowRuntimeModule {}
