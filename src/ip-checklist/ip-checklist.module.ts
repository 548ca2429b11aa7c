import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ChecklistService } from './checklist.service.js';
import { IpRecordsController } from './ip-records.controller.js';
import { IpRecordsService } from './ip-records.service.js';

@Module({
  imports: [OrganizationsModule],
  controllers: [IpRecordsController],
  providers: [IpRecordsService, ChecklistService],
  exports: [IpRecordsService, ChecklistService],
})
export class IpChecklistModule {}
