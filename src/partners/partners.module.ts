import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CollaborationsModule } from '../collaborations/index.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { CollaborationPartnersController } from './collaboration-partners.controller.js';
import { DirectorySearch, PostgresDirectorySearch, SqliteDirectorySearch } from './directory-search.js';
import { FitService } from './fit.service.js';
import { PartnerProfilesService } from './partner-profiles.service.js';
import { PartnersController } from './partners.controller.js';
import { PartnersDirectory } from './partners-directory.service.js';
import { PartnersWorkflow } from './partners-workflow.js';

@Module({
  imports: [CollaborationsModule, OrganizationsModule], // PartnerProfilesService registers with OrganizationProfiles
  controllers: [PartnersController, CollaborationPartnersController],
  providers: [
    {
      provide: DirectorySearch,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource): DirectorySearch =>
        dataSource.options.type === 'postgres' ? new PostgresDirectorySearch() : new SqliteDirectorySearch(),
    },
    PartnerProfilesService,
    PartnersDirectory,
    FitService,
    PartnersWorkflow,
  ],
  exports: [PartnersDirectory, PartnerProfilesService, FitService],
})
export class PartnersModule {}
