import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
import { CollaborationPartyEntity, type PartyRole } from '../collaborations/collaboration-party.entity.js';
import { CollaborationEntity, collaborationFromRow } from '../collaborations/collaboration.entity.js';
import { sql } from '../database/sql.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type {
  Actor,
  CollaborationContext,
  CollaborationEvent,
  CollaborationEventType,
  CollaborationInput,
} from '../../workflows/collaboration/index.js';
import type { JsonObject } from '../database/json.js';
import { EffectEntity } from './effect.entity.js';
import { TimerEntity } from './timer.entity.js';
import { EVENT_LISTENER, type EventListener } from './event-listener.js';
import { COLLABORATION_WORKFLOW_ID, WorkflowRegistry } from './workflow-registry.js';

const MAX_ATTEMPTS = 3;

export interface Applied {
  collaboration: CollaborationEntity;
  context: CollaborationContext;
  seq: number;
  effects: number;
}

export interface ApplyOptions<R = never> {
  /** If-Match: fail with 412 when the collaboration has moved on. */
  expectedVersion?: number;
  /** For timer events: when the timer was due. */
  dueAt?: Date;
  /** Runs once the row is locked; a value returned ends the transaction without applying (an idempotent replay). */
  before?: (em: EntityManager) => Promise<R | undefined>;
  /** Checks that need the database or the context, once the rules allowed the event; fields it returns join the payload. */
  validate?: (em: EntityManager, context: CollaborationContext) => Promise<Record<string, unknown> | void>;
  /** Claims what triggered the event (a timer row, an outbox row); false aborts: someone else delivered it. */
  consume?: (em: EntityManager) => Promise<boolean>;
  /** Runs last in the transaction; what it returns is the `output` (e.g. the answer, kept under an Idempotency-Key). */
  after?: (em: EntityManager, applied: Applied) => Promise<R>;
}

export interface ApplyResult<R> {
  /** Null when `before` answered instead (nothing was applied). */
  applied: Applied | null;
  output: R | undefined;
}

export class AlreadyConsumed extends Error {}
class LostRace extends Error {}

type Refused = { state: string; allowedEvents: string[]; reason?: string };

