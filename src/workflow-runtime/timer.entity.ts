import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** A durable delayed event: the machine's `raise` with a delay becomes a row; its `cancel` deletes it. */
@Entity('collaboration_timers')
@Unique(['collaborationId', 'timerId'])
@Index(['fireAt'])
export class TimerEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  collaborationId!: string;

  // The raise id in the machine (invitationWindow, termEnd, reviewWindow)
  @Column({ type: 'varchar', length: 64 })
  timerId!: string;

  @Column({ type: 'simple-json' })
  event!: JsonObject;

  @Column()
  fireAt!: Date;

  // Lease of the instance delivering it; delivery itself deletes the row in the event's transaction.
  @Column({ type: Date, nullable: true })
  claimedUntil!: Date | null;

  @Column()
  createdAt!: Date;
}
