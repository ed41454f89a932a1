// Records a traced client's machine states: the initial one and every change
// (xstate notifies on every event, changed or not).

import type { SimActor } from './spawn';
import type { TraceState } from '../types';
import { stateName } from './state-name';
import type { World } from './world';

export function traceActor(w: World, actor: SimActor<never>, client: number, machine: TraceState['machine'], conn: number | null): void {
  if (!w.tracer.traces(client)) return;
  let last = '';
  const record = (value: unknown) => {
    const name = stateName(value as never);
    if (name !== last) {
      last = name;
      w.tracer.state(client, machine, conn, w.kernel.now, name);
    }
  };
  record(actor.getSnapshot().value);
  actor.subscribe((snap) => record(snap.value));
}
