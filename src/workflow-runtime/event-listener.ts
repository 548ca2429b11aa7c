import type { EntityManager } from 'typeorm';
import type { CollaborationContext, CollaborationEvent } from '../../workflows/collaboration/index.js';

/** Called in the transaction of every applied event, after the history is written: what follows from it commits with it. */
export type EventListener = (
  em: EntityManager,
  event: CollaborationEvent,
  before: CollaborationContext,
  after: CollaborationContext,
) => Promise<void>;

/** Injection token of the event listener (one: the lifecycle's notifications). */
export const EVENT_LISTENER = Symbol('EVENT_LISTENER');
