import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ChecklistService } from './checklist.service.js';
import { IpRecordsController } from './ip-records.controller.js';
import { IpRecordsService } from './ip-records.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

@Module({
  imports: [OrganizationsModule, NotificationsModule],
  controllers: [IpRecordsController, RemindersController],
  providers: [IpRecordsService, ChecklistService, RemindersService],
  exports: [IpRecordsService, ChecklistService, RemindersService],
})
export class IpChecklistModule {}
