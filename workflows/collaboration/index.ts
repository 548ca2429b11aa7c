// The versions of the collaboration lifecycle.
// Adding optional context, new events or new states: edit the current version in place (and update its hash in the spec).
// Renaming or removing a state or event, changing a delay, or changing the context shape: copy v1/ to v2/ with
// id 'collaboration.v2', register it below and point LATEST at it. Collaborations keep the version they started on.
import { collaborationV1 } from './v1/machine.js';

export const COLLABORATION_MACHINES = { 1: collaborationV1 } as const;
export const LATEST_COLLABORATION_VERSION = 1;
export type CollaborationMachine = typeof collaborationV1;

export * from './v1/types.js';
export { RULES, verdict, mayOffer, openBlockingItems, parties, type Verdict, type Refusal } from './v1/rules.js';
export { initialContext, reduce } from './v1/reducers.js';
export { describeMachine, toMermaid, type MachineDescription } from './describe.js';
