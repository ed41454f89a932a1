// Shards of clients merge into exactly the result of one run (issue 9: "same
// JSON, byte for byte, with 1 or N workers"). The reason it can hold: no
// client shares anything with another (each has its own links, streams and
// server session, tests/properties/independence.test.ts), and every figure
// is a sum of integers over clients, or computed from merged times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runShard, mergeShards, runTechnique } from '../../src/sim/run/simulate';
import { splitClients } from '../../src/sim/run/shards';
import { population, updateTimes } from '../../src/sim';
import { scenario } from '../techniques/helpers';
import { independentCaseArb } from '../properties/arbitrary';

const RUNS = Number(process.env.PROP_RUNS ?? 25);

describe('splitClients', () => {
  it('covers every client once, in order, with the traced clients in the first range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 20 }), (n, parts, traced) => {
        const r = splitClients(n, parts, traced);
        expect(r[0].from).toBe(0);
        expect(r[r.length - 1].to).toBe(n);
        for (let i = 1; i < r.length; i++) expect(r[i].from).toBe(r[i - 1].to);
        for (const x of r) expect(x.to).toBeGreaterThan(x.from);
        expect(r.length).toBeLessThanOrEqual(Math.min(parts, n));
        expect(r[0].to).toBeGreaterThanOrEqual(Math.min(n, traced));
      }),
    );
  });

  it('splits evenly when nothing is traced', () => {
    expect(splitClients(10, 3, 0)).toEqual([{ from: 0, to: 3 }, { from: 3, to: 7 }, { from: 7, to: 10 }]);
    expect(splitClients(2, 8, 0)).toEqual([{ from: 0, to: 1 }, { from: 1, to: 2 }]);
  });
});

describe('shards of clients', () => {
  it('merge to the same JSON as one run, for any split and any scenario, trace included', () => {
    fc.assert(
      fc.property(independentCaseArb, fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), (c, clients, parts, traced) => {
        const s = scenario({ ...c.partial, clients });
        const feed = updateTimes(s);
        const whole = runTechnique(s, c.id, { traceClients: traced, feed });
        const shards = splitClients(population(s).total, parts, traced).map((r) => runShard(s, c.id, r, { traceClients: traced, feed }));
        // Merged in any order of arrival (workers finish when they finish).
        const merged = mergeShards(s, c.id, feed, shards.reverse());
        expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
      }),
      { numRuns: RUNS },
    );
  });

  it('add up what each shard counted: two halves of 4 clients give the requests of both', () => {
    const s = scenario({ clients: 4, durationMs: 10_000, server: { updateRateHz: 1 } });
    const feed = updateTimes(s);
    const [a, b] = splitClients(4, 2, 0).map((r) => runShard(s, 'polling', r, { traceClients: 0, feed }));
    const merged = mergeShards(s, 'polling', feed, [a, b]);
    expect(merged.requests).toBe(a.metrics.counts.requests + b.metrics.counts.requests);
    // A poll a second for 10 s per client (the first within the first interval): 10 each.
    expect(merged.requests).toBe(40);
    expect(merged.events).toBe(a.events + b.events);
  });
});
