import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import type { Actor, CollaborationContext, CollaborationEvent, CollaborationInput, Form } from '../../workflows/collaboration/index.js';
import { parties } from '../../workflows/collaboration/index.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { assertAgreementDataComplete } from '../agreements/agreement-data.js';
import { validateTerms } from '../agreements/terms.js';
import { assertPlannedInputs } from '../reviews/planned-inputs.js';
import { sql } from '../database/sql.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { EffectsService } from '../workflow-runtime/effects.service.js';
import { HistoryEventEntity } from '../workflow-runtime/history-event.entity.js';
import { COLLABORATION_WORKFLOW_ID } from '../workflow-runtime/workflow-registry.js';
import { WorkflowRuntime } from '../workflow-runtime/workflow-runtime.service.js';
import { CollaborationPartyEntity, type PartyRole } from './collaboration-party.entity.js';
import { CollaborationEntity, collaborationFromRow } from './collaboration.entity.js';
import type {
  CollaborationPageDto,
  CollaborationSummaryDto,
  CollaborationViewDto,
  HistoryEntryDto,
  ListCollaborationsQueryDto,
} from './dto/collaboration-view.dto.js';
import { parseClientEvent } from './dto/events.dto.js';
import type { CreateCollaborationDto } from './dto/proposal.dto.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { InvitationsService } from '../invitations/invitations.service.js';
import { FitService } from '../partners/fit.service.js';
import { canonicalJson } from '../common/canonical-json.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';

export interface EventRequest {
  ifMatch?: number;
  idempotencyKey?: string;
  as?: string;
  /** Where the request came from: recorded with a signature. */
  client?: { ip: string; userAgent: string };
}

interface Party {
  organizationId: string;
  role: PartyRole;
}

/** Reviews stay private to their author until every party has submitted or the review is closed. */
function reviewsRevealed(context: CollaborationContext): boolean {
  return context.closedAt !== null || parties(context).every((org) => org in context.reviews);
}

/**
 * What a party may see of the context. Reviews: see above. The partner search is the initiator's own work: other
 * parties see only their own candidacy (without the initiator's scores) and their own invitation outcomes.
 */
function visibleContext(context: CollaborationContext, viewer: string): CollaborationContext {
  let visible = context;
  if (!reviewsRevealed(context)) {
    const reviews = Object.fromEntries(
      Object.entries(context.reviews).map(([org, review]) => [org, org === viewer ? review : ({ hidden: true, at: review.at } as never)]),
    );
    visible = { ...visible, reviews };
  }
  if (viewer !== context.initiatorOrganizationId) {
    visible = {
      ...visible,
      // Why an ineligible candidate was invited anyway is the initiator's judgement, not the invitee's to read.
      invitation: context.invitation && (({ override: _override, ...rest }) => rest)(context.invitation),
      candidates: context.candidates
        .filter((c) => c.organizationId === viewer)
        .map(({ fit: _fit, ...c }) => ({ ...c, scores: null, ratedAt: null })),
      invitationOutcomes: context.invitationOutcomes.filter((o) => o.organizationId === viewer),
    };
  }
  return visible;
}

/** Whether a history entry's payload is hidden from this viewer (the same rules as the context). */
function hiddenPayload(entry: HistoryEventEntity, context: CollaborationContext, viewer: string, revealed: boolean): boolean {
  const author = (entry.actor as { organizationId?: string }).organizationId;
  if (author === viewer) return false;
  if (entry.type === 'review.submit') return !revealed;
  if (viewer === context.initiatorOrganizationId) return false;
  const candidateOrg = (id: unknown): string | null | undefined => context.candidates.find((c) => c.id === id)?.organizationId;
  switch (entry.type) {
    case 'partner.shortlist':
      return entry.payload.organizationId !== viewer;
    case 'partner.invite':
      return candidateOrg(entry.payload.candidateId) !== viewer;
    case 'partner.rate':
    case 'invitation.decline':
      return true;
    default:
      return false;
  }
}

/** A candidate's fit and an invitation's override are the initiator's judgement: other parties see their events without them. */
const withoutFit = (payload: Record<string, unknown>, context: CollaborationContext, viewer: string): Record<string, unknown> => {
  if (viewer === context.initiatorOrganizationId || !('fit' in payload || 'override' in payload)) return payload;
  const { fit: _fit, override: _override, ...rest } = payload;
  return rest;
};

