// The versions of the collaboration lifecycle.
// Adding optional context, new events or new states, or new optional payload fields whose context is set only when
// present (so every earlier history replays to the same snapshot): edit the current version in place (and update
// its hash in the spec).
// Renaming or removing a state or event, changing a delay, or changing the context shape: copy v1/ to v2/ with
// id 'collaboration.v2', register it below and point LATEST at it. Collaborations keep the version they started on.
import type { AnyStateMachine } from 'xstate';
import type { DetachedFields } from '../context-split.js';
import type { CollaborationContext } from './v1/types.js';
import { collaborationV1 } from './v1/machine.js';
import { mayOffer, verdict } from './v1/rules.js';
import { DETACHED_FIELDS, detachedReadBy, PHASE_OF_STATE } from './v1/storage.js';

/** A released version: its machine and the rules its guards use, which the service also uses to explain refusals. */
export interface CollaborationWorkflow {
  version: number;
  machine: AnyStateMachine;
  verdict: typeof verdict;
  mayOffer: typeof mayOffer;
  /** Context fields the runtime stores outside the snapshot (see v1/storage.ts). */
  detached: DetachedFields;
  /** Detached parts the machine reads for an event: put back before the transition. */
  detachedReadBy: (context: CollaborationContext, eventType: string) => Array<[string, string]>;
  phaseOf: Readonly<Record<string, string>>;
}

export const COLLABORATION_VERSIONS: Record<number, CollaborationWorkflow> = {
  1: { version: 1, machine: collaborationV1, verdict, mayOffer, detached: DETACHED_FIELDS, detachedReadBy, phaseOf: PHASE_OF_STATE },
};
export const LATEST_COLLABORATION_VERSION = 1;
export { collaborationV1 };

export * from './v1/types.js';
export { RULES, verdict, mayOffer, openBlockingItems, parties, type Verdict, type Refusal } from './v1/rules.js';
export { initialContext, reduce } from './v1/reducers.js';
export { DETACHED_FIELDS, PHASES, PHASE_OF_STATE, type Phase } from './v1/storage.js';
export { describeMachine, toMermaid, type MachineDescription } from './describe.js';
