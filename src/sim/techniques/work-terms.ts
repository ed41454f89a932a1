// What a technique's share of the work estimate is made of (src/sim/run/work.ts
// adds what every technique shares: set-up, TLS, reconnections, upstream
// messages, churn). Each technique says in its own file what it costs per
// client from these terms; the push techniques share one formula.

import type { Scenario } from '../scenario/types';

/** Per client, in work units (about one kernel event or one segment of TCP bookkeeping each). */
export interface WorkTerms {
  s: Scenario;
  /** Updates a client may see: the mean, with room above it for the feed's spread. */
  updates: number;
  /** An update's TCP segments past the first. */
  updateSegs: number;
  /** A poll's and its answer's segments past the first. */
  requestSegs: number;
  /** Steps per request besides its own events (the intermediary's first-byte check, the server's handling). */
  perRequest: number;
  /** The server's handling step per update it writes (server.processingMs: 0 or 1). */
  handled: number;
  /** Connections cut (faults, the intermediary), and streams the server ends. */
  cuts: number;
  ends: number;
  /** The technique's keep-alive on an open stream (its pingIntervalMs; 0 = none). */
  pingIntervalMs: number;
}

/**
 * A push technique's work: one push per update (the server's step, the
 * event's arrival, the client's step), a request per stream it opens, and a
 * keep-alive every `pingIntervalMs` (0 = none: the server's timer, the
 * packet, its arrival, a pong).
 */
export function pushWork(t: WorkTerms): number {
  let work = t.updates * (3 + t.updateSegs + t.handled) + (1 + t.cuts + t.ends) * t.perRequest;
  if (t.pingIntervalMs > 0) work += (t.s.durationMs / t.pingIntervalMs + 1) * 4;
  return work;
}
