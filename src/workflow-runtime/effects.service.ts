import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainException } from '../common/errors/domain.exception.js';
import { Scheduler } from '../common/scheduler.js';
import type { CollaborationEvent } from '../../workflows/collaboration/index.js';
import { EffectEntity } from './effect.entity.js';
import { WorkflowPlugins } from './plugins.js';
import { AlreadyConsumed, WorkflowRuntime } from './workflow-runtime.service.js';

const LEASE_MS = 60_000; // an instance that dies while running an effect loses it after this
const backoffMs = (attempts: number): number => Math.min(3_600_000, 1000 * 2 ** attempts);

/**
 * Runs the outbox. An effect is claimed with a conditional update (a lease), its handler runs, and the event it
 * reports is applied in the same transaction that marks the effect done: an effect's event is applied once.
 */
@Injectable()
export class EffectsService implements OnModuleInit {
  private readonly logger = new Logger(EffectsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly clock: Clock,
    private readonly plugins: WorkflowPlugins,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    // Effects often report events whose transitions ask for more effects: run until none is due.
    this.scheduler.register({ name: 'effects', run: () => this.runDue(), untilIdle: true, order: 20 });
  }

  /** Runs due effects, of one collaboration or of all; returns how many it ran. */
  async runDue(collaborationId?: string, limit = 50): Promise<number> {
    const due = await this.dataSource.getRepository(EffectEntity).find({
      where: { status: 'pending', availableAt: LessThanOrEqual(this.clock.now()), ...(collaborationId ? { collaborationId } : {}) },
      order: { createdAt: 'ASC', seq: 'ASC', idx: 'ASC' },
      take: limit,
    });
    let ran = 0;
    for (const effect of due) if (await this.claim(effect)) ran += (await this.run(effect), 1);
    return ran;
  }

  private async claim(effect: EffectEntity): Promise<boolean> {
    const { affected } = await this.dataSource
      .getRepository(EffectEntity)
      .update(
        { id: effect.id, status: 'pending', availableAt: effect.availableAt },
        { availableAt: new Date(this.clock.now().getTime() + LEASE_MS), attempts: effect.attempts + 1 },
      );
    return affected === 1;
  }

  private async run(effect: EffectEntity): Promise<void> {
    const markDone = async (em: EntityManager, note: string | null = null): Promise<boolean> => {
      const { affected } = await em.update(
        EffectEntity,
        { id: effect.id, status: 'pending' },
        { status: 'done', doneAt: this.clock.now(), lastError: note },
      );
      return affected === 1;
    };
    try {
      const handler = this.plugins.handlerOf(effect.type);
      if (!handler) throw new Error(`no handler for effect ${effect.type}`);
      const context = await this.runtime.contextOf(this.dataSource.manager, effect.collaborationId);
      const result = await handler({
        collaborationId: effect.collaborationId,
        context,
        params: effect.params,
        key: `${effect.collaborationId}/${effect.seq}/${effect.idx}`,
        createdAt: effect.createdAt,
      });
      if (!result) {
        await this.dataSource.transaction((em) => markDone(em));
        return;
      }
      const event = { ...result, actor: { kind: 'system' }, at: this.clock.now().toISOString() } as CollaborationEvent;
      try {
        await this.runtime.apply(effect.collaborationId, event, { consume: (em) => markDone(em) });
      } catch (error) {
        if (error instanceof AlreadyConsumed) return;
        // The collaboration moved on (e.g. changes were requested meanwhile): the report is stale, not a failure.
        if (error instanceof DomainException) {
          await this.dataSource.transaction((em) => markDone(em, `dropped: ${error.message}`));
          return;
        }
        throw error;
      }
    } catch (error) {
      const attempts = effect.attempts + 1;
      this.logger.error(`effect ${effect.type} ${effect.id} failed (attempt ${attempts}): ${(error as Error).message}`);
      await this.dataSource.getRepository(EffectEntity).update(
        { id: effect.id, status: 'pending' },
        {
          // Never given up: a collaboration waiting for its agreement or checklist has no other way forward.
          availableAt: new Date(this.clock.now().getTime() + backoffMs(attempts)),
          lastError: (error as Error).message.slice(0, 2000),
        },
      );
    }
  }
}
