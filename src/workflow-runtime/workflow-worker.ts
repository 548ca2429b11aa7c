import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RemindersService } from '../ip-checklist/reminders.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EffectsService } from './effects.service.js';
import { TimersService } from './timers.service.js';

/** The background loop of each instance: due timers, then pending effects, then due reminders and notifications. Runs once at start, then every WORKER_POLL_MS. */
@Injectable()
export class WorkflowWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkflowWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly timers: TimersService,
    private readonly effects: EffectsService,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workerPollMs === 0) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.workerPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; a pass still running is awaited rather than overlapped. */
  async runOnce(): Promise<void> {
    if (this.running) await this.running;
    this.running = (async () => {
      await this.timers.fireDue();
      while ((await this.effects.runDue()) > 0);
      await this.reminders.deliverDue();
      await this.notifications.deliverDue();
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`worker pass failed: ${(error as Error).message}`);
    }
  }
}
