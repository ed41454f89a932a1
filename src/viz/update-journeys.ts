// The server's side of the story, per traced client: each update's journey
// from the moment the server made it, through the time it waited in that
// client's queue at the server, to its arrival. Polling's cost is invisible
// on the wire (an update sits at the server until the next poll); these
// answer, at any playhead, how many updates wait at the server, which were
// just made, and which just arrived and how late. Built once per trace;
// every query is a binary search.

import { countAtOrBelow } from './trace-index';
import type { Trace } from '../sim/types';

export interface Journeys {
  /** Generation times of the feed's updates, sorted (the same for every client). */
  madeMs: Float64Array;
  /** Per traced client: times its updates left the server, sorted. */
  sentMs: Float64Array[];
  /** Per traced client: arrivals, sorted, with the latency of each. */
  arrivedMs: Float64Array[];
  latencyMs: Float64Array[];
}

export function buildJourneys(trace: Trace): Journeys {
  const madeMs = Float64Array.from(trace.updatesMs);
  const sent: number[][] = [];
  const arrived: [number, number][][] = [];
  for (let c = 0; c < trace.clients; c++) {
    sent.push([]);
    arrived.push([]);
  }
  for (const p of trace.packets) {
    if (p.dir !== 'down' || p.messages.length === 0 || p.client >= trace.clients) continue;
    for (const m of p.messages) {
      // Messages are numbered from 1 in the order of the feed.
      const made = trace.updatesMs[m - 1];
      if (made === undefined) continue;
      sent[p.client].push(p.sendMs);
      if (p.arriveMs !== null) arrived[p.client].push([p.arriveMs, p.arriveMs - made]);
    }
  }
  return {
    madeMs,
    sentMs: sent.map((s) => Float64Array.from(s).sort()),
    arrivedMs: arrived.map((a) => Float64Array.from(a.sort((x, y) => x[0] - y[0]), (x) => x[0])),
    latencyMs: arrived.map((a) => Float64Array.from(a, (x) => x[1])),
  };
}

/**
 * Updates made by t and not yet sent to `client`: its queue at the server.
 * (An update resent after a reconnection counts as sent once more, so this
 * never goes below zero.)
 */
export function queuedAt(j: Journeys, client: number, t: number): number {
  const sent = j.sentMs[client];
  if (!sent) return 0;
  return Math.max(0, countAtOrBelow(j.madeMs, t) - countAtOrBelow(sent, t));
}

/** Age (ms) of the newest update made in (t - windowMs, t], or null. */
export function madeRecently(j: Journeys, t: number, windowMs: number): number | null {
  const i = countAtOrBelow(j.madeMs, t);
  if (i === 0) return null;
  const age = t - j.madeMs[i - 1];
  return age < windowMs ? age : null;
}

/** The newest arrival at `client` in (t - windowMs, t]: its age and latency, or null. */
export function arrivedRecently(j: Journeys, client: number, t: number, windowMs: number): { ageMs: number; latencyMs: number } | null {
  const at = j.arrivedMs[client];
  if (!at) return null;
  const i = countAtOrBelow(at, t);
  if (i === 0) return null;
  const age = t - at[i - 1];
  return age < windowMs ? { ageMs: age, latencyMs: j.latencyMs[client][i - 1] } : null;
}
