import { Module } from '@nestjs/common';
import { CollaborationsModule } from '../collaborations/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { WebhooksModule } from '../webhooks/index.js';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { CollaborationChecklistController } from './collaboration-checklist.controller.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ChecklistService } from './checklist.service.js';
import { IpRecordsController } from './ip-records.controller.js';
import { IpRecordsService } from './ip-records.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

@Module({
  imports: [OrganizationsModule, NotificationsModule, WorkflowRuntimeModule, CollaborationsModule, WebhooksModule],
  controllers: [IpRecordsController, RemindersController, CollaborationChecklistController],
  providers: [IpRecordsService, ChecklistService, RemindersService],
  exports: [IpRecordsService, ChecklistService, RemindersService],
})
export class IpChecklistModule {}
