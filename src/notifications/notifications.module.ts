import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.js';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { DigestService } from './digest.service.js';
import { LifecycleNotices } from './lifecycle-notices.js';
import { createMailer, Mailer } from './mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { PreferencesController, UnsubscribeController } from './preferences.controller.js';
import { PreferencesService } from './preferences.service.js';

/** The notification outbox, its mailer, the in-app list, email preferences and the daily digest. Other modules import it to enqueue. */
@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [NotificationsController, PreferencesController, UnsubscribeController],
  providers: [
    NotificationsService,
    PreferencesService,
    DigestService,
    LifecycleNotices,
    { provide: Mailer, useFactory: createMailer, inject: [APP_CONFIG] },
  ],
  exports: [NotificationsService, Mailer],
})
export class NotificationsModule {}
