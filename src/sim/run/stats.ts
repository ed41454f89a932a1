// Latency as counts of integer microseconds: how many samples took exactly
// each number of µs. A million clients × 60 updates is 60 million samples,
// 480 MB as doubles to sort; as counts it is one entry per distinct value
// (a few thousand on a jittered link), and two shards' counts merge exactly
// by adding. The summary is the mean (from the exact integer sum) and the
// nearest-rank percentiles (the p-th percentile is the smallest sample with
// at least p% of the samples at or below it).

import type { Histogram, LatencyStats } from '../types';

/** Integer µs → number of samples, and their exact sum. */
export class MicrosCounts {
  private readonly counts = new Map<number, number>();
  count = 0;
  /** Sum of all samples in µs; exact while below 2^53 (60 million samples of 100 s). */
  sumUs = 0;

  add(us: number): void {
    this.counts.set(us, (this.counts.get(us) ?? 0) + 1);
    this.count++;
    this.sumUs += us;
  }

  /** Add another set of counts (a shard's) into this one. */
  merge(other: MicrosCounts): void {
    for (const [us, n] of other.counts) this.counts.set(us, (this.counts.get(us) ?? 0) + n);
    this.count += other.count;
    this.sumUs += other.sumUs;
  }

  /** Distinct values ascending, and how many samples each. */
  sorted(): { values: Float64Array; counts: Float64Array } {
    const values = Float64Array.from(this.counts.keys()).sort();
    const counts = values.map((v) => this.counts.get(v)!);
    return { values, counts };
  }

  /** As plain arrays, to cross a worker boundary. */
  toJSON(): { values: number[]; counts: number[] } {
    const { values, counts } = this.sorted();
    return { values: Array.from(values), counts: Array.from(counts) };
  }

  static fromJSON(j: { values: number[]; counts: number[] }): MicrosCounts {
    const m = new MicrosCounts();
    for (let i = 0; i < j.values.length; i++) {
      m.counts.set(j.values[i], j.counts[i]);
      m.count += j.counts[i];
      m.sumUs += j.values[i] * j.counts[i];
    }
    return m;
  }
}

/** The smallest value with at least `rank` samples at or below it (rank from 1). */
function valueAtRank(values: Float64Array, counts: Float64Array, rank: number): number {
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i];
    if (seen >= rank) return values[i];
  }
  return values[values.length - 1];
}

const ms = (us: number) => us / 1000;

export function summarize(samples: MicrosCounts): LatencyStats {
  const n = samples.count;
  if (n === 0) return { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 };
  const { values, counts } = samples.sorted();
  const at = (p: number) => ms(valueAtRank(values, counts, Math.max(1, Math.ceil((p / 100) * n))));
  return {
    // Rounded to the µs, the resolution of the simulation.
    mean: Math.round(samples.sumUs / n) / 1000,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: ms(values[values.length - 1]),
    count: n,
  };
}

/** Edges 0, 1, 2, 5, 10, 20, 50, ... ms: readable on a log axis, few bins. */
export function histogram(samples: MicrosCounts): Histogram {
  const { values, counts: n } = samples.sorted();
  const max = values.length > 0 ? ms(values[values.length - 1]) : 0;
  const edgesMs = [0];
  for (let e = 1; edgesMs[edgesMs.length - 1] <= max; e *= 10) for (const m of [1, 2, 5]) edgesMs.push(m * e);
  // Trim edges past the first one above max.
  while (edgesMs.length > 2 && edgesMs[edgesMs.length - 2] > max) edgesMs.pop();
  const counts = new Array<number>(edgesMs.length - 1).fill(0);
  // One sweep of the ascending values; the last bin takes everything past its lower edge.
  let b = 0;
  for (let i = 0; i < values.length; i++) {
    while (b < counts.length - 1 && values[i] >= edgesMs[b + 1] * 1000) b++;
    counts[b] += n[i];
  }
  return { edgesMs, counts };
}
