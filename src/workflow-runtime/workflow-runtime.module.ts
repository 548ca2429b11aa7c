import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AgreementsService } from '../agreements/agreements.service.js';
import { lifecycleEffects } from '../collaborations/lifecycle-effects.js';
import { lifecycleNotifications } from '../collaborations/lifecycle-notifications.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { recordReviewOutcomes } from '../insights/review-outcomes-listener.js';
import { InvitationLinks } from '../invitations/invitation-links.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EVENT_LISTENER, type EventListener } from './event-listener.js';
import { ChecklistService } from '../ip-checklist/checklist.service.js';
import { IpChecklistModule } from '../ip-checklist/ip-checklist.module.js';
import { EFFECT_HANDLERS } from './effect-handlers.js';
import { EffectsService } from './effects.service.js';
import { TimersService } from './timers.service.js';
import { WorkflowRegistry } from './workflow-registry.js';
import { WorkflowRuntime } from './workflow-runtime.service.js';
import { WorkflowWorker } from './workflow-worker.js';
import { WorkflowsController } from './workflows.controller.js';

@Module({
  imports: [AgreementsModule, IpChecklistModule, NotificationsModule],
  controllers: [WorkflowsController],
  providers: [
    WorkflowRegistry,
    WorkflowRuntime,
    EffectsService,
    TimersService,
    WorkflowWorker,
    { provide: EFFECT_HANDLERS, inject: [AgreementsService, ChecklistService], useFactory: lifecycleEffects },
    {
      provide: EVENT_LISTENER,
      inject: [NotificationsService, APP_CONFIG],
      useFactory: (notifications: NotificationsService, config: AppConfig): EventListener => {
        const listeners = [lifecycleNotifications(notifications, new InvitationLinks(config)), recordReviewOutcomes()];
        return async (em, event, before, after) => {
          for (const listener of listeners) await listener(em, event, before, after);
        };
      },
    },
  ],
  exports: [WorkflowRegistry, WorkflowRuntime, EffectsService, WorkflowWorker],
})
export class WorkflowRuntimeModule {}
