// The one place where simultaneous events are ordered.
//
// Events run by (time, priority, sequence): earlier time first; at equal time
// the lower priority number first; among equals, the one scheduled first
// (FIFO, like SimPy's insertion id). Changing this changes every result, so
// tests/kernel/order.test.ts pins it.

/** Priorities at equal time. Lower runs first. */
export const PRIORITY = {
  /** A feed update generated at t is already queued when anything else happens at t. */
  feed: 0,
  /** Network arrivals: a request arriving at t sees the updates generated at t. */
  network: 1,
  /** Machine timers (poll interval, long-poll timeout, retry, ping). */
  timer: 2,
} as const;

/** Priorities are integers below this: time and priority share one number (orderKey). */
export const PRIORITY_LEVELS = 4;

/** The latest time an event can have: its orderKey stays an exact integer (2^51 µs, about 71 years). */
export const MAX_EVENT_TIME = Math.floor(Number.MAX_SAFE_INTEGER / PRIORITY_LEVELS);

/** Time, then priority, as one number: earlier time first, then the lower priority. */
export function orderKey(time: number, priority: number): number {
  return time * PRIORITY_LEVELS + priority;
}

/** An event of (key a, sequence a) runs before one of (key b, sequence b): among equal keys, the one scheduled first. */
export function runsBefore(keyA: number, seqA: number, keyB: number, seqB: number): boolean {
  return keyA < keyB || (keyA === keyB && seqA < seqB);
}

/**
 * The same rule for the kernel's heap, which holds each event's key and
 * keeps its sequence per slot (`seqOf`): the sequences are read only when
 * the keys are equal, which is rare, so a sift reads one array, not two.
 */
export function slotRunsBefore(keyA: number, slotA: number, keyB: number, slotB: number, seqOf: Float64Array): boolean {
  return keyA < keyB || (keyA === keyB && seqOf[slotA] < seqOf[slotB]);
}

export interface Ordered {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
}

/** The same order as a comparator (for sorting and for tests). */
export function compareEvents(a: Ordered, b: Ordered): number {
  const ka = orderKey(a.time, a.priority);
  const kb = orderKey(b.time, b.priority);
  if (runsBefore(ka, a.seq, kb, b.seq)) return -1;
  return runsBefore(kb, b.seq, ka, a.seq) ? 1 : 0;
}
