import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { IpRecordsController } from './ip-records.controller.js';
import { IpRecordsService } from './ip-records.service.js';

@Module({
  imports: [OrganizationsModule],
  controllers: [IpRecordsController],
  providers: [IpRecordsService],
  exports: [IpRecordsService],
})
export class IpChecklistModule {}
