import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, CollaborationContext, CollaborationEvent, CollaborationInput } from '../../workflows/collaboration/index.js';
import { DETACHED_FIELDS, parties } from '../../workflows/collaboration/index.js';
import type { AuthenticatedUser } from '../common/http/current-user.decorator.js';
import { Clock } from '../common/clock.js';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { MembershipEntity } from '../organizations/membership.entity.js';
import { EffectsService } from '../workflow-runtime/effects.service.js';
import { HistoryEventEntity } from '../workflow-runtime/history-event.entity.js';
import { COLLABORATION_WORKFLOW_ID } from '../workflow-runtime/workflow-registry.js';
import type { PartsSelection } from '../workflow-runtime/context-parts.js';
import { WorkflowRuntime } from '../workflow-runtime/workflow-runtime.service.js';
import type { PartyRole } from './collaboration-party.entity.js';
import { CollaborationReader, type Party } from './collaboration-reader.js';
import { CollaborationStore, partiesOf } from './collaboration-store.js';
import { CollaborationViews } from './collaboration-views.js';
import { CollaborationEntity } from './collaboration.entity.js';
import type {
  CollaborationPageDto,
  CollaborationSummaryDto,
  CollaborationViewDto,
  HistoryEntryDto,
  MilestoneDto,
  TermsRevisionDto,
  ListCollaborationsQueryDto,
} from './dto/collaboration-view.dto.js';
import { assertRoomFor, hasRoomFor, parseClientEvent } from './dto/events.dto.js';
import type { CreateCollaborationDto } from './dto/proposal.dto.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { canonicalJson } from '../common/canonical-json.js';
import { decodeCursor, encodeCursor } from '../common/pagination.js';

export interface EventRequest {
  ifMatch?: number;
  idempotencyKey?: string;
  as?: string;
  /** Where the request came from: recorded with a signature. */
  client?: { ip: string; userAgent: string };
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

/**
 * The view carries the terms of the latest and the accepted revision; older ones are read one at a time (GET
 * …/terms/:revision), so a view does not grow with every revision proposed.
 */
/** The milestones whose notes the view carries: the latest; older ones are read on their own (GET …/milestones/:number). */
export const VIEW_MILESTONE_NOTES = 20;

/**
 * What a view reads of the detached parts: the terms of the latest and accepted revisions only, the notes of the latest
 * milestones only (a collaboration at its limits would otherwise be a view of half a megabyte).
 */
function viewSelection(row: CollaborationEntity): PartsSelection {
  const context = row.snapshot.context as CollaborationContext;
  const keep = [context.termsRevisions.length - 1, (context.acceptedRevision ?? 0) - 1].filter((i) => i >= 0).map(String);
  const milestones = context.milestones.length;
  const recentMilestones = Array.from({ length: Math.min(milestones, VIEW_MILESTONE_NOTES) }, (_, k) => String(milestones - 1 - k));
  return {
    allBut: [
      { path: 'termsRevisions.terms', keep },
      { path: 'milestones.notes', keep: recentMilestones },
    ],
  };
}

/** Whether the parties read before an event are still the parties its context names (same organizations and roles). */
function samePartiesAs(read: Party[], context: CollaborationContext): boolean {
  const key = (parties: Array<{ organizationId: string; role: string }>): string =>
    parties
      .map((p) => `${p.role}:${p.organizationId}`)
      .sort()
      .join(',');
  return key(read) === key(partiesOf(context).map(([organizationId, role]) => ({ organizationId, role })));
}

@Injectable()
export class CollaborationsService {
  private readonly logger = new Logger(CollaborationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: WorkflowRuntime,
    private readonly effects: EffectsService,
    private readonly clock: Clock,
    private readonly store: CollaborationStore,
    private readonly reader: CollaborationReader,
    private readonly views: CollaborationViews,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateCollaborationDto): Promise<CollaborationViewDto> {
    const initiator = await this.initiatingOrganization(user.id, dto.organizationId);
    const { organizationId: _chosen, ...fields } = dto;
    const input = JSON.parse(
      JSON.stringify({ ...fields, id: randomUUID(), initiatorOrganizationId: initiator, createdAt: this.clock.now().toISOString() }),
    ) as CollaborationInput;
    const row = this.store.start(input, user.id);
    return this.dataSource.transaction(async (em) => {
      await this.store.insert(em, row);
      return this.view(em, row, { organizationId: initiator, role: 'initiator' }, user.id);
    });
  }

