import { Module } from '@nestjs/common';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';

@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
