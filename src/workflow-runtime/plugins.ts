import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CollaborationContext, CollaborationEvent, CollaborationEventType } from '../../workflows/collaboration/index.js';
import type { JsonObject } from '../database/json.js';
import type { PartsSelection } from './context-parts.js';

/** What an effect reports back: an event for the machine (sent as the system), or nothing. */
type WithoutRuntimeFields<E> = E extends unknown ? Omit<E, 'actor' | 'at'> : never;
export type EffectResult = WithoutRuntimeFields<CollaborationEvent> | null;

export interface EffectInput {
  collaborationId: string;
  /** The whole context, detached parts included. */
  context: CollaborationContext;
  params: Record<string, unknown>;
  /** Stable per (collaboration, seq, index): handlers key anything they store by it, so a retry does not repeat it. */
  key: string;
  /** When the transition that asked for the effect happened: the same on every retry. */
  createdAt: Date;
}
export type EffectHandler = (input: EffectInput) => Promise<EffectResult>;

/** What an event's listeners and validators get: the snapshot contexts, and the whole context when they need it. */
export interface EventScope {
  em: EntityManager;
  event: CollaborationEvent;
  /** The context before the event, without detached parts (see workflows/…/storage.ts). */
  before: CollaborationContext;
  /** The whole context, read on demand (it grows with the history): before the event for validators, after it for listeners. */
  full: (selection?: PartsSelection) => Promise<CollaborationContext>;
}

/** Called in the transaction of an applied event, after the history is written: what follows from it commits with it. */
export type EventListener = (
  scope: EventScope & {
    after: CollaborationContext;
    /** The event's place in the history, and the states before and after it (as the history records them). */
    seq: number;
    from: string;
    to: string;
  },
) => Promise<void>;

/**
 * Checks a client's event needs beyond the machine's rules (data elsewhere in the database), in its transaction once
 * the rules allowed it (for events from a client: `fromClient`); may throw a DomainException. Fields it returns join the payload (and so the history, for exact replays).
 */
export type EventValidator = (scope: EventScope) => Promise<Record<string, unknown> | void>;

/** The row of a running workflow instance, as the store that owns its table reads it (it may carry more columns). */
export interface InstanceRecord {
  id: string;
  workflowVersion: number;
  version: number;
  state: string;
  phase: string;
  status: string;
  updatedAt: Date;
  /** The persisted snapshot without detached parts. */
  snapshot: JsonObject;
}

/** What the runtime writes after a transition; the store adds what it derives (title, parties…). */
export interface InstanceChanges {
  snapshot: JsonObject;
  state: string;
  phase: string;
  status: string;
  version: number;
  updatedAt: Date;
  before: CollaborationContext;
  after: CollaborationContext;
}

/** The table of the instances, owned by the module that owns the instance (collaborations) and registered here. */
export interface InstanceStore {
  /** The row as it is now, unlocked. */
  read(em: EntityManager, id: string): Promise<InstanceRecord | null>;
  /** The row, locked for the transaction where the database can (PostgreSQL); null when there is none. */
  lock(em: EntityManager, id: string): Promise<InstanceRecord | null>;
  /** The version-checked update: false when another transaction moved the row on first. */
  update(em: EntityManager, record: InstanceRecord, changes: InstanceChanges): Promise<boolean>;
}

/**
 * Where features plug into the runtime (one mechanism: filled on module init). The runtime imports no feature:
 * each registers its effect handlers, its listeners and validators for the event types it wants, and the owner of the
 * instances registers their store. An event type nobody listens to costs one map lookup.
 */
@Injectable()
export class WorkflowPlugins {
  private readonly handlers = new Map<string, EffectHandler>();
  private readonly listeners = new Map<string, EventListener[]>();
  private readonly validators = new Map<string, EventValidator[]>();
  private instanceStore: InstanceStore | undefined;

  /** `replace` swaps a registered handler (a test standing in for a failing renderer); otherwise one per effect. */
  handle(effect: string, handler: EffectHandler, options: { replace?: boolean } = {}): void {
    if (this.handlers.has(effect) && !options.replace) throw new Error(`effect ${effect} has a handler already`);
    this.handlers.set(effect, handler);
  }

  listen(types: readonly CollaborationEventType[], listener: EventListener): void {
    for (const type of types) this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  validate(types: readonly CollaborationEventType[], validator: EventValidator): void {
    for (const type of types) this.validators.set(type, [...(this.validators.get(type) ?? []), validator]);
  }

  useStore(store: InstanceStore): void {
    this.instanceStore = store;
  }

  handlerOf(effect: string): EffectHandler | undefined {
    return this.handlers.get(effect);
  }

  listenersOf(type: string): readonly EventListener[] {
    return this.listeners.get(type) ?? [];
  }

  validatorsOf(type: string): readonly EventValidator[] {
    return this.validators.get(type) ?? [];
  }

  get store(): InstanceStore {
    if (!this.instanceStore) throw new Error('no instance store registered with the workflow runtime');
    return this.instanceStore;
  }
}
