// Latency counted in integer µs must give exactly what sorting every sample
// gives: the nearest-rank percentile definition (Hyndman & Fan type 1, the
// "smallest value with at least p% at or below it") computed here the slow
// way, independently, on a plain sorted array.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MicrosCounts, histogram, summarize } from '../../src/sim/run/stats';

function bySorting(us: number[]) {
  const s = [...us].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] / 1000;
  const sum = s.reduce((a, b) => a + b, 0);
  return { mean: Math.round(sum / s.length) / 1000, p50: rank(50), p95: rank(95), p99: rank(99), max: s[s.length - 1] / 1000, count: s.length };
}

const counted = (us: number[]) => {
  const c = new MicrosCounts();
  for (const v of us) c.add(v);
  return c;
};

describe('MicrosCounts', () => {
  it('has no figures without samples', () => {
    expect(summarize(new MicrosCounts())).toEqual({ mean: null, p50: null, p95: null, p99: null, max: null, count: 0 });
    expect(histogram(new MicrosCounts())).toEqual({ edgesMs: [0, 1], counts: [0] });
  });

  it('gives the nearest-rank percentiles of a small hand-worked set', () => {
    // 1..100 ms: p50 is the 50th value, p95 the 95th, p99 the 99th; mean 50.5.
    const us = Array.from({ length: 100 }, (_, i) => (100 - i) * 1000);
    expect(summarize(counted(us))).toEqual({ mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100, count: 100 });
  });

  it('agrees with sorting every sample, for any samples', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 400 }), (us) => {
        expect(summarize(counted(us))).toEqual(bySorting(us));
      }),
    );
  });

  it('agrees with sorting past the kept samples, in the indexed and the sparse range', () => {
    // 20,000 samples (past the 4,096 kept as they come) from 0 to 10 s (past
    // the 4.2 s indexed range), with many repeats, from a fixed LCG.
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    const us = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? next() % 10_000_000 : 50_000 + (next() % 200)));
    expect(summarize(counted(us))).toEqual(bySorting(us));
    const split = counted(us.slice(0, 5000));
    split.merge(counted(us.slice(5000)));
    expect(summarize(split)).toEqual(bySorting(us));
    expect(histogram(split)).toEqual(histogram(counted(us)));
    expect(histogram(split).counts.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it('reads counts out in order past the kept samples, for any samples (word edges of the occupancy bits included)', () => {
    // Past 4,096 samples they are counted; the read-out walks a bit per µs in
    // 32-bit words: values at 0, 31, 32 and near the top of a word are the edge cases.
    const edge = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3000 }).map((w) => w * 32 + (w % 2 === 0 ? 31 : 0)));
    fc.assert(
      fc.property(fc.array(edge, { minLength: 4097, maxLength: 6000 }), (us) => {
        const c = counted(us);
        const s = [...us].sort((a, b) => a - b);
        const distinct = [...new Set(s)];
        const { values, counts } = c.sorted();
        expect([...values]).toEqual(distinct);
        expect([...counts]).toEqual(distinct.map((v) => s.filter((x) => x === v).length));
        expect(summarize(c)).toEqual(bySorting(us));
      }),
      { numRuns: 25 },
    );
  });

  it('merges shards exactly: the same figures as one set of counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 300 }), fc.nat(300), (us, cut) => {
        const k = cut % (us.length + 1);
        const a = counted(us.slice(0, k));
        a.merge(MicrosCounts.fromJSON(counted(us.slice(k)).toJSON()));
        expect(summarize(a)).toEqual(summarize(counted(us)));
        expect(histogram(a)).toEqual(histogram(counted(us)));
      }),
    );
  });

  it('puts each sample in the 1-2-5 bin that holds it', () => {
    // 0.5 ms → [0,1); 1 ms → [1,2); 4.999 ms → [2,5); 5 ms → [5,10); 12 ms → [10,20).
    const h = histogram(counted([500, 1000, 4999, 5000, 12000]));
    expect(h.edgesMs).toEqual([0, 1, 2, 5, 10, 20]);
    expect(h.counts).toEqual([1, 1, 1, 1, 1]);
  });
});
