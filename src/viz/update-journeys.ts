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
  /** Per traced client: every update it received, in order of arrival (for the Focus view's brackets). */
  deliveries: Delivery[][];
}

/** One update's journey to one client: made at the server, sent, arrived. */
export interface Delivery {
  /** The update's number in the feed, from 1. */
  message: number;
  madeMs: number;
  sentMs: number;
  arriveMs: number;
}

export function buildJourneys(trace: Trace): Journeys {
  const madeMs = Float64Array.from(trace.updatesMs);
  const sent: number[][] = [];
  const arrived: [number, number][][] = [];
  const deliveries: Delivery[][] = [];
  for (let c = 0; c < trace.clients; c++) {
    sent.push([]);
    arrived.push([]);
    deliveries.push([]);
  }
  for (const p of trace.packets) {
    if (p.dir !== 'down' || p.messages.length === 0 || p.client >= trace.clients) continue;
    for (const m of p.messages) {
      // Messages are numbered from 1 in the order of the feed.
      const made = trace.updatesMs[m - 1];
      if (made === undefined) continue;
      sent[p.client].push(p.sendMs);
      if (p.arriveMs === null) continue;
      arrived[p.client].push([p.arriveMs, p.arriveMs - made]);
      deliveries[p.client].push({ message: m, madeMs: made, sentMs: p.sendMs, arriveMs: p.arriveMs });
    }
  }
  for (const d of deliveries) d.sort((a, b) => a.arriveMs - b.arriveMs || a.message - b.message);
  return {
    madeMs,
    sentMs: sent.map((s) => Float64Array.from(s).sort()),
    arrivedMs: arrived.map((a) => Float64Array.from(a.sort((x, y) => x[0] - y[0]), (x) => x[0])),
    latencyMs: arrived.map((a) => Float64Array.from(a, (x) => x[1])),
    deliveries,
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

/**
 * How long the oldest update still waiting at the server for `client` has
 * waited at t (ms), or null when nothing waits. Updates leave in the order
 * they were made, so the oldest waiting is the first not yet sent.
 */
export function oldestWaitingMs(j: Journeys, client: number, t: number): number | null {
  const sent = j.sentMs[client];
  if (!sent) return null;
  const made = countAtOrBelow(j.madeMs, t);
  const gone = countAtOrBelow(sent, t);
  return made > gone ? t - j.madeMs[gone] : null;
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

/** A delivery placed beside the client's axis: `slot` 0, 1, … so that overlapping journeys sit side by side. */
export interface Bracket extends Delivery {
  slot: number;
}

/**
 * The deliveries to `client` whose journey (made → arrived) crosses [t0, t1],
 * each given the lowest slot not taken by an overlapping one (greedy interval
 * colouring, in order of making), at most `maxSlots` side by side; the rest
 * are left out rather than drawn over each other.
 */
export function bracketsIn(j: Journeys, client: number, t0: number, t1: number, maxSlots = 3, max = 60): Bracket[] {
  const list = (j.deliveries[client] ?? []).filter((d) => d.arriveMs >= t0 && d.madeMs <= t1).sort((a, b) => a.madeMs - b.madeMs || a.arriveMs - b.arriveMs);
  const slotEnd: number[] = [];
  const out: Bracket[] = [];
  for (const d of list) {
    if (out.length >= max) break;
    let slot = slotEnd.findIndex((end) => end < d.madeMs);
    if (slot < 0 && slotEnd.length < maxSlots) slot = slotEnd.length;
    if (slot < 0) continue;
    slotEnd[slot] = d.arriveMs;
    out.push({ ...d, slot });
  }
  return out;
}
