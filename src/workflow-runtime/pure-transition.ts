import { type AnyActorRef, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, createActor, type EventObject } from 'xstate';

const selves = new WeakMap<AnyStateMachine, AnyActorRef>();

/**
 * xstate's `transition()` without its per-call actor: that one computes the machine's initial snapshot with no input,
 * which throws in our `initialContext` and was a sixth of an event's CPU. One inert actor per machine serves as `self`
 * (our machines spawn no children and raise delayed events only as actions, which the runtime turns into timer rows).
 * The replay check uses xstate's own `transition()`, so a difference would show there.
 */
export function pureTransition(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>] {
  let self = selves.get(machine);
  if (!self) {
    self = createActor(machine);
    selves.set(machine, self);
  }
  const actions: Array<{ type: string; params?: unknown }> = [];
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: { type: string; params?: unknown }) => actions.push(action),
  } as unknown as AnyActorScope;
  return [machine.transition(snapshot, event, scope) as AnyMachineSnapshot, actions];
}
