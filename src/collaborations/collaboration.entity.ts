import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../database/json.js';

/** One collaboration: its machine snapshot, the version it runs on, and the optimistic-lock version. */
@Entity('collaborations')
@Index(['createdAt'])
@Index(['phase'])
export class CollaborationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  form!: string;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  // The state's phase (workflows/…/storage.ts): what lists and other modules filter on, never state names.
  @Column({ type: 'varchar', length: 16 })
  phase!: string;

  // 'active' or 'done' (a final state)
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 64 })
  workflowId!: string;

  @Column({ type: 'integer' })
  workflowVersion!: number;

  // Number of events applied; the next event's history seq is version + 1.
  @Column({ type: 'integer' })
  version!: number;

  @Column('uuid')
  initiatorOrganizationId!: string;

  @Column('uuid')
  createdByUserId!: string;

  // What the machine was started with: replaying the history from here must give `snapshot` and the context parts.
  @Column({ type: 'simple-json' })
  input!: JsonObject;

  // Without the detached parts of the context (collaboration_context_parts): it does not grow with the history.
  @Column({ type: 'simple-json' })
  snapshot!: JsonObject;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
