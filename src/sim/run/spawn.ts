// Starts a machine on the run's clock. The run's machines come from their
// generated tables (src/sim/machines/tables.generated.ts) linked with their
// behaviour (src/sim/machines/engine.ts `startMachine`): no xstate at run
// time. A test can pass another spawner (src/sim/machines/oracle.ts runs
// the same definitions on xstate's own actors); tests/sim/engines.test.ts
// checks that whole runs give identical JSON.

import type { EventObject, StateValue } from 'xstate';
import { startMachine, type MachineDef } from '../machines/engine';
import type { TargetClock } from '../kernel/clock';

/** What the runtime uses of an actor; every spawner provides it. */
export interface SimActor<TEvent> {
  send(event: TEvent): void;
  getSnapshot(): { value: StateValue; status: string };
  subscribe(fn: (snapshot: { value: StateValue }) => void): { unsubscribe(): void };
}

/** Starts machine `def` with `input` on `clock`. */
export type Spawner = <TEvent extends EventObject, TInput>(def: MachineDef<TEvent, TInput>, clock: TargetClock, input: TInput) => SimActor<TEvent>;

export const tableSpawner: Spawner = (def, clock, input) => startMachine(def, clock, input);
