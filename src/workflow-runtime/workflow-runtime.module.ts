import { Module } from '@nestjs/common';
import { EffectsService } from './effects.service.js';
import { WorkflowPlugins } from './plugins.js';
import { TimersService } from './timers.service.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRuntime } from './workflow-runtime.service.js';
import { WorkflowsController } from './workflows.controller.js';

/** The engine: it knows the machines and the tables of its own (history, outbox, timers, context parts), no feature. */
@Module({
  controllers: [WorkflowsController],
  providers: [WorkflowRegistry, WorkflowPlugins, WorkflowRuntime, EffectsService, TimersService],
  exports: [WorkflowRegistry, WorkflowPlugins, WorkflowRuntime, EffectsService],
})
export class WorkflowRuntimeModule {}
