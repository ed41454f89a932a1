// Starts a machine on the run's clock with the chosen engine: the fast
// interpreter (src/sim/machines/engine.ts, the default: 13-28x cheaper per
// event) or xstate's own actor. Both run the same machine definitions;
// tests/sim/engines.test.ts checks that whole runs give identical JSON.

import { createActor, type AnyStateMachine, type EventFromLogic, type InputFrom, type StateValue } from 'xstate';
import { createFastActor } from '../machines/engine';
import type { Clock } from '../kernel/clock';

export type MachineEngine = 'fast' | 'xstate';

/** What the runtime uses of an actor; both engines provide it. */
export interface SimActor<TEvent> {
  send(event: TEvent): void;
  getSnapshot(): { value: StateValue; status: string };
  subscribe(fn: (snapshot: { value: StateValue }) => void): { unsubscribe(): void };
}

export function spawnActor<M extends AnyStateMachine>(engine: MachineEngine, clock: Clock, machine: M, input?: InputFrom<M>): SimActor<EventFromLogic<M>> {
  const actor =
    engine === 'xstate'
      ? (createActor(machine, { clock, input } as never) as unknown as SimActor<EventFromLogic<M>> & { start(): void })
      : createFastActor(machine, { clock, input });
  actor.start();
  return actor;
}
