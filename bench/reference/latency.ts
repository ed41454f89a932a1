// Latency samples counted per integer microsecond (a Map from µs to count),
// and the result's summary and histogram computed from the distinct values
// in ascending order. Written apart from the project's src/sim/run/stats.ts
// so that the two can check each other.

import type { Histogram, LatencyStats } from '../../src/sim';

export class MicrosTally {
  readonly byValue = new Map<number, number>();
  n = 0;
  sum = 0;

  push(us: number): void {
    this.byValue.set(us, (this.byValue.get(us) ?? 0) + 1);
    this.n++;
    this.sum += us;
  }

  /** [value, count] pairs, ascending by value. */
  ascending(): [number, number][] {
    return [...this.byValue].sort((a, b) => a[0] - b[0]);
  }
}

/** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
function rankMs(pairs: [number, number][], n: number, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (const [us, k] of pairs) if ((seen += k) >= rank) return us / 1000;
  return pairs[pairs.length - 1][0] / 1000;
}

export function summary(t: MicrosTally): LatencyStats {
  if (t.n === 0) return { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 };
  const pairs = t.ascending();
  return {
    mean: Math.round(t.sum / t.n) / 1000,
    p50: rankMs(pairs, t.n, 50),
    p95: rankMs(pairs, t.n, 95),
    p99: rankMs(pairs, t.n, 99),
    max: pairs[pairs.length - 1][0] / 1000,
    count: t.n,
  };
}

/** Edges 0, 1, 2, 5, 10, 20, 50... ms up to the first past the max; counts by one sweep of the ascending values. */
export function histogram(t: MicrosTally): Histogram {
  const pairs = t.ascending();
  const max = pairs.length > 0 ? pairs[pairs.length - 1][0] / 1000 : 0;
  const edgesMs = [0];
  for (let e = 1; edgesMs[edgesMs.length - 1] <= max; e *= 10) edgesMs.push(e, 2 * e, 5 * e);
  while (edgesMs.length > 2 && edgesMs[edgesMs.length - 2] > max) edgesMs.pop();
  const bins = edgesMs.length - 1;
  const counts = new Array<number>(bins).fill(0);
  // The last bin takes everything at or past its lower edge.
  let b = 0;
  for (const [us, k] of pairs) {
    while (b < bins - 1 && us >= edgesMs[b + 1] * 1000) b++;
    counts[b] += k;
  }
  return { edgesMs, counts };
}
