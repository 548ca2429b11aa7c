import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';

@Module({
  imports: [OrganizationsModule],
  controllers: [AccountController],
  providers: [AccountService],
})
export class AccountModule {}
