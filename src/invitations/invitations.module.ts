import { Module } from '@nestjs/common';
import { CollaborationsModule } from '../collaborations/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';

@Module({
  imports: [WorkflowRuntimeModule, CollaborationsModule, NotificationsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
