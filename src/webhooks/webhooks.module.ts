import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/index.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Signed webhooks: endpoints (admins), the outbox its listener and other features write to, and its delivery job. */
@Module({
  imports: [OrganizationsModule, NotificationsModule, WorkflowRuntimeModule],
  controllers: [WebhooksController],
  providers: [WebhookOutbox, WebhooksService],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
