import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CollaborationContext, CollaborationInput } from '../../workflows/collaboration/index.js';
import { fromJson, sql, toDate } from '../database/sql.js';
import type { InstanceChanges, InstanceRecord, InstanceStore } from '../workflow-runtime/plugins.js';
import { WorkflowPlugins } from '../workflow-runtime/plugins.js';
import { COLLABORATION_WORKFLOW_ID } from '../workflow-runtime/workflow-registry.js';
import { WorkflowRuntime } from '../workflow-runtime/workflow-runtime.service.js';
import { CollaborationPartyEntity, type PartyRole } from './collaboration-party.entity.js';
import { CollaborationEntity } from './collaboration.entity.js';

/** Who may see the collaboration, as the context says: kept in the parties table. */
export function partiesOf(context: CollaborationContext): Array<[string, PartyRole]> {
  return [
    [context.initiatorOrganizationId, 'initiator'],
    ...context.partnerOrganizationIds.map((id): [string, PartyRole] => [id, 'partner']),
    // A contact's invitation has no organization to show it to until someone accepts.
    ...(context.invitation?.organizationId ? [[context.invitation.organizationId, 'invited'] as [string, PartyRole]] : []),
  ];
}

/** A `collaborations` row read with raw SQL. */
export function collaborationFromRow(row: Record<string, unknown>): CollaborationEntity {
  return Object.assign(new CollaborationEntity(), {
    id: row.id,
    title: row.title,
    form: row.form,
    state: row.state,
    phase: row.phase,
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

/**
 * The `collaborations` table and its parties, as the workflow runtime's instance store: the raw statements of the
 * event path (one row read, one version-checked update) live here, beside the entity.
 */
@Injectable()
export class CollaborationStore implements InstanceStore, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plugins: WorkflowPlugins,
    private readonly runtime: WorkflowRuntime,
  ) {}

  onModuleInit(): void {
    this.plugins.useStore(this);
  }

  /** The row of a new collaboration on the latest version; `insert` writes it with its first party. */
  start(input: CollaborationInput, createdByUserId: string): CollaborationEntity {
    const started = this.runtime.start(input);
    if (started.parts.length > 0) throw new Error('a new collaboration has no detached parts');
    const now = new Date(input.createdAt);
    return Object.assign(new CollaborationEntity(), {
      id: input.id,
      title: input.title,
      form: input.form,
      state: started.state,
      phase: started.phase,
      status: started.status,
      workflowId: COLLABORATION_WORKFLOW_ID,
      workflowVersion: started.workflowVersion,
      version: 0,
      initiatorOrganizationId: input.initiatorOrganizationId,
      createdByUserId,
      input: { ...input },
      snapshot: started.snapshot,
      createdAt: now,
      updatedAt: now,
    });
  }

  async insert(em: EntityManager, row: CollaborationEntity): Promise<void> {
    await em.insert(CollaborationEntity, row);
    await em.insert(CollaborationPartyEntity, { collaborationId: row.id, organizationId: row.initiatorOrganizationId, role: 'initiator' });
  }

  async read(em: EntityManager, id: string): Promise<CollaborationEntity | null> {
    const { records } = await sql(em)`SELECT * FROM collaborations WHERE id = ${id}`;
    return records.length === 0 ? null : collaborationFromRow(records[0]);
  }

  // PostgreSQL: lock the row, so events racing on one collaboration queue up. SQLite: transactions already run one
  // at a time (database/sqlite-gate.ts). The version check in `update` holds on both.
  async lock(em: EntityManager, id: string): Promise<CollaborationEntity | null> {
    if (this.dataSource.options.type !== 'postgres') return this.read(em, id);
    const { records } = await sql(em)`SELECT * FROM collaborations WHERE id = ${id} FOR UPDATE`;
    return records.length === 0 ? null : collaborationFromRow(records[0]);
  }

  async update(em: EntityManager, record: InstanceRecord, changes: InstanceChanges): Promise<boolean> {
    const { affected } = await sql(em)`UPDATE collaborations SET snapshot = ${changes.snapshot}, state = ${changes.state},
      phase = ${changes.phase}, status = ${changes.status}, title = ${changes.after.title}, form = ${changes.after.form},
      version = ${changes.version}, updated_at = ${changes.updatedAt}
      WHERE id = ${record.id} AND version = ${record.version}`;
    if (affected !== 1) return false;
    await this.syncParties(em, record.id, changes.before, changes.after);
    return true;
  }

  private async syncParties(
    em: EntityManager,
    collaborationId: string,
    before: CollaborationContext,
    after: CollaborationContext,
  ): Promise<void> {
    // Most events leave who the parties are untouched (the same objects): nothing to compare or write.
    if (before.partnerOrganizationIds === after.partnerOrganizationIds && before.invitation === after.invitation) return;
    const wanted = partiesOf(after);
    if (JSON.stringify(partiesOf(before)) === JSON.stringify(wanted)) return;
    await em.delete(CollaborationPartyEntity, { collaborationId });
    await em.insert(
      CollaborationPartyEntity,
      wanted.map(([organizationId, role]) => ({ collaborationId, organizationId, role })),
    );
  }
}
