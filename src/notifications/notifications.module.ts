import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.js';
import { createMailer, Mailer } from './mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** The notification outbox, its mailer and the in-app list. Other modules import it to enqueue; the worker delivers. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, { provide: Mailer, useFactory: createMailer, inject: [APP_CONFIG] }],
  exports: [NotificationsService, Mailer],
})
export class NotificationsModule {}
