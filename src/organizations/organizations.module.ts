import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module.js';
import { UsersModule } from '../users/users.module.js';
import { MeController } from './me.controller.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [PartnersModule, UsersModule],
  controllers: [OrganizationsController, MeController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
