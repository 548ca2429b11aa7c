import { Module } from '@nestjs/common';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { CollaborationReader } from './collaboration-reader.js';
import { CollaborationStore } from './collaboration-store.js';
import { CollaborationViews } from './collaboration-views.js';
import { CollaborationsController } from './collaborations.controller.js';
import { CollaborationsService } from './collaborations.service.js';

/** The collaboration: its table and parties (the runtime's instance store), access, the one reader, its HTTP routes. */
@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [CollaborationsController],
  providers: [CollaborationStore, CollaborationReader, CollaborationViews, CollaborationsService],
  exports: [CollaborationReader, CollaborationViews, CollaborationsService, WorkflowRuntimeModule],
})
export class CollaborationsModule {}
