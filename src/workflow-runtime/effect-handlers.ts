import type { CollaborationEntity } from '../collaborations/collaboration.entity.js';
import type { CollaborationContext, CollaborationEvent } from '../../workflows/collaboration/index.js';

/** What an effect reports back: an event for the machine (sent as the system), or nothing. */
type WithoutRuntimeFields<E> = E extends unknown ? Omit<E, 'actor' | 'at'> : never;
export type EffectResult = WithoutRuntimeFields<CollaborationEvent> | null;

export interface EffectInput {
  collaboration: CollaborationEntity;
  context: CollaborationContext;
  params: Record<string, unknown>;
  /** Stable per (collaboration, seq, index): handlers key anything they store by it, so a retry does not repeat it. */
  key: string;
  /** When the transition that asked for the effect happened: the same on every retry. */
  createdAt: Date;
}

export type EffectHandler = (input: EffectInput) => Promise<EffectResult>;

/** Injection token: effect name (the machine's action type) → handler. */
export const EFFECT_HANDLERS = Symbol('EFFECT_HANDLERS');
export type EffectHandlers = Record<string, EffectHandler>;
