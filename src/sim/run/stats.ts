// Summary statistics of latency samples: mean and nearest-rank percentiles
// (the p-th percentile is the smallest sample with at least p% of the samples
// at or below it).

import type { Histogram, LatencyStats } from '../types';

/** A growable Float64Array: 10,000 clients × 60 updates is 600k samples. */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** Rounded to the microsecond, the resolution of the simulation. */
const roundUs = (ms: number) => Math.round(ms * 1000) / 1000;

export function summarize(samples: Samples): LatencyStats {
  const n = samples.length;
  if (n === 0) return { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 };
  const sorted = Float64Array.from(samples.values()).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    mean: roundUs(sum / n),
    p50: roundUs(nearestRank(sorted, 50)),
    p95: roundUs(nearestRank(sorted, 95)),
    p99: roundUs(nearestRank(sorted, 99)),
    max: roundUs(sorted[n - 1]),
    count: n,
  };
}

/** Edges 0, 1, 2, 5, 10, 20, 50, ... ms: readable on a log axis, few bins. */
export function histogram(samples: Samples): Histogram {
  const v = samples.values();
  let max = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  const edgesMs = [0];
  for (let e = 1; edgesMs[edgesMs.length - 1] <= max; e *= 10) for (const m of [1, 2, 5]) edgesMs.push(m * e);
  // Trim edges past the first one above max.
  while (edgesMs.length > 2 && edgesMs[edgesMs.length - 2] > max) edgesMs.pop();
  const counts = new Array<number>(edgesMs.length - 1).fill(0);
  for (let i = 0; i < v.length; i++) {
    let b = 0;
    while (b < counts.length - 1 && v[i] >= edgesMs[b + 1]) b++;
    counts[b]++;
  }
  return { edgesMs, counts };
}
