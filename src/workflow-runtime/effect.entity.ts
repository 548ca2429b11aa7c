import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** The outbox: effects of a transition, written with it and run after commit, once per (collaboration, seq, index). */
@Entity('collaboration_effects')
@Unique(['collaborationId', 'seq', 'idx'])
@Index(['status', 'availableAt'])
export class EffectEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  collaborationId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'integer' })
  idx!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ type: 'simple-json' })
  params!: JsonObject;

  // pending → done (a failing effect stays pending, retried with a backoff capped at an hour)
  @Column({ type: 'varchar', length: 16 })
  status!: 'pending' | 'done';

  @Column({ type: 'integer' })
  attempts!: number;

  // Not before this time: a backoff after a failure, or the lease of the instance running it.
  @Column()
  availableAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column()
  createdAt!: Date;

  @Column({ type: Date, nullable: true })
  doneAt!: Date | null;
}
