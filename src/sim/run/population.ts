// Who is there when: client churn (churn.arrivalsPerSecond,
// churn.meanSessionMs). The `clients` of the scenario are there from the
// start; more arrive as a Poisson process over the run, numbered after them
// (client N, N + 1, ...); each stays an exponential time with the mean
// session length, then closes its tab. Arrival times come from one stream of
// the seed and each stay from the client's own, so every shard of clients,
// on any thread, sees the same population.

import { fromMs, type Micros } from '../kernel/time';
import { STREAM_KIND, createStream } from '../random/streams';
import type { Scenario } from '../scenario/types';

export interface Population {
  /** Clients over the run: those there at the start, then the arrivals. */
  readonly total: number;
  /** When client c arrives (µs; 0 for those there from the start). */
  arriveUs(c: number): Micros;
  /** When client c leaves (µs; at or after the run's end if it stays to it). */
  leaveUs(c: number): Micros;
}

/** Churn is on: clients arrive or leave during the run. */
export const hasChurn = (s: Scenario): boolean => s.churn.arrivalsPerSecond > 0 || s.churn.meanSessionMs > 0;

const cache = new WeakMap<Scenario, Population>();

/** The run's population (computed once per scenario object). */
export function population(s: Scenario): Population {
  let p = cache.get(s);
  if (!p) cache.set(s, (p = build(s)));
  return p;
}

function build(s: Scenario): Population {
  const n = s.clients;
  const durationUs = fromMs(s.durationMs);
  const arrivals = arrivalTimes(s, durationUs);
  const sessionUs = fromMs(s.churn.meanSessionMs);
  return {
    total: n + arrivals.length,
    arriveUs: (c) => (c < n ? 0 : arrivals[c - n]),
    leaveUs: (c) => {
      if (sessionUs <= 0) return durationUs;
      const from = c < n ? 0 : arrivals[c - n];
      // At least a microsecond: a client that arrives is there for some time.
      return from + Math.max(1, Math.round(createStream(s.seed, STREAM_KIND.session, c).exponential(sessionUs)));
    },
  };
}

/** Poisson arrivals over the run (integer µs, in order), from the seed's arrivals stream. */
function arrivalTimes(s: Scenario, durationUs: Micros): Float64Array {
  const rate = s.churn.arrivalsPerSecond;
  if (rate <= 0) return new Float64Array(0);
  const rng = createStream(s.seed, STREAM_KIND.arrivals, 0);
  const meanUs = 1e6 / rate;
  const out: number[] = [];
  for (let t = rng.exponential(meanUs); t < durationUs; t += rng.exponential(meanUs)) out.push(Math.round(t));
  return Float64Array.from(out);
}
