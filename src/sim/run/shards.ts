// Shards of clients: clients are independent (the server has no shared
// capacity), so a technique's clients can be split into ranges, each range
// simulated apart (on another thread, src/cli/workers.ts, or another page
// worker) and the shards merged into exactly the result of one run: every
// counter is a sum of integers and the peak of open connections is found
// from the merged open and close times. The trace belongs to the shard that
// holds the traced clients (the first ones), so a split never cuts them.

import type { Trace } from '../types';
import type { MetricsShard } from './metrics';

/** Clients from..to-1 of one technique. */
export interface ClientRange {
  from: number;
  to: number;
}

/** What one shard of clients leaves for the merge. */
export interface ShardResult {
  range: ClientRange;
  metrics: MetricsShard;
  /** Updates made and never sent to the shard's clients. */
  queued: number;
  upPending: number;
  events: number;
  /** The trace, from the shard that holds the traced clients. */
  trace?: Trace;
}

/** Clients can be split into shards unless they share the server's cores (server.cores > 0: ./server-cpu.ts). */
export const clientsIndependent = (s: { server: { cores: number } }): boolean => s.server.cores === 0;

/**
 * Split clients 0..n-1 into at most `parts` ranges of near-equal size, the
 * traced clients (0..traced-1) all in the first. Ranges are contiguous and
 * cover every client once.
 */
export function splitClients(n: number, parts: number, traced: number): ClientRange[] {
  const k = Math.max(1, Math.min(parts, n));
  const ranges: ClientRange[] = [];
  let from = 0;
  for (let i = 0; i < k && from < n; i++) {
    let to = i === k - 1 ? n : Math.round(((i + 1) * n) / k);
    if (i === 0) to = Math.max(to, Math.min(n, traced));
    if (to <= from) continue;
    ranges.push({ from, to });
    from = to;
  }
  return ranges;
}
