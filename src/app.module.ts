import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountModule } from './account/index.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CollaborationsModule } from './collaborations/collaborations.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { SchedulerModule } from './common/scheduler.js';
import type { Clock } from './common/clock.js';
import { ClockModule } from './common/clock.module.js';
import { FieldCipherModule } from './common/field-cipher.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ENTITIES } from './entities.js';
import { HealthController } from './health/health.controller.js';
import { InsightsModule } from './insights/insights.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { IpChecklistModule } from './ip-checklist/ip-checklist.module.js';
import { MembershipsModule } from './memberships/index.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { PasswordResetModule } from './password-reset/index.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/index.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        FieldCipherModule.forRoot(config.dataKeys),
        ClockModule.forRoot(clock),
        SchedulerModule.forRoot(config.workerPollMs),
        DatabaseModule.forRoot(ENTITIES),
        AuthModule,
        OrganizationsModule,
        UsersModule,
        CollaborationsModule,
        AgreementsModule,
        IpChecklistModule,
        InvitationsModule,
        InsightsModule,
        NotificationsModule,
        MembershipsModule,
        AccountModule,
        PasswordResetModule,
        PartnersModule,
        ReviewsModule,
        WebhooksModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
