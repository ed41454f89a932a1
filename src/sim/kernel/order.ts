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

export interface Ordered {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
}

export function compareEvents(a: Ordered, b: Ordered): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}
