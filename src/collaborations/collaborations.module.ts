import { Module } from '@nestjs/common';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { CollaborationsController } from './collaborations.controller.js';
import { CollaborationsService } from './collaborations.service.js';

@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [CollaborationsController],
  providers: [CollaborationsService],
})
export class CollaborationsModule {}
