import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { LegalIds } from './legal-ids.js';
import { MeController } from './me.controller.js';
import { OrganizationProfiles } from './organization-profiles.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [UsersModule],
  controllers: [OrganizationsController, MeController],
  providers: [OrganizationsService, OrganizationProfiles, LegalIds],
  exports: [OrganizationsService, OrganizationProfiles, LegalIds],
})
export class OrganizationsModule {}
