// Latency samples as integer microseconds in one growable typed array, and
// the result's summary and histogram computed from them. The project keeps
// milliseconds (µs / 1000) as doubles; dividing is monotonic, so sorting the
// integers sorts the same values, and every figure below is computed on
// v / 1000 in sorted order so the doubles come out bit for bit the same
// (a mean from an integer sum / 1000 could differ in the last bit).

import type { Histogram, LatencyStats } from '../../src/sim';

export class MicrosSamples {
  private data = new Float64Array(1024);
  length = 0;

  push(us: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = us;
  }

  /** A sorted copy (typed-array sort is numeric). */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** Results are rounded to the µs, the resolution of the simulation. */
const roundUs = (ms: number) => Math.round(ms * 1000) / 1000;

/** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
const rankMs = (sorted: Float64Array, p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] / 1000;

export function summary(sorted: Float64Array): LatencyStats {
  const n = sorted.length;
  if (n === 0) return { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] / 1000;
  return {
    mean: roundUs(sum / n),
    p50: roundUs(rankMs(sorted, 50)),
    p95: roundUs(rankMs(sorted, 95)),
    p99: roundUs(rankMs(sorted, 99)),
    max: roundUs(sorted[n - 1] / 1000),
    count: n,
  };
}

/** Edges 0, 1, 2, 5, 10, 20, 50... ms up to the first past the max; counts by one sweep of the sorted samples. */
export function histogram(sorted: Float64Array): Histogram {
  const n = sorted.length;
  const max = n > 0 ? sorted[n - 1] / 1000 : 0;
  const edgesMs = [0];
  for (let e = 1; edgesMs[edgesMs.length - 1] <= max; e *= 10) edgesMs.push(e, 2 * e, 5 * e);
  while (edgesMs.length > 2 && edgesMs[edgesMs.length - 2] > max) edgesMs.pop();
  const bins = edgesMs.length - 1;
  const counts = new Array<number>(bins).fill(0);
  // The last bin takes everything at or past its lower edge.
  let b = 0;
  for (let i = 0; i < n; i++) {
    const ms = sorted[i] / 1000;
    while (b < bins - 1 && ms >= edgesMs[b + 1]) b++;
    counts[b]++;
  }
  return { edgesMs, counts };
}
