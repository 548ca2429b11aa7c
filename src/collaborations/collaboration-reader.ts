import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CollaborationContext, Form, Phase } from '../../workflows/collaboration/index.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { frag, inList, sql, toDate } from '../database/sql.js';
import type { PartsSelection } from '../workflow-runtime/context-parts.js';
import { WorkflowRuntime } from '../workflow-runtime/workflow-runtime.service.js';
import type { PartyRole } from './collaboration-party.entity.js';
import { collaborationFromRow, CollaborationStore } from './collaboration-store.js';
import type { CollaborationEntity } from './collaboration.entity.js';

export interface Party {
  organizationId: string;
  role: PartyRole;
}

/** How much of the context to read: the snapshot's alone (what the machine sees), or with its detached parts. */
export type ContextDepth = 'snapshot' | 'whole';

export interface CollaborationSummary {
  id: string;
  title: string;
  form: Form;
  state: string;
  phase: Phase;
  initiatorOrganizationId: string;
}

/**
 * The one way to read collaborations: other modules ask here, never parse snapshots or join collaboration_parties
 * themselves. Reads outside a transaction unless given one.
 */
@Injectable()
export class CollaborationReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CollaborationStore,
    private readonly runtime: WorkflowRuntime,
  ) {}

  /** The caller's party in the collaboration, or 404: non-parties cannot tell whether it exists. */
  async partyOf(collaborationId: string, userId: string, as?: string): Promise<Party> {
    const { records } = await sql(this.dataSource)<{ organization_id: string; role: PartyRole }>`
      SELECT p.organization_id, p.role FROM collaboration_parties p
      JOIN memberships m ON m.organization_id = p.organization_id AND m.user_id = ${userId}
      WHERE p.collaboration_id = ${collaborationId}`;
    return chooseParty(
      records.map((r) => ({ organizationId: r.organization_id, role: r.role })),
      as,
    );
  }

  /** The caller's party (as `partyOf`) and every party with its name, in one read: what an event's answer needs. */
  async partiesWithCaller(
    collaborationId: string,
    userId: string,
    as?: string,
  ): Promise<{ party: Party; parties: Array<Party & { name: string }> }> {
    const { records } = await sql(this.dataSource)<{ organization_id: string; role: PartyRole; name: string; mine: unknown }>`
      SELECT p.organization_id, p.role, o.name,
        EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = p.organization_id AND m.user_id = ${userId}) AS mine
      FROM collaboration_parties p JOIN organizations o ON o.id = p.organization_id WHERE p.collaboration_id = ${collaborationId}`;
    const parties = sortParties(records.map((p) => ({ organizationId: p.organization_id, name: p.name, role: p.role })));
    const mine = records
      .filter((r) => r.mine === true || Number(r.mine) === 1)
      .map((r) => ({ organizationId: r.organization_id, role: r.role }));
    return { party: chooseParty(mine, as), parties };
  }

  /** For routes under a collaboration: the caller's party and the collaboration's form, or 404 for non-parties. */
  async access(collaborationId: string, userId: string, as?: string): Promise<Party & { form: Form }> {
    const party = await this.partyOf(collaborationId, userId, as);
    return { ...party, form: (await this.summaryOf(collaborationId)).form };
  }

  /** Whether the user belongs to a party that joined (initiator or partner; not one only invited). */
  async isPartyMember(collaborationId: string, userId: string): Promise<boolean> {
    const { records } = await sql(this.dataSource)`SELECT 1 AS one FROM collaboration_parties p
      JOIN memberships m ON m.organization_id = p.organization_id
      WHERE p.collaboration_id = ${collaborationId} AND m.user_id = ${userId} AND p.role <> 'invited'`;
    return records.length > 0;
  }

  /** The parties with their organizations' names, initiator first. */
  async partiesOf(collaborationId: string, em?: EntityManager): Promise<Array<Party & { name: string }>> {
    const { records } = await sql(em ?? this.dataSource)<{ organization_id: string; role: PartyRole; name: string }>`
      SELECT p.organization_id, p.role, o.name FROM collaboration_parties p
      JOIN organizations o ON o.id = p.organization_id WHERE p.collaboration_id = ${collaborationId}`;
    return sortParties(records.map((p) => ({ organizationId: p.organization_id, name: p.name, role: p.role })));
  }

  /** The row (404 when there is none). */
  async row(collaborationId: string, em?: EntityManager): Promise<CollaborationEntity> {
    const row = await this.store.read(em ?? this.dataSource.manager, collaborationId);
    if (!row) throw notFound('Collaboration');
    return row;
  }

  async summaryOf(collaborationId: string, em?: EntityManager): Promise<CollaborationSummary> {
    const { records } = await sql(em ?? this.dataSource)<Record<string, unknown>>`
      SELECT id, title, form, state, phase, initiator_organization_id FROM collaborations WHERE id = ${collaborationId}`;
    if (records.length === 0) throw notFound('Collaboration');
    return summary(records[0]);
  }

  /** The context of a row already read; `selection` narrows the detached parts read (a view leaves out old terms). */
  async contextOfRow(
    row: CollaborationEntity,
    depth: ContextDepth,
    em?: EntityManager,
    selection?: PartsSelection,
  ): Promise<CollaborationContext> {
    if (depth === 'snapshot') return this.runtime.restore(row).context as CollaborationContext;
    return this.runtime.fullContext(em ?? this.dataSource.manager, row, selection);
  }

  async contextOf(collaborationId: string, depth: ContextDepth, em?: EntityManager): Promise<CollaborationContext> {
    return this.contextOfRow(await this.row(collaborationId, em), depth, em);
  }

  /**
   * A page of the collaborations the user's organizations are parties to, newest first (keyset `after`), with the
   * user's strongest role in each. Reads no snapshots.
   */
  async listForUser(
    userId: string,
    filter: { state?: string; form?: string; roles?: PartyRole[]; after?: [Date, string]; limit: number },
  ): Promise<
    Array<{
      id: string;
      title: string;
      form: Form;
      state: string;
      status: string;
      version: number;
      role: PartyRole;
      createdAt: Date;
      updatedAt: Date;
    }>
  > {
    const where = [
      // EXISTS, not a join: one row per collaboration even when the user belongs to several of its parties.
      frag`EXISTS (SELECT 1 FROM collaboration_parties p JOIN memberships m ON m.organization_id = p.organization_id
        WHERE p.collaboration_id = c.id AND m.user_id = ${userId}${filter.roles ? frag` AND p.role IN ${inList(filter.roles)}` : frag``})`,
      ...(filter.state ? [frag`c.state = ${filter.state}`] : []),
      ...(filter.form ? [frag`c.form = ${filter.form}`] : []),
      ...(filter.after
        ? [frag`(c.created_at < ${filter.after[0]} OR (c.created_at = ${filter.after[0]} AND c.id < ${filter.after[1]}))`]
        : []),
    ].reduce((all, condition) => frag`${all} AND ${condition}`);
    const { records } = await sql(this.dataSource)<Record<string, unknown>>`
      SELECT c.id, c.title, c.form, c.state, c.status, c.version, c.created_at, c.updated_at FROM collaborations c
      WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${filter.limit}`;
    const roles = await this.rolesOf(
      userId,
      records.map((r) => String(r.id)),
    );
    return records.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      form: r.form as Form,
      state: String(r.state),
      status: String(r.status),
      version: Number(r.version),
      role: roles.get(String(r.id))!,
      createdAt: toDate(r.created_at),
      updatedAt: toDate(r.updated_at),
    }));
  }

  /** The user's role in each collaboration; where it belongs to several parties, the strongest. */
  private async rolesOf(userId: string, ids: string[]): Promise<Map<string, PartyRole>> {
    const rank: Record<PartyRole, number> = { initiator: 0, partner: 1, invited: 2 };
    const roles = new Map<string, PartyRole>();
    if (ids.length === 0) return roles;
    const { records } = await sql(this.dataSource)<{ collaboration_id: string; role: PartyRole }>`
      SELECT p.collaboration_id, p.role FROM collaboration_parties p
      JOIN memberships m ON m.organization_id = p.organization_id AND m.user_id = ${userId}
      WHERE p.collaboration_id IN ${inList(ids)}`;
    for (const row of records) {
      const current = roles.get(row.collaboration_id);
      if (!current || rank[row.role] < rank[current]) roles.set(row.collaboration_id, row.role);
    }
    return roles;
  }

  /** Ids of the collaborations in a phase that the organization is a party to (in one of `roles`). */
  async idsInPhase(organizationId: string, phase: Phase, roles: PartyRole[]): Promise<string[]> {
    const { records } = await sql(this.dataSource)<{ id: string }>`SELECT c.id FROM collaborations c
      JOIN collaboration_parties p ON p.collaboration_id = c.id AND p.organization_id = ${organizationId} AND p.role IN ${inList(roles)}
      WHERE c.phase = ${phase}`;
    return records.map((r) => r.id);
  }

  /** The contexts of several collaborations (in the order of `ids`; ids without a row are left out). */
  async contextsOf(ids: string[], depth: ContextDepth): Promise<CollaborationContext[]> {
    if (ids.length === 0) return [];
    const { records } = await sql(this.dataSource)`SELECT * FROM collaborations WHERE id IN ${inList(ids)}`;
    const byId = new Map(records.map((r) => [String(r.id), collaborationFromRow(r)]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    if (depth === 'snapshot') return rows.map((row) => this.runtime.restore(row).context as CollaborationContext);
    return this.runtime.fullContexts(this.dataSource.manager, rows);
  }

  /**
   * Collaborations in a phase that the given organizations are parties of (`roles` narrows the party roles), with
   * their contexts; `initiatedBy` instead lists what one organization initiated, in any phase.
   */
  async list(
    where: { phase: Phase; partyOrganizationIds: string[]; roles?: PartyRole[] } | { initiatedBy: string },
    depth: ContextDepth,
  ): Promise<Array<CollaborationSummary & { context: CollaborationContext; organizationId: string }>> {
    const rows: Array<Record<string, unknown>> = [];
    if ('initiatedBy' in where) {
      const { records } = await sql(this.dataSource)`SELECT c.*, c.initiator_organization_id AS party_organization_id
        FROM collaborations c WHERE c.initiator_organization_id = ${where.initiatedBy}`;
      rows.push(...records);
    } else {
      for (const organizationId of where.partyOrganizationIds) {
        const { records } = await sql(this.dataSource)`SELECT c.*, p.role AS party_role, p.organization_id AS party_organization_id
          FROM collaborations c JOIN collaboration_parties p ON p.collaboration_id = c.id AND p.organization_id = ${organizationId}
          WHERE c.phase = ${where.phase}`;
        rows.push(...records.filter((r) => !where.roles || where.roles.includes(r.party_role as PartyRole)));
      }
    }
    const unique = [...new Map(rows.map((r) => [String(r.id), r])).values()];
    const entities = unique.map((r) => collaborationFromRow(r));
    const contexts =
      depth === 'snapshot'
        ? entities.map((row) => this.runtime.restore(row).context as CollaborationContext)
        : await this.runtime.fullContexts(this.dataSource.manager, entities);
    return unique.map((record, i) => ({ ...summary(record), organizationId: String(record.party_organization_id), context: contexts[i] }));
  }
}

/** The caller's party among its organizations' parties (`as` picks one), or 404; several without `as` is a 400. */
function chooseParty(rows: Party[], as?: string): Party {
  const mine = as ? rows.filter((r) => r.organizationId === as) : rows;
  if (mine.length === 0) throw notFound('Collaboration');
  if (mine.length > 1) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'You belong to more than one party here: choose one with ?as=<organizationId>', {
      fields: [{ field: 'as', problems: ['as is required when you belong to several parties'] }],
    });
  }
  return mine[0];
}

const ORDER: Record<PartyRole, number> = { initiator: 0, partner: 1, invited: 2 };
const sortParties = <P extends Party>(parties: P[]): P[] => parties.sort((a, b) => ORDER[a.role] - ORDER[b.role]);

const summary = (r: Record<string, unknown>): CollaborationSummary => ({
  id: String(r.id),
  title: String(r.title),
  form: r.form as Form,
  state: String(r.state),
  phase: r.phase as Phase,
  initiatorOrganizationId: String(r.initiator_organization_id),
});
