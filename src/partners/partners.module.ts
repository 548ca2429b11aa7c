import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { DirectorySearch, PostgresDirectorySearch, SqliteDirectorySearch } from './directory-search.js';
import { FitService } from './fit.service.js';
import { PartnerProfilesService } from './partner-profiles.service.js';
import { PartnersController } from './partners.controller.js';
import { PartnersDirectory } from './partners-directory.service.js';

@Module({
  imports: [OrganizationsModule], // PartnerProfilesService registers with its OrganizationProfiles
  controllers: [PartnersController],
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
  ],
  exports: [PartnersDirectory, PartnerProfilesService, FitService],
})
export class PartnersModule {}
