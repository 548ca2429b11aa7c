import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../database/json.js';
import { fromJson, toDate } from '../database/sql.js';

/** One collaboration: its machine snapshot, the version it runs on, and the optimistic-lock version. */
@Entity('collaborations')
@Index(['createdAt'])
export class CollaborationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  form!: string;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

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

  // What the machine was started with: replaying the history from here must give `snapshot`.
  @Column({ type: 'simple-json' })
  input!: JsonObject;

  @Column({ type: 'simple-json' })
  snapshot!: JsonObject;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}

/** A `collaborations` row read with raw SQL (see database/sql.ts). */
export function collaborationFromRow(row: Record<string, unknown>): CollaborationEntity {
  return Object.assign(new CollaborationEntity(), {
    id: row.id,
    title: row.title,
    form: row.form,
    state: row.state,
    status: row.status,
    workflowId: row.workflow_id,
    workflowVersion: Number(row.workflow_version),
    version: Number(row.version),
    initiatorOrganizationId: row.initiator_organization_id,
    createdByUserId: row.created_by_user_id,
    input: fromJson(row.input),
    snapshot: fromJson(row.snapshot),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });
}
