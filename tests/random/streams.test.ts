// Seeded streams (src/sim/random/streams.ts): reproducible from
// (seed, kind, index), independent of how many other streams exist
// (REFERENCES.md, "Simulation practice": ns-3's per-component substreams),
// and with the right distributions.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createStream, NO_DRAWS, streamState, STREAM_KIND, type Rng } from '../../src/sim/random/streams';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uniform());

describe('reproducibility and independence', () => {
  it('the same (seed, kind, index) gives the same sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2147483647 }), fc.constantFrom(...Object.values(STREAM_KIND)), fc.integer({ min: 0, max: 9999 }), (seed, kind, index) => {
        expect(draws(createStream(seed, kind, index), 20)).toEqual(draws(createStream(seed, kind, index), 20));
      }),
      { numRuns: 100 },
    );
  });

  it('a different index, kind or seed gives a different sequence', () => {
    const base = draws(createStream(1, STREAM_KIND.client, 0), 8);
    expect(draws(createStream(1, STREAM_KIND.client, 1), 8)).not.toEqual(base);
    expect(draws(createStream(1, STREAM_KIND.feed, 0), 8)).not.toEqual(base);
    expect(draws(createStream(2, STREAM_KIND.client, 0), 8)).not.toEqual(base);
    expect(draws(createStream(0, STREAM_KIND.client, 0), 8)).not.toEqual(base);
  });

  it('no two of 10,000 client streams x 5 kinds x 3 seeds start with the same draw', () => {
    const firsts = new Set<number>();
    let n = 0;
    for (const seed of [0, 1, 2]) {
      for (const kind of Object.values(STREAM_KIND)) {
        for (let index = 0; index < 10_000; index++) {
          firsts.add(createStream(seed, kind, index).uniform());
          n++;
        }
      }
    }
    // 150,000 doubles with 53 random bits: a collision has probability ~ n^2 / 2^54 ~ 1e-6.
    expect(firsts.size).toBe(n);
  });

  it('streams for more clients do not change client 0 draws (independence by construction)', () => {
    const alone = createStream(7, STREAM_KIND.client, 0);
    const aloneDraws = draws(alone, 50);

    const many = Array.from({ length: 1000 }, (_, i) => createStream(7, STREAM_KIND.client, i));
    // Interleave draws from every other stream between client 0's draws.
    const client0: number[] = [];
    for (let j = 0; j < 50; j++) {
      for (let i = 1; i < many.length; i++) many[i].uniform();
      client0.push(many[0].uniform());
    }
    expect(client0).toEqual(aloneDraws);
  });

  it('the generator state is never all zero (xoroshiro128+ would then output zeros forever)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2147483647 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10000 }), (seed, kind, index) => {
        const s = streamState(seed, kind, index);
        expect(s).toHaveLength(4);
        expect(s.some((w) => w !== 0)).toBe(true);
      }),
    );
  });
});

describe('distributions', () => {
  const N = 100_000;

  it('uniform() is in [0, 1)', () => {
    const rng = createStream(3, STREAM_KIND.client, 0);
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('mean of 100k uniforms is 0.5 within 0.005', () => {
    // U(0,1) has sd 1/sqrt(12) ~ 0.2887; the mean of n draws has standard error
    // 0.2887 / sqrt(1e5) ~ 0.000913, and 5 standard errors ~ 0.0046, rounded
    // up to 0.005: a correct generator fails with probability < 1e-6, while a
    // bias of 0.01 (e.g. draws in [0, 1.02)) cannot pass.
    const rng = createStream(11, STREAM_KIND.feed, 0);
    let sum = 0;
    for (let i = 0; i < N; i++) sum += rng.uniform();
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.005);
  });

  it('uniforms fill ten equal bins evenly (chi-square, 9 d.f.)', () => {
    const rng = createStream(12, STREAM_KIND.uplink, 4);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < N; i++) bins[Math.floor(rng.uniform() * 10)]++;
    const e = N / 10;
    const chi2 = bins.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
    // 99.9th percentile of chi-square with 9 degrees of freedom is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it('mean of 100k exponential(mean 250) draws is 250 within 5 standard errors', () => {
    // Exp(mean m) has sd m, so the sample mean has standard error m / sqrt(n)
    // = 250 / 316.2 = 0.79; 5 standard errors = 3.95.
    const m = 250;
    const rng = createStream(5, STREAM_KIND.feed, 0);
    let sum = 0;
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const x = rng.exponential(m);
      if (!(x >= 0 && Number.isFinite(x))) bad++;
      sum += x;
    }
    expect(bad).toBe(0);
    expect(Math.abs(sum / N - m)).toBeLessThan((5 * m) / Math.sqrt(N));
  });

  it('exponential: P(X > mean) is e^-1', () => {
    // Sample proportion of a Bernoulli(p = 0.3679): standard error
    // sqrt(p(1-p)/n) = 0.00152; 5 standard errors = 0.0076.
    const rng = createStream(6, STREAM_KIND.client, 3);
    let above = 0;
    for (let i = 0; i < N; i++) if (rng.exponential(1) > 1) above++;
    expect(Math.abs(above / N - Math.exp(-1))).toBeLessThan(0.0076);
  });

  it('int(lo, hi) covers both ends and nothing outside', () => {
    const rng = createStream(9, STREAM_KIND.client, 2);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const x = rng.int(1, 6);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    // Each face 10,000 expected; sd = sqrt(60000 * 1/6 * 5/6) = 91.3; allow 5 sd.
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(457);
  });

  it('int(lo, lo) is always lo, and int works for negative ranges', () => {
    const rng = createStream(9, STREAM_KIND.client, 3);
    for (let i = 0; i < 100; i++) expect(rng.int(4, 4)).toBe(4);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(-1, 1));
    expect([...seen].sort()).toEqual([-1, 0, 1]);
  });

  it('chance(p): never for p = 0, always for p = 1, about p otherwise', () => {
    const rng = createStream(10, STREAM_KIND.downlink, 0);
    let hits = 0;
    let wrong = 0;
    for (let i = 0; i < N; i++) {
      if (rng.chance(0)) wrong++;
      if (!rng.chance(1)) wrong++;
      if (rng.chance(0.1)) hits++;
    }
    expect(wrong).toBe(0);
    // Standard error sqrt(0.1 * 0.9 / 1e5) = 0.00095; 5 standard errors = 0.0047.
    expect(Math.abs(hits / N - 0.1)).toBeLessThan(0.0047);
  });
});

describe('NO_DRAWS (a stream left unmade: a path on a network without jitter or loss)', () => {
  it('refuses every draw, loudly, rather than give numbers from no stream', () => {
    expect(() => NO_DRAWS.uniform()).toThrow(/NO_DRAWS/);
    expect(() => NO_DRAWS.int(0, 9)).toThrow(/NO_DRAWS/);
    expect(() => NO_DRAWS.exponential(5)).toThrow(/NO_DRAWS/);
    expect(() => NO_DRAWS.chance(0.5)).toThrow(/NO_DRAWS/);
  });
});
