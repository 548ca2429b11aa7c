import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** The append-only record: every applied event, gap-free `seq` per collaboration. */
@Entity('collaboration_events')
export class HistoryEventEntity {
  @PrimaryColumn('uuid')
  collaborationId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ type: 'simple-json' })
  payload!: JsonObject;

  @Column({ type: 'simple-json' })
  actor!: JsonObject;

  @Column({ type: 'varchar', length: 32 })
  fromState!: string;

  @Column({ type: 'varchar', length: 32 })
  toState!: string;

  @Column()
  at!: Date;

  // For timer events: when the timer was due (later than `at` if the service was down).
  @Column({ type: Date, nullable: true })
  dueAt!: Date | null;
}
