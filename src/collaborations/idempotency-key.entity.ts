import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** The first answer to an event request sent with an Idempotency-Key, written in the event's own transaction. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column('uuid')
  collaborationId!: string;

  @Column({ type: 'simple-json' })
  response!: JsonObject;

  @Column()
  createdAt!: Date;
}
