// Latency as counts of integer microseconds: how many samples took exactly
// each number of µs. A million clients × 60 updates is 60 million samples,
// 480 MB as doubles to sort; as counts it is one entry per distinct value
// (a few thousand on a jittered link), and two shards' counts merge exactly
// by adding. The summary is the mean (from the exact integer sum) and the
// nearest-rank percentiles (the p-th percentile is the smallest sample with
// at least p% of the samples at or below it).

import type { Histogram, LatencyStats } from '../types';

/**
 * A small run keeps its few samples as they come and sorts them at the end
 * (the default comparison has a few dozen). Past this many, they move into
 * counts, so memory stops growing with the number of samples.
 */
const RAW_MAX = 4096;
/**
 * Counts below this many µs (4.2 s) sit in a typed array indexed by the
 * value, grown as larger values arrive: one increment per sample, no
 * hashing. The rare larger values go to a Map. A Map alone measured 1.3 µs
 * per sample for polling's million distinct values (npm run bench).
 */
const DENSE_MAX = 1 << 22;
/*
 * Beside the counts, one bit per µs of the dense range says which values
 * occur: reading the counts out walks the set bits of 32-bit words, so it
 * costs the range / 32 plus the distinct values, not the whole range (a
 * 1,000-client polling run's 30,000 samples spread over the million µs below
 * a second; scanning the counts was a fifth of the run, and blocks of 256 µs
 * did not help, since nearly all of them are occupied).
 */

/** Integer µs → number of samples, and their exact sum. */
export class MicrosCounts {
  private raw: Float64Array | null = new Float64Array(64);
  private rawLength = 0;
  private dense = new Uint32Array(0);
  /** Bit `us & 31` of word `us >>> 5` is set when some sample took `us` µs (below the dense range's end). */
  private occupied = new Uint32Array(0);
  /** sorted()'s answer until the next sample (a result reads it twice: percentiles, histogram). */
  private memo: { values: Float64Array; counts: Float64Array } | null = null;
  private readonly sparse = new Map<number, number>();
  count = 0;
  /** Sum of all samples in µs; exact while below 2^53 (60 million samples of 100 s). */
  sumUs = 0;

  add(us: number): void {
    this.memo = null;
    this.count++;
    this.sumUs += us;
    if (us < this.dense.length) {
      this.dense[us]++;
      this.occupied[us >>> 5] |= 1 << (us & 31);
    } else if (this.raw !== null) this.keep(us);
    else this.countLarge(us, 1);
  }

  private keep(us: number): void {
    const raw = this.raw!;
    if (this.rawLength === raw.length) {
      if (raw.length === RAW_MAX) {
        this.toCounts();
        this.countLarge(us, 1);
        return;
      }
      const next = new Float64Array(raw.length * 2);
      next.set(raw);
      this.raw = next;
    }
    this.raw![this.rawLength++] = us;
  }

  /** From kept samples to counts, sized for the largest seen. */
  private toCounts(): void {
    const raw = this.raw!.subarray(0, this.rawLength);
    this.raw = null;
    let max = 0;
    for (let i = 0; i < raw.length; i++) if (raw[i] > max) max = raw[i];
    this.grow(max);
    for (let i = 0; i < raw.length; i++) this.countLarge(raw[i], 1);
  }

  private grow(us: number): void {
    if (us >= DENSE_MAX || us < this.dense.length) return;
    let size = Math.max(1024, this.dense.length);
    while (size <= us) size *= 2;
    const next = new Uint32Array(Math.min(size, DENSE_MAX));
    next.set(this.dense);
    this.dense = next;
    const occupied = new Uint32Array(next.length >>> 5);
    occupied.set(this.occupied);
    this.occupied = occupied;
  }

  private countLarge(us: number, n: number): void {
    this.memo = null;
    if (this.raw !== null) {
      if (this.rawLength + n <= RAW_MAX) {
        for (let i = 0; i < n; i++) this.keep(us);
        return;
      }
      this.toCounts();
    }
    this.grow(us);
    if (us < this.dense.length) {
      this.dense[us] += n;
      this.occupied[us >>> 5] |= 1 << (us & 31);
    } else this.sparse.set(us, (this.sparse.get(us) ?? 0) + n);
  }

  /** Add another set of counts into this one. */
  merge(other: MicrosCounts): void {
    this.addCounts(other.sorted());
  }

  /** Add counts given as distinct values and how many of each (a shard's `toJSON`). */
  addCounts(j: { values: ArrayLike<number>; counts: ArrayLike<number> }): void {
    for (let i = 0; i < j.values.length; i++) {
      this.countLarge(j.values[i], j.counts[i]);
      this.count += j.counts[i];
      this.sumUs += j.values[i] * j.counts[i];
    }
  }

  /** Distinct values ascending, and how many samples each. */
  sorted(): { values: Float64Array; counts: Float64Array } {
    return (this.memo ??= this.readOut());
  }

  private readOut(): { values: Float64Array; counts: Float64Array } {
    if (this.raw !== null) return runLengths(this.raw.slice(0, this.rawLength).sort());
    const d = this.dense;
    const bits = this.occupied;
    // Every sparse value is past the dense range, so they follow in order.
    const large = [...this.sparse.keys()].sort((a, b) => a - b);
    let n = large.length;
    for (let w = 0; w < bits.length; w++) n += bitCount(bits[w]);
    const values = new Float64Array(n);
    const counts = new Float64Array(n);
    let k = 0;
    for (let w = 0; w < bits.length; w++) {
      // Lowest set bit first, so values come out ascending.
      for (let word = bits[w]; word !== 0; word &= word - 1) {
        const v = (w << 5) | (31 - Math.clz32(word & -word));
        values[k] = v;
        counts[k++] = d[v];
      }
    }
    for (const v of large) {
      values[k] = v;
      counts[k++] = this.sparse.get(v)!;
    }
    return { values, counts };
  }

  /** As typed arrays, to cross a worker boundary (structured clone copies them as they are). */
  toJSON(): { values: Float64Array; counts: Float64Array } {
    return this.sorted();
  }

  static fromJSON(j: { values: ArrayLike<number>; counts: ArrayLike<number> }): MicrosCounts {
    const m = new MicrosCounts();
    m.addCounts(j);
    return m;
  }
}

/** Set bits of a 32-bit word (the classic SWAR population count). */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Distinct values of a sorted array, and how many times each. */
function runLengths(sorted: Float64Array): { values: Float64Array; counts: Float64Array } {
  const values = new Float64Array(sorted.length);
  const counts = new Float64Array(sorted.length);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (k > 0 && sorted[i] === values[k - 1]) counts[k - 1]++;
    else {
      values[k] = sorted[i];
      counts[k++] = 1;
    }
  }
  return { values: values.subarray(0, k), counts: counts.subarray(0, k) };
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
