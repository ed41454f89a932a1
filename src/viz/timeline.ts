// The events a learner steps through: every packet send and arrival and every
// machine state change, over all shown techniques, as one sorted list of
// distinct times. Step forward/back moves the playhead to the next/previous one.

import type { Trace } from '../sim/types';
import { countAtOrBelow } from './trace-index';

export function eventTimes(traces: readonly (Trace | undefined)[]): Float64Array {
  const times: number[] = [];
  for (const tr of traces) {
    if (!tr) continue;
    for (const p of tr.packets) {
      times.push(p.sendMs);
      if (p.arriveMs !== null) times.push(p.arriveMs);
    }
    for (const s of tr.states) times.push(s.tMs);
  }
  const sorted = Float64Array.from(times).sort();
  // Distinct times only, so one step always moves.
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

/** First event strictly after t, or null at the end. */
export function nextEvent(times: Float64Array, t: number): number | null {
  const i = countAtOrBelow(times, t);
  return i < times.length ? times[i] : null;
}

/** Last event strictly before t, or null at the start. */
export function prevEvent(times: Float64Array, t: number): number | null {
  // Entries < t: count of entries <= t minus those equal to t.
  let i = countAtOrBelow(times, t);
  while (i > 0 && times[i - 1] >= t) i--;
  return i > 0 ? times[i - 1] : null;
}