@Injectable()
export class CollaborationsService {
  private readonly logger = new Logger(CollaborationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly effects: EffectsService,
    private readonly clock: Clock,
    private readonly invitations: InvitationsService,
    private readonly fit: FitService,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateCollaborationDto): Promise<CollaborationViewDto> {
    const initiator = await this.initiatingOrganization(user.id, dto.organizationId);
    const { organizationId: _chosen, ...fields } = dto;
    const input = JSON.parse(
      JSON.stringify({ ...fields, id: randomUUID(), initiatorOrganizationId: initiator, createdAt: this.clock.now().toISOString() }),
    ) as CollaborationInput;
    const row = this.runtime.start(input, user.id);
    return this.dataSource.transaction(async (em) => {
      await em.insert(CollaborationEntity, row);
      await em.insert(CollaborationPartyEntity, { collaborationId: row.id, organizationId: initiator, role: 'initiator' });
      return this.view(em, row, { organizationId: initiator, role: 'initiator' }, user.id);
    });
  }

  async list(user: AuthenticatedUser, query: ListCollaborationsQueryDto): Promise<CollaborationPageDto> {
    const limit = query.limit ?? 20;
    const roles = !query.role ? null : query.role === 'initiator' ? ['initiator'] : ['partner', 'invited'];
    // EXISTS, not a join: one row per collaboration even when the caller belongs to several of its parties.
    const mine = `EXISTS (SELECT 1 FROM collaboration_parties p JOIN memberships m ON m.organization_id = p.organization_id
      WHERE p.collaboration_id = c.id AND m.user_id = :userId${roles ? ' AND p.role IN (:...roles)' : ''})`;
    const qb = this.dataSource
      .getRepository(CollaborationEntity)
      .createQueryBuilder('c')
      .where(mine, { userId: user.id, roles })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.form) qb.andWhere('c.form = :form', { form: query.form });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere(new Brackets((w) => w.where('c.created_at < :at', { at }).orWhere('c.created_at = :at AND c.id < :id', { at, id })));
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const roleOf = await this.callerRoles(
      user.id,
      page.map((c) => c.id),
    );
    const items: CollaborationSummaryDto[] = page.map((c) => ({
      id: c.id,
      title: c.title,
      form: c.form,
      state: c.state,
      status: c.status,
      version: c.version,
      role: roleOf.get(c.id)!,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor(page[limit - 1]) : null };
  }

  /** The caller's role in each collaboration; where it belongs to several parties, the strongest. */
  private async callerRoles(userId: string, ids: string[]): Promise<Map<string, PartyRole>> {
    const rank: Record<PartyRole, number> = { initiator: 0, partner: 1, invited: 2 };
    const roles = new Map<string, PartyRole>();
    if (ids.length === 0) return roles;
    const rows = await this.dataSource
      .getRepository(CollaborationPartyEntity)
      .createQueryBuilder('p')
      .innerJoin(MembershipEntity, 'm', 'm.organization_id = p.organization_id AND m.user_id = :userId', { userId })
      .where('p.collaboration_id IN (:...ids)', { ids })
      .getMany();
    for (const row of rows) {
      const current = roles.get(row.collaborationId);
      if (!current || rank[row.role] < rank[current]) roles.set(row.collaborationId, row.role);
    }
    return roles;
  }

  async get(user: AuthenticatedUser, id: string, as?: string): Promise<CollaborationViewDto> {
    const party = await this.partyOf(id, user.id, as);
    return this.view(this.dataSource.manager, await this.load(id), party, user.id);
  }

  async send(user: AuthenticatedUser, id: string, body: unknown, request: EventRequest): Promise<CollaborationViewDto> {
    const party = await this.partyOf(id, user.id, request.as);
    const { type, payload } = parseClientEvent(body);
    const actor: Actor = { kind: 'party', userId: user.id, organizationId: party.organizationId };
    const signedFrom = type === 'agreement.sign' && request.client ? { ip: request.client.ip, userAgent: request.client.userAgent } : {};
    const event = { ...payload, ...signedFrom, type, actor, at: this.clock.now().toISOString() } as CollaborationEvent;
    const key = request.idempotencyKey;
    const requestHash = createHash('sha256').update(canonicalJson({ id, body })).digest('hex');

    const { applied, output } = await this.runtime.apply<CollaborationViewDto>(id, event, {
      expectedVersion: request.ifMatch,
      before: key ? (em) => this.replay(em, user.id, key, requestHash) : undefined,
      validate: (em, context) => this.checkAgainstData(em, context, event),
      after: async (em, result) => {
        if (event.type === 'partner.invite') await this.invitations.record(em, result.context);
        const view = await this.view(em, result.collaboration, party, user.id, result.context);
        if (key) {
          const record = Object.assign(new IdempotencyKeyEntity(), {
            userId: user.id,
            key,
            requestHash,
            collaborationId: id,
            response: view,
            createdAt: this.clock.now(),
          });
          await em.insert(IdempotencyKeyEntity, record);
        }
        return view;
      },
    });
    if (applied && applied.effects > 0) this.runEffectsSoon(id);
    return output!;
  }

  async history(user: AuthenticatedUser, id: string, as?: string): Promise<HistoryEntryDto[]> {
    const party = await this.partyOf(id, user.id, as);
    const row = await this.dataSource.getRepository(CollaborationEntity).findOneByOrFail({ id });
    const context = this.runtime.restore(row).context as CollaborationContext;
    const revealed = reviewsRevealed(context);
    const events = await this.dataSource.getRepository(HistoryEventEntity).find({ where: { collaborationId: id }, order: { seq: 'ASC' } });
    return events.map((e) => {
      const { kind, ...who } = e.actor as { kind: string; organizationId?: string };
      const hidden = hiddenPayload(e, context, party.organizationId, revealed);
      // An organization that answered an invitation and is not a party stays anonymous to the other parties.
      const outsider =
        who.organizationId !== undefined && who.organizationId !== party.organizationId && !parties(context).includes(who.organizationId);
      return {
        seq: e.seq,
        type: e.type,
        payload: hidden ? { hidden: true } : withoutFit(e.payload, context, party.organizationId),
        actor: kind !== 'party' ? { kind } : outsider && party.organizationId !== context.initiatorOrganizationId ? { hidden: true } : who,
        from: e.fromState,
        to: e.toState,
        at: e.at.toISOString(),
        ...(e.dueAt ? { dueAt: e.dueAt.toISOString() } : {}),
      };
    });
  }

  /** For routes under a collaboration: the caller's party and the collaboration's form, or 404 for non-parties. */
  async access(collaborationId: string, userId: string, as?: string): Promise<Party & { form: Form }> {
    const party = await this.partyOf(collaborationId, userId, as);
    const { records } = await sql(this.dataSource)<{ form: Form }>`SELECT form FROM collaborations WHERE id = ${collaborationId}`;
    return { ...party, form: records[0].form };
  }

  /** For the checklist routes: the context (the checklist is the same for every party), the title and the parties' names. */
  async checklistOf(
    collaborationId: string,
    userId: string,
    as?: string,
  ): Promise<{ context: CollaborationContext; title: string; parties: string[] }> {
    await this.partyOf(collaborationId, userId, as);
    const row = await this.load(collaborationId);
    const context = this.runtime.restore(row).context as CollaborationContext;
    const names = await this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(parties(context)) });
    const name = (id: string): string => names.find((o) => o.id === id)?.name ?? id;
    return { context, title: row.title, parties: parties(context).map(name) };
  }

  /** The partner search is the initiator's own work: its context, for the initiator only (403 for the other parties). */
  async initiatorContext(collaborationId: string, userId: string, as?: string): Promise<CollaborationContext> {
    const party = await this.partyOf(collaborationId, userId, as);
    if (party.role !== 'initiator') throw new DomainException(ErrorCode.FORBIDDEN, 'Only the initiator sees partner suggestions');
    return this.runtime.restore(await this.load(collaborationId)).context as CollaborationContext;
  }

  /** A collaboration the caller's party was already checked for. */
  private async load(collaborationId: string): Promise<CollaborationEntity> {
    const { records } = await sql(this.dataSource)`SELECT * FROM collaborations WHERE id = ${collaborationId}`;
    return collaborationFromRow(records[0]);
  }

  /** The caller's party in the collaboration, or 404: non-parties cannot tell whether it exists. */
  private async partyOf(collaborationId: string, userId: string, as?: string): Promise<Party> {
    const { records } = await sql(this.dataSource)<{ organization_id: string; role: PartyRole }>`
      SELECT p.organization_id, p.role FROM collaboration_parties p
      JOIN memberships m ON m.organization_id = p.organization_id AND m.user_id = ${userId}
      WHERE p.collaboration_id = ${collaborationId}`;
    const rows = records.map((r) => ({ organizationId: r.organization_id, role: r.role }));
    const mine = as ? rows.filter((r) => r.organizationId === as) : rows;
    if (mine.length === 0) throw notFound('Collaboration');
    if (mine.length > 1) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'You belong to more than one party here: choose one with ?as=<organizationId>',
        {
          fields: [{ field: 'as', problems: ['as is required when you belong to several parties'] }],
        },
      );
    }
    return { organizationId: mine[0].organizationId, role: mine[0].role };
  }

  private async initiatingOrganization(userId: string, chosen?: string): Promise<string> {
    const memberships = await this.dataSource.getRepository(MembershipEntity).findBy({ userId });
    if (chosen) {
      if (!memberships.some((m) => m.organizationId === chosen)) throw notFound('Organization');
      return chosen;
    }
    if (memberships.length === 1) return memberships[0].organizationId;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'organizationId is required when you belong to several organizations', {
      fields: [{ field: 'organizationId', problems: ['organizationId is required when you belong to several organizations'] }],
    });
  }

  /**
   * The checks an event needs beyond its payload's shape: data in the database, or the collaboration's form. Returns
   * what the service adds to the payload: a candidate's fit, computed now and recorded with the event.
   */
  private async checkAgainstData(
    em: EntityManager,
    context: CollaborationContext,
    event: CollaborationEvent,
  ): Promise<Record<string, unknown> | void> {
    if (event.type === 'partner.shortlist') {
      if (event.organizationId) await this.assertOrganizationExists(em, event.organizationId);
      return { fit: await this.fit.fitOf(context, event.organizationId ?? null) };
    }
    if (event.type === 'partner.rate') {
      const candidate = context.candidates.find((c) => c.id === event.candidateId)!;
      return { fit: await this.fit.fitOf(context, candidate.organizationId, { ...candidate.scores, ...event.scores }) };
    }
    if (event.type === 'terms.propose') validateTerms(context.form, event.terms);
    if (event.type === 'terms.accept') await assertAgreementDataComplete(em, context);
    if (event.type === 'review.submit') assertPlannedInputs(context.reviewPlan, event.kpis);
    if (event.type === 'partner.invite') {
      const candidate = context.candidates.find((c) => c.id === event.candidateId)!;
      // Scored again now: the requirements or the candidate's profile may have changed since it was shortlisted.
      const fit = await this.fit.fitOf(context, candidate.organizationId, candidate.scores ?? {});
      if (!fit.eligible && !event.override) {
        throw new DomainException(
          ErrorCode.CANDIDATE_INELIGIBLE,
          `${event.candidateId} is not eligible (${fit.flags.join('; ')}): invite with override {reason} to go ahead`,
          { candidateId: event.candidateId, score: fit.score, flags: fit.flags },
        );
      }
    }
  }

  private async assertOrganizationExists(em: EntityManager, organizationId: string): Promise<void> {
    if (await em.existsBy(OrganizationEntity, { id: organizationId })) return;
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'organizationId names no organization on Kolabora', {
      fields: [{ field: 'organizationId', problems: ['organizationId names no organization on Kolabora'] }],
    });
  }

  private async replay(em: EntityManager, userId: string, key: string, requestHash: string): Promise<CollaborationViewDto | undefined> {
    const earlier = await em.findOneBy(IdempotencyKeyEntity, { userId, key });
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash) {
      throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different request');
    }
    return earlier.response as CollaborationViewDto;
  }

  private async view(
    em: EntityManager,
    row: CollaborationEntity,
    party: Party,
    userId: string,
    context?: CollaborationContext,
  ): Promise<CollaborationViewDto> {
    const ctx = context ?? (this.runtime.restore(row).context as CollaborationContext);
    const { records: partyRows } = await sql(em)<{ organization_id: string; role: PartyRole; name: string }>`
      SELECT p.organization_id, p.role, o.name FROM collaboration_parties p
      JOIN organizations o ON o.id = p.organization_id WHERE p.collaboration_id = ${row.id}`;
    const order: Record<PartyRole, number> = { initiator: 0, partner: 1, invited: 2 };
    const actor: Actor = { kind: 'party', userId, organizationId: party.organizationId };
    return {
      id: row.id,
      title: row.title,
      form: row.form,
      state: row.state,
      status: row.status,
      version: row.version,
      workflow: { id: COLLABORATION_WORKFLOW_ID, version: row.workflowVersion },
      parties: partyRows
        .sort((a, b) => order[a.role] - order[b.role])
        .map((p) => ({ organizationId: p.organization_id, name: p.name, role: p.role })),
      allowedEvents: this.runtime.allowedEvents(row, actor),
      context: visibleContext(ctx, party.organizationId) as unknown as Record<string, unknown>,
      ...(party.organizationId === ctx.initiatorOrganizationId && row.state === 'invitation' && ctx.invitation?.contact
        ? { invitation: this.invitations.links.linkFor(ctx, partyRows.find((p) => p.role === 'initiator')?.name ?? '') }
        : {}),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Effects run after the answer is sent; the worker picks up whatever this misses (a crash, a failure). */
  private runEffectsSoon(collaborationId: string): void {
    setImmediate(() => {
      this.effects.runDue(collaborationId).catch((error: Error) => this.logger.error(`effects of ${collaborationId}: ${error.message}`));
    });
  }
}
