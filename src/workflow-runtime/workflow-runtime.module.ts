import { Module } from '@nestjs/common';
import { LIFECYCLE_EFFECTS } from '../collaborations/lifecycle-effects.js';
import { EFFECT_HANDLERS } from './effect-handlers.js';
import { EffectsService } from './effects.service.js';
import { TimersService } from './timers.service.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRuntime } from './workflow-runtime.service.js';
import { WorkflowWorker } from './workflow-worker.js';
import { WorkflowsController } from './workflows.controller.js';

@Module({
  controllers: [WorkflowsController],
  providers: [
    WorkflowRegistry,
    WorkflowRuntime,
    EffectsService,
    TimersService,
    WorkflowWorker,
    { provide: EFFECT_HANDLERS, useValue: LIFECYCLE_EFFECTS },
  ],
  exports: [WorkflowRegistry, WorkflowRuntime, EffectsService, WorkflowWorker],
})
export class WorkflowRuntimeModule {}
