import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

const POLL_MS = Symbol('SCHEDULER_POLL_MS');

/** A job returns how many things it did; a job that did some runs again in the same pass until it has none left. */
export interface Job {
  name: string;
  run: () => Promise<number>;
  /** Run again while it reports work done (e.g. effects that report events with effects of their own). */
  untilIdle?: boolean;
  /** Lower runs first in a pass, whatever order modules start in: what makes work (timers, effects) before what delivers it (mail). */
  order: number;
}

/**
 * The background loop of each instance: the jobs features registered (due timers, pending effects, reminders, mail), in
 * their `order`. Runs once at start, then every WORKER_POLL_MS; a pass still running is awaited rather
 * than overlapped. One failing job does not stop the others.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(@Inject(POLL_MS) private readonly pollMs: number) {}

  register(job: Job): void {
    this.jobs.push(job);
    this.jobs.sort((a, b) => a.order - b.order);
  }

  onApplicationBootstrap(): void {
    if (this.pollMs === 0) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every job; a job's failure does not stop the others, and the pass then rejects with it. */
  async runOnce(): Promise<void> {
    if (this.running) await this.running;
    this.running = (async () => {
      const failed: Error[] = [];
      for (const job of this.jobs) {
        try {
          while ((await job.run()) > 0 && job.untilIdle);
        } catch (error) {
          failed.push(new Error(`job ${job.name} failed: ${(error as Error).message}`, { cause: error }));
        }
      }
      if (failed.length > 0) throw failed.length === 1 ? failed[0] : new AggregateError(failed, failed.map((e) => e.message).join('; '));
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
      this.logger.error(`worker pass: ${(error as Error).message}`);
    }
  }
}

/** One scheduler for the whole application; `pollMs` 0 runs jobs only when asked (`runOnce`, in tests). */
@Global()
@Module({})
export class SchedulerModule {
  static forRoot(pollMs: number): DynamicModule {
    return { module: SchedulerModule, providers: [{ provide: POLL_MS, useValue: pollMs }, Scheduler], exports: [Scheduler] };
  }
}
