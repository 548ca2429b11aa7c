import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { DomainException, ErrorCode, notFound } from '../common/errors/domain.exception.js';
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
import {
  attach,
  type ContextPart,
  detach,
  type DetachedFields,
  loadParts,
  loadPartsOf,
  type PartsSelection,
  saveParts,
} from './context-parts.js';
import { EffectEntity } from './effect.entity.js';
import { pureTransition } from './pure-transition.js';
import { TimerEntity } from './timer.entity.js';
import type { EventScope, InstanceRecord } from './plugins.js';
import { WorkflowPlugins } from './plugins.js';
import { WorkflowRegistry } from './workflow-registry.js';

const MAX_ATTEMPTS = 3;

export interface Applied {
  record: InstanceRecord;
  /** The context after the event, without detached parts. */
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
  /** The event comes from a client: run the validators features registered for its type (checks against data). */
  fromClient?: boolean;
  /** A check of this one call, once the rules allowed the event. */
  validate?: (em: EntityManager, context: CollaborationContext) => Promise<void>;
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

/** A new instance: its first snapshot (detached parts apart) and the parts its input already fills. */
export interface Started {
  workflowVersion: number;
  state: string;
  phase: string;
  status: string;
  snapshot: JsonObject;
  parts: ContextPart[];
}

const hasElements = (context: JsonObject, fields: DetachedFields): boolean =>
  Object.keys(fields).some((collection) => {
    const value: unknown = context[collection];
    return Array.isArray(value) ? value.length > 0 : value !== null && typeof value === 'object' && Object.keys(value).length > 0;
  });

/** Parts are keyed by position: a machine that removed or reordered elements of such a collection would mismatch them. */
function assertOnlyGrown(before: JsonObject, after: JsonObject, fields: DetachedFields): void {
  for (const collection of Object.keys(fields)) {
    const [was, is]: unknown[] = [before[collection], after[collection]];
    const shrunk = Array.isArray(was) && Array.isArray(is) ? is.length < was.length : false;
    const lost = !Array.isArray(was) && was && is ? Object.keys(was).some((key) => !(key in (is as JsonObject))) : false;
    if (shrunk || lost) throw new Error(`${collection} lost elements: a collection with detached fields may only grow`);
  }
}

export class AlreadyConsumed extends Error {}
class LostRace extends Error {}

type Refused = { state: string; allowedEvents: string[]; reason?: string };

export function stateOf(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

/** The event without what the runtime adds: what the history stores as `payload`. */
export function payloadOf(event: CollaborationEvent): Record<string, unknown> {
  const { type: _type, actor: _actor, at: _at, ...payload } = event as CollaborationEvent & Record<string, unknown>;
  return payload;
}

/**
 * Runs collaborations: one event = one transaction (lock, restore on the instance's own machine version, check,
 * transition, version-checked update, history, listeners, outbox and timers). Effects run after commit
 * (EffectsService). The machine works on the snapshot without its detached parts (workflows/…/storage.ts), so an
 * event's cost does not grow with the collaboration's history.
 */
@Injectable()
export class WorkflowRuntime {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    private readonly plugins: WorkflowPlugins,
  ) {}

  /** The first snapshot of a new collaboration on the latest version; the owner inserts it. */
  start(input: CollaborationInput): Started {
    const workflow = this.registry.latest;
    const [snapshot] = initialTransition(workflow.machine, input);
    const persisted = workflow.machine.getPersistedSnapshot(snapshot) as JsonObject;
    const { hot, parts } = detach(persisted.context as JsonObject, workflow.detached);
    const state = stateOf(snapshot);
    return {
      workflowVersion: workflow.version,
      state,
      phase: workflow.phaseOf[state],
      status: snapshot.status,
      snapshot: { ...persisted, context: hot },
      parts,
    };
  }

  restore(record: Pick<InstanceRecord, 'workflowVersion' | 'snapshot'>): AnyMachineSnapshot {
    return this.registry.get(record.workflowVersion).machine.resolveState(record.snapshot as never);
  }

  /** The whole context: the snapshot's, with the detached parts put back (only those `selection` names, if given). */
  async fullContext(
    em: EntityManager,
    record: Pick<InstanceRecord, 'id' | 'workflowVersion' | 'snapshot'>,
    selection?: PartsSelection,
  ): Promise<CollaborationContext> {
    const context = record.snapshot.context as JsonObject;
    const fields = this.registry.get(record.workflowVersion).detached;
    // Nothing to put back while every collection with detached fields is empty (a proposal): no read.
    if (!hasElements(context, fields)) return context as CollaborationContext;
    return attach(context, await loadParts(em, record.id, selection), fields) as CollaborationContext;
  }

  /** The whole contexts of several instances, reading their parts in one statement. */
  async fullContexts(
    em: EntityManager,
    records: Array<Pick<InstanceRecord, 'id' | 'workflowVersion' | 'snapshot'>>,
  ): Promise<CollaborationContext[]> {
    const parts = await loadPartsOf(
      em,
      records.map((r) => r.id),
    );
    return records.map(
      (r) =>
        attach(
          r.snapshot.context as JsonObject,
          parts.get(r.id) ?? [],
          this.registry.get(r.workflowVersion).detached,
        ) as CollaborationContext,
    );
  }

  /** The whole context of an instance by id (for effects, which need what the snapshot leaves out). */
  async contextOf(em: EntityManager, id: string): Promise<CollaborationContext> {
    const record = await this.plugins.store.read(em, id);
    if (!record) throw notFound('Collaboration');
    return this.fullContext(em, record);
  }

  /** Event types this actor may send now (payload aside). */
  allowedEvents(
    record: Pick<InstanceRecord, 'workflowVersion' | 'snapshot'>,
    actor: Actor,
    snapshot = this.restore(record),
  ): CollaborationEventType[] {
    const workflow = this.registry.get(record.workflowVersion);
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
    const store = this.plugins.store;
    const record = await store.lock(em, id);
    if (!record) throw notFound('Collaboration');
    const earlier = options.before ? await options.before(em) : undefined;
    if (earlier !== undefined) return { applied: null, output: earlier };
    if (options.expectedVersion !== undefined && record.version !== options.expectedVersion) {
      throw new DomainException(
        ErrorCode.PRECONDITION_FAILED,
        `The collaboration is at version ${record.version}, not ${options.expectedVersion}`,
        {
          version: record.version,
        },
      );
    }
    if (options.consume && !(await options.consume(em))) throw new AlreadyConsumed();

    const workflow = this.registry.get(record.workflowVersion);
    let current = workflow.machine.resolveState(record.snapshot as never);
    const before = current.context as CollaborationContext;
    this.assertAllowed(record, current, event);
    // The few detached parts the machine reads for this event go back in; unchanged, they are not written again.
    const read = workflow.detachedReadBy(before, event.type);
    let putBack: ContextPart[] = [];
    if (read.length > 0) {
      putBack = await loadParts(em, id, { pairs: read });
      const context = attach(before as unknown as JsonObject, putBack, workflow.detached);
      current = workflow.machine.resolveState({ ...record.snapshot, context } as never);
    }
    let full: Promise<CollaborationContext> | undefined;
    const scope: EventScope = {
      em,
      event,
      before,
      full: (selection) => (selection ? this.fullContext(em, record, selection) : (full ??= this.fullContext(em, record))),
    };
    if (options.validate) await options.validate(em, before);
    for (const validator of options.fromClient ? this.plugins.validatorsOf(event.type) : []) {
      // What a feature adds to the payload (a candidate's fit) goes into the history with it, so replays are exact.
      const added = await validator({ ...scope, event });
      if (added) event = { ...event, ...added } as CollaborationEvent;
    }
    const [next, actions] = pureTransition(workflow.machine, current, event);
    if (next === current) throw this.refusal(ErrorCode.EVENT_NOT_ALLOWED, record, current, event, 'a guard refused it');

    const persisted = workflow.machine.getPersistedSnapshot(next) as JsonObject;
    assertOnlyGrown(before as unknown as JsonObject, persisted.context as JsonObject, workflow.detached);
    const detached = detach(persisted.context as JsonObject, workflow.detached);
    const { hot } = detached;
    const parts = detached.parts.filter(
      (part) => !putBack.some((p) => p.path === part.path && p.key === part.key && p.value === part.value),
    );
    const after = hot as CollaborationContext;
    const state = stateOf(next);
    const version = record.version + 1;
    const changes = {
      snapshot: { ...persisted, context: hot },
      state,
      // A state the workflow gives no phase (a test's ad hoc version) stays in the phase it came from.
      phase: workflow.phaseOf[state] ?? record.phase,
      status: next.status,
      version,
      updatedAt: new Date(event.at),
      before,
      after,
    };
    // The version check: of two racing transactions, the second updates nothing and starts again.
    if (!(await store.update(em, record, changes))) throw new LostRace();
    await saveParts(em, id, parts);
    await sql(em)`INSERT INTO collaboration_events (collaboration_id, seq, type, payload, actor, from_state, to_state, at, due_at)
      VALUES (${id}, ${version}, ${event.type}, ${payloadOf(event)}, ${event.actor}, ${record.state}, ${state}, ${new Date(event.at)}, ${options.dueAt ?? null})`;
    const listeners = this.plugins.listenersOf(event.type);
    if (listeners.length > 0) {
      let fullAfter: Promise<CollaborationContext> | undefined;
      const full = (selection?: PartsSelection): Promise<CollaborationContext> => {
        const moved = { id, workflowVersion: record.workflowVersion, snapshot: changes.snapshot };
        return selection ? this.fullContext(em, moved, selection) : (fullAfter ??= this.fullContext(em, moved));
      };
      for (const listener of listeners) await listener({ em, event, before, after, full, seq: version, from: record.state, to: state });
    }
    const effects = await this.enqueue(em, id, version, actions, new Date(event.at));
    const applied: Applied = {
      // The store's own record (its other columns kept), moved on by the event.
      record: {
        ...record,
        version,
        state,
        phase: changes.phase,
        status: changes.status,
        updatedAt: changes.updatedAt,
        snapshot: changes.snapshot,
      },
      context: after,
      seq: version,
      effects,
    };
    return { applied, output: options.after ? await options.after(em, applied) : undefined };
  }

  private assertAllowed(record: InstanceRecord, snapshot: AnyMachineSnapshot, event: CollaborationEvent): void {
    const workflow = this.registry.get(record.workflowVersion);
    const handled = Object.keys(workflow.machine.states[stateOf(snapshot)]?.on ?? {});
    if (!handled.includes(event.type)) {
      throw this.refusal(
        ErrorCode.EVENT_NOT_ALLOWED,
        record,
        snapshot,
        event,
        `${event.type} is not allowed in state ${stateOf(snapshot)}`,
      );
    }
    const verdict = workflow.verdict(snapshot.context as CollaborationContext, event);
    if (!verdict.ok) {
      throw this.refusal(
        verdict.kind === 'forbidden' ? ErrorCode.EVENT_FORBIDDEN : ErrorCode.EVENT_NOT_ALLOWED,
        record,
        snapshot,
        event,
        verdict.reason,
      );
    }
  }

  private refusal(
    code: ErrorCode,
    record: InstanceRecord,
    snapshot: AnyMachineSnapshot,
    event: CollaborationEvent,
    reason: string,
  ): DomainException {
    const details: Refused = { state: stateOf(snapshot), allowedEvents: this.allowedEvents(record, event.actor, snapshot), reason };
    // The contract puts state and allowedEvents beside code; details keeps them where every error has its extras.
    return new DomainException(code, `${event.type}: ${reason}`, details, { state: details.state, allowedEvents: details.allowedEvents });
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