  async list(user: AuthenticatedUser, query: ListCollaborationsQueryDto): Promise<CollaborationPageDto> {
    const limit = query.limit ?? 20;
    const roles: PartyRole[] | undefined = !query.role ? undefined : query.role === 'initiator' ? ['initiator'] : ['partner', 'invited'];
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.reader.listForUser(user.id, { state: query.state, form: query.form, roles, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items: CollaborationSummaryDto[] = page.map((c) => ({
      id: c.id,
      title: c.title,
      form: c.form,
      state: c.state,
      status: c.status,
      version: c.version,
      role: c.role,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor(page[limit - 1]) : null };
  }

  async get(user: AuthenticatedUser, id: string, as?: string): Promise<CollaborationViewDto> {
    const party = await this.reader.partyOf(id, user.id, as);
    return this.view(this.dataSource.manager, await this.reader.row(id), party, user.id);
  }

  async send(user: AuthenticatedUser, id: string, body: unknown, request: EventRequest): Promise<CollaborationViewDto> {
    // The caller's party and the parties' names in one read; the answer reuses the names unless the event changed the parties.
    const { party, parties: partiesBefore } = await this.reader.partiesWithCaller(id, user.id, request.as);
    const { type, payload } = parseClientEvent(body);
    const actor: Actor = { kind: 'party', userId: user.id, organizationId: party.organizationId };
    const signedFrom = type === 'agreement.sign' && request.client ? { ip: request.client.ip, userAgent: request.client.userAgent } : {};
    const event = { ...payload, ...signedFrom, type, actor, at: this.clock.now().toISOString() } as CollaborationEvent;
    const key = request.idempotencyKey;
    const requestHash = createHash('sha256').update(canonicalJson({ id, body })).digest('hex');

    const { applied, output } = await this.runtime.apply<CollaborationViewDto>(id, event, {
      expectedVersion: request.ifMatch,
      before: key ? (em) => this.replay(em, user.id, key, requestHash) : undefined,
      fromClient: true,
      validate: async (_em, context) => assertRoomFor(type, context),
      after: async (em, applied) => {
        // The row as the event left it: what the store read, moved on by the runtime; title and form follow the context.
        const row = Object.assign(new CollaborationEntity(), applied.record, { title: applied.context.title, form: applied.context.form });
        const same = samePartiesAs(partiesBefore, applied.context);
        const view = await this.view(em, row, party, user.id, same ? partiesBefore : undefined);
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
    const party = await this.reader.partyOf(id, user.id, as);
    const context = await this.reader.contextOf(id, 'snapshot');
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

  /** One terms revision in full (the view leaves out the terms of older revisions). */
  async termsRevision(user: AuthenticatedUser, id: string, revision: number, as?: string): Promise<TermsRevisionDto> {
    await this.reader.partyOf(id, user.id, as);
    const row = await this.reader.row(id);
    const context = await this.reader.contextOfRow(row, 'whole', undefined, { pairs: [['termsRevisions.terms', String(revision - 1)]] });
    const found = context.termsRevisions.find((r) => r.revision === revision);
    if (!found) throw notFound('Terms revision');
    return found;
  }

  /** One milestone in full, by its number (1 = the first recorded). */
  async milestone(user: AuthenticatedUser, id: string, number: number, as?: string): Promise<MilestoneDto> {
    await this.reader.partyOf(id, user.id, as);
    const row = await this.reader.row(id);
    const index = String(number - 1);
    const pairs = DETACHED_FIELDS.milestones.fields.map((field): [string, string] => [`milestones.${field}`, index]);
    const context = await this.reader.contextOfRow(row, 'whole', undefined, { pairs });
    const found = number >= 1 ? context.milestones[number - 1] : undefined;
    if (!found) throw notFound('Milestone');
    return { number, ...found };
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
    known?: Array<Party & { name: string }>,
  ): Promise<CollaborationViewDto> {
    const ctx = await this.reader.contextOfRow(row, 'whole', em, viewSelection(row));
    const partyRows = known ?? (await this.reader.partiesOf(row.id, em));
    const actor: Actor = { kind: 'party', userId, organizationId: party.organizationId };
    return {
      id: row.id,
      title: row.title,
      form: row.form,
      state: row.state,
      status: row.status,
      version: row.version,
      workflow: { id: COLLABORATION_WORKFLOW_ID, version: row.workflowVersion },
      parties: partyRows,
      allowedEvents: this.runtime.allowedEvents(row, actor).filter((type) => hasRoomFor(type, ctx)),
      context: visibleContext(ctx, party.organizationId) as unknown as Record<string, unknown>,
      ...this.views.extras({ state: row.state, context: ctx, viewer: party, parties: partyRows }),
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
