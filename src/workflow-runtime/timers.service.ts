import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainException } from '../common/errors/domain.exception.js';
import { Scheduler } from '../common/scheduler.js';
import type { CollaborationEvent } from '../../workflows/collaboration/index.js';
import { TimerEntity } from './timer.entity.js';
import { AlreadyConsumed, WorkflowRuntime } from './workflow-runtime.service.js';

const LEASE_MS = 60_000;

/**
 * Delivers due timers as events from the actor `timer`. Any number of instances may poll: a conditional update
 * leases a row to one of them, and the delivery deletes the row in the event's own transaction, so each timer
 * is applied exactly once. A timer that fell due while the service was down is delivered late; its history
 * entry keeps `dueAt`.
 */
@Injectable()
export class TimersService implements OnModuleInit {
  private readonly logger = new Logger(TimersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: 'timers', run: () => this.fireDue(), order: 10 });
  }

  async fireDue(limit = 50): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(TimerEntity)
      .createQueryBuilder('t')
      .where('t.fire_at <= :now', { now })
      .andWhere(new Brackets((q) => q.where('t.claimed_until IS NULL').orWhere('t.claimed_until < :now', { now })))
      .orderBy('t.fire_at', 'ASC')
      .take(limit)
      .getMany();
    let fired = 0;
    for (const timer of due) {
      try {
        if ((await this.claim(timer, now)) && (await this.deliver(timer))) fired += 1;
      } catch (error) {
        // One bad timer must not stop the others; its lease runs out and it is tried again later.
        this.logger.error(`timer ${timer.timerId} of ${timer.collaborationId} failed: ${(error as Error).message}`);
      }
    }
    return fired;
  }

  private async claim(timer: TimerEntity, now: Date): Promise<boolean> {
    const { affected } = await this.dataSource
      .createQueryBuilder()
      .update(TimerEntity)
      .set({ claimedUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id', { id: timer.id })
      .andWhere(new Brackets((q) => q.where('claimed_until IS NULL').orWhere('claimed_until < :now', { now })))
      .execute();
    return affected === 1;
  }

  private async deliver(timer: TimerEntity): Promise<boolean> {
    const event = { ...timer.event, actor: { kind: 'timer' }, at: this.clock.now().toISOString() } as CollaborationEvent;
    const consume = async (em: import('typeorm').EntityManager): Promise<boolean> =>
      (await em.delete(TimerEntity, { id: timer.id })).affected === 1;
    try {
      await this.runtime.apply(timer.collaborationId, event, { dueAt: timer.fireAt, consume });
      return true;
    } catch (error) {
      if (error instanceof AlreadyConsumed) return false;
      if (error instanceof DomainException) {
        // No longer applicable (the state moved on without cancelling it): drop it.
        this.logger.warn(`timer ${timer.timerId} of ${timer.collaborationId} dropped: ${error.message}`);
        await this.dataSource.getRepository(TimerEntity).delete({ id: timer.id });
        return false;
      }
      throw error;
    }
  }
}