function stateOf(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

/** The event without what the runtime adds: what the history stores as `payload`. */
export function payloadOf(event: CollaborationEvent): Record<string, unknown> {
  const { type: _type, actor: _actor, at: _at, ...payload } = event as CollaborationEvent & Record<string, unknown>;
  return payload;
}

/** Who may see the collaboration, as the context says: kept in the parties table. */
function partiesOf(context: CollaborationContext): Array<[string, PartyRole]> {
  return [
    [context.initiatorOrganizationId, 'initiator'],
    ...context.partnerOrganizationIds.map((id): [string, PartyRole] => [id, 'partner']),
    // A contact's invitation has no organization to show it to until someone accepts.
    ...(context.invitation?.organizationId ? [[context.invitation.organizationId, 'invited'] as [string, PartyRole]] : []),
  ];
}

/**
 * Runs collaborations: one event = one transaction (load, restore on the instance's own machine version, check,
 * transition, version-checked update, history, outbox and timers). Effects run after commit (EffectsService).
 */
@Injectable()
export class WorkflowRuntime {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    @Optional() @Inject(EVENT_LISTENER) private readonly listener?: EventListener,
  ) {}

  /** The row for a new collaboration on the latest version; the caller inserts it with its first party. */
  start(input: CollaborationInput, createdByUserId: string): CollaborationEntity {
    const workflow = this.registry.latest;
    const [snapshot] = initialTransition(workflow.machine, input);
    const now = new Date(input.createdAt);
    return Object.assign(new CollaborationEntity(), {
      id: input.id,
      title: input.title,
      form: input.form,
      state: stateOf(snapshot),
      status: snapshot.status,
      workflowId: COLLABORATION_WORKFLOW_ID,
      workflowVersion: workflow.version,
      version: 0,
      initiatorOrganizationId: input.initiatorOrganizationId,
      createdByUserId,
      input: { ...input },
      snapshot: workflow.machine.getPersistedSnapshot(snapshot) as JsonObject,
      createdAt: now,
      updatedAt: now,
    });
  }

  restore(collaboration: CollaborationEntity): AnyMachineSnapshot {
    return this.registry.get(collaboration.workflowVersion).machine.resolveState(collaboration.snapshot as never);
  }

  /** Event types this actor may send now (payload aside). */
  allowedEvents(collaboration: CollaborationEntity, actor: Actor, snapshot = this.restore(collaboration)): CollaborationEventType[] {
    const workflow = this.registry.get(collaboration.workflowVersion);
    const handled = Object.keys(workflow.machine.states[stateOf(snapshot)]?.on ?? {}) as CollaborationEventType[];
    return handled.filter((type) => workflow.mayOffer(snapshot.context as CollaborationContext, type, actor));
  }

  async apply<R = never>(collaborationId: string, event: CollaborationEvent, options: ApplyOptions<R> = {}): Promise<ApplyResult<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => this.applyOnce(em, collaborationId, event, options));
      } catch (error) {
        // Rows are locked (PostgreSQL) or transactions one at a time (SQLite), so a lost race is rare: a unique key
        // taken meanwhile (an Idempotency-Key used on two collaborations at once). Starting again sorts it out.
        const lost = error instanceof LostRace || isUniqueViolation(error);
        if (!lost) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new DomainException(ErrorCode.CONCURRENT_UPDATE, 'The collaboration is busy; try again');
      }
    }
  }

  private async applyOnce<R>(em: EntityManager, id: string, given: CollaborationEvent, options: ApplyOptions<R>): Promise<ApplyResult<R>> {
    let event = given;
    // PostgreSQL: lock the row, so events racing on one collaboration queue up. SQLite: transactions already run one
    // at a time (sqlite-gate.ts). The version check below holds on both.
    const query = sql(em);
    const found =
      this.dataSource.options.type === 'postgres'
        ? await query`SELECT * FROM collaborations WHERE id = ${id} FOR UPDATE`
        : await query`SELECT * FROM collaborations WHERE id = ${id}`;
    if (found.records.length === 0) throw notFound('Collaboration');
    const row = collaborationFromRow(found.records[0]);
    const earlier = options.before ? await options.before(em) : undefined;
    if (earlier !== undefined) return { applied: null, output: earlier };
    if (options.expectedVersion !== undefined && row.version !== options.expectedVersion) {
      throw new DomainException(
        ErrorCode.PRECONDITION_FAILED,
        `The collaboration is at version ${row.version}, not ${options.expectedVersion}`,
        {
          version: row.version,
        },
      );
    }
    if (options.consume && !(await options.consume(em))) throw new AlreadyConsumed();

    const workflow = this.registry.get(row.workflowVersion);
    const current = workflow.machine.resolveState(row.snapshot as never);
    this.assertAllowed(row, current, event);
    const added = options.validate ? await options.validate(em, current.context as CollaborationContext) : undefined;
    // What the service adds to the payload (a candidate's fit) goes into the history with it, so replays are exact.
    if (added) event = { ...event, ...added } as CollaborationEvent;
    const [next, actions] = transition(workflow.machine, current, event as never);
    if (next === current) throw this.refusal(ErrorCode.EVENT_NOT_ALLOWED, row, current, event, 'a guard refused it');

    const version = row.version + 1;
    const context = next.context as CollaborationContext;
    const changes = {
      snapshot: workflow.machine.getPersistedSnapshot(next) as JsonObject,
      state: stateOf(next),
      status: next.status,
      title: context.title,
      form: context.form,
      version,
      updatedAt: new Date(event.at),
    };
    // The version check: of two racing transactions, the second updates nothing and starts again.
    const { affected } =
      await query`UPDATE collaborations SET snapshot = ${changes.snapshot}, state = ${changes.state}, status = ${changes.status},
      title = ${changes.title}, form = ${changes.form}, version = ${version}, updated_at = ${changes.updatedAt}
      WHERE id = ${id} AND version = ${row.version}`;
    if (affected !== 1) throw new LostRace();
    await query`INSERT INTO collaboration_events (collaboration_id, seq, type, payload, actor, from_state, to_state, at, due_at)
      VALUES (${id}, ${version}, ${event.type}, ${payloadOf(event)}, ${event.actor}, ${row.state}, ${changes.state}, ${new Date(event.at)}, ${options.dueAt ?? null})`;
    await this.syncParties(em, id, current.context as CollaborationContext, context);
    if (this.listener) await this.listener(em, event, current.context as CollaborationContext, context);
    const effects = await this.enqueue(em, id, version, actions, new Date(event.at));
    const applied: Applied = { collaboration: Object.assign(row, changes), context, seq: version, effects };
    return { applied, output: options.after ? await options.after(em, applied) : undefined };
  }

  private assertAllowed(row: CollaborationEntity, snapshot: AnyMachineSnapshot, event: CollaborationEvent): void {
    const workflow = this.registry.get(row.workflowVersion);
    const handled = Object.keys(workflow.machine.states[stateOf(snapshot)]?.on ?? {});
    if (!handled.includes(event.type)) {
      throw this.refusal(ErrorCode.EVENT_NOT_ALLOWED, row, snapshot, event, `${event.type} is not allowed in state ${stateOf(snapshot)}`);
    }
    const verdict = workflow.verdict(snapshot.context as CollaborationContext, event);
    if (!verdict.ok) {
      throw this.refusal(
        verdict.kind === 'forbidden' ? ErrorCode.EVENT_FORBIDDEN : ErrorCode.EVENT_NOT_ALLOWED,
        row,
        snapshot,
        event,
        verdict.reason,
      );
    }
  }

  private refusal(
    code: ErrorCode,
    row: CollaborationEntity,
    snapshot: AnyMachineSnapshot,
    event: CollaborationEvent,
    reason: string,
  ): DomainException {
    const details: Refused = { state: stateOf(snapshot), allowedEvents: this.allowedEvents(row, event.actor, snapshot), reason };
    // The contract puts state and allowedEvents beside code; details keeps them where every error has its extras.
    return new DomainException(code, `${event.type}: ${reason}`, details, { state: details.state, allowedEvents: details.allowedEvents });
  }

  private async syncParties(
    em: EntityManager,
    collaborationId: string,
    before: CollaborationContext,
    after: CollaborationContext,
  ): Promise<void> {
    const wanted = partiesOf(after);
    if (JSON.stringify(partiesOf(before)) === JSON.stringify(wanted)) return;
    await em.delete(CollaborationPartyEntity, { collaborationId });
    await em.insert(
      CollaborationPartyEntity,
      wanted.map(([organizationId, role]) => ({ collaborationId, organizationId, role })),
    );
  }

  /** Effects go to the outbox, delayed raises become timer rows, cancels delete them. Returns the number of effects. */
  private async enqueue(
    em: EntityManager,
    collaborationId: string,
    seq: number,
    actions: Array<{ type: string; params?: unknown }>,
    at: Date,
  ): Promise<number> {
    let effects = 0;
    for (const [idx, action] of actions.entries()) {
      const params = (action.params ?? {}) as JsonObject;
      if (action.type === 'xstate.raise' && params.delay !== undefined) {
        if (!Number.isFinite(params.delay)) throw new Error(`timer ${String(params.id)} has no valid delay (${String(params.delay)})`);
        const timerId = String(params.id);
        await em.delete(TimerEntity, { collaborationId, timerId });
        await em.insert(TimerEntity, {
          id: randomUUID(),
          collaborationId,
          timerId,
          event: params.event as JsonObject,
          fireAt: new Date(at.getTime() + params.delay),
          claimedUntil: null,
          createdAt: at,
        });
      } else if (action.type === 'xstate.cancel') {
        await em.delete(TimerEntity, { collaborationId, timerId: String(params.sendId) });
      } else if (!action.type.startsWith('xstate.')) {
        effects += 1;
        await em.insert(EffectEntity, {
          id: randomUUID(),
          collaborationId,
          seq,
          idx,
          type: action.type,
          params,
          status: 'pending',
          attempts: 0,
          availableAt: at,
          lastError: null,
          createdAt: at,
          doneAt: null,
        });
      }
    }
    return effects;
  }
}
