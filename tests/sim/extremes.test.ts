// Every scenario key at its minimum, its maximum and a fractional value
// (issue 7: `sse.retryMs=1.5` passed validation and crashed the SSE
// encoder). A key's declared type and range must be exactly what the core
// can take: each value validation accepts must simulate, all five
// techniques, with no exception, finite figures, every update accounted for
// (SPEC §1: delivered or pending) and no more kernel events than the work
// estimate allows; each value it refuses must be refused with the key's
// name. Other keys stay at their defaults, with a short run and media off
// so the whole table runs in seconds (their own extremes are tested too).
import { describe, expect, it } from 'vitest';
import { estimateWork, KEYS, parseValue, resolveScenario, runShard, ScenarioError, simulate, TECHNIQUES, updateTimes, type KeySpec } from '../../src/sim';

/** Short, media off, unless the key under test is one of those. */
function baseFor(key: string): [string, string][] {
  const base: [string, string][] = [];
  if (key !== 'durationMs') base.push(['durationMs', key === 'clients' ? '1000' : '5000']);
  if (!key.startsWith('streaming.media') && key !== 'streaming.chunkBytes') base.push(['streaming.mediaBytes', '0']);
  return base;
}

/** A value that differs from `v` only a little (its case, or a digit more for '1.1'): still refused. */
const nearMiss = (v: string) => (v.toUpperCase() !== v ? v.toUpperCase() : `${v}0`);

function values(spec: KeySpec): { accepted: string[]; refused: string[] } {
  if (spec.kind === 'enum') return { accepted: [...spec.values!], refused: ['', 'none-such', nearMiss(spec.values![0])] };
  const min = spec.min!;
  const max = spec.max!;
  const accepted = [String(min), String(max)];
  if (spec.zeroMeansOff) accepted.push('0');
  const refused = [String(max + 1), 'NaN', 'Infinity', '1e400', 'ten'];
  if (!spec.zeroMeansOff || min > 1) refused.push(String(min - 1));
  // A fractional value inside the range: accepted by a number key, refused by an integer key.
  const frac = String(Math.min(max, min + 1.5));
  if (spec.kind === 'int') refused.push(frac, String(min + 0.5));
  else accepted.push(frac, String(min + 1e-9));
  return { accepted, refused };
}

/**
 * A million clients for all five techniques is a benchmark, not a test (npm
 * run bench; about half a minute). Clients never interact and any split of
 * them into shards merges into the whole run (tests/sim/shards.test.ts), so
 * at the largest count the last clients (the highest indices: their streams
 * and connection ids) and the traced first ones are simulated as shards.
 */
function checkLargestClients(sets: [string, string][]): void {
  const s = resolveScenario({}, sets);
  const feed = updateTimes(s);
  for (const id of TECHNIQUES) {
    for (const range of [{ from: 0, to: 3 }, { from: s.clients - 20, to: s.clients }]) {
      const sh = runShard(s, id, range, { traceClients: 1, feed });
      const m = sh.metrics.counts;
      const clients = range.to - range.from;
      // Every update made is delivered, queued or in flight, for each client of the shard.
      expect(m.delivered + sh.queued + m.inFlight, `${id} conservation`).toBe(feed.length * clients);
      expect(Number.isFinite(m.requests) && Number.isFinite(sh.events)).toBe(true);
      expect(sh.events, `${id} within its work estimate`).toBeLessThanOrEqual((estimateWork(s, [id]).total * clients) / s.clients + 100);
      if (range.from === 0) expect(sh.trace!.packets.length).toBeGreaterThan(0);
    }
  }
}

function checkRun(sets: [string, string][]): void {
  const s = resolveScenario({}, sets);
  if (s.clients > 100_000) return checkLargestClients(sets);
  const out = simulate(s, TECHNIQUES, { traceClients: 1 });
  for (const id of TECHNIQUES) {
    const r = out.results[id]!;
    expect(r.messagesDelivered + r.messagesPending, `${id} conservation`).toBe(r.messagesGenerated);
    expect(r.upstream.delivered + r.upstream.pending, `${id} upstream conservation`).toBe(r.upstream.generated);
    for (const v of [r.bytes.up.total, r.bytes.down.total, r.bytes.wire.up, r.bytes.wire.down, r.requests, r.events]) expect(Number.isFinite(v)).toBe(true);
    expect(r.events, `${id} within its work estimate`).toBeLessThanOrEqual(estimateWork(s, [id]).total);
    // The trace's texts render (the encoders see every value).
    for (const p of r.trace!.packets.slice(0, 50)) expect(typeof p.text).toBe('string');
  }
  expect(JSON.stringify(out).length).toBeGreaterThan(0);
}

describe('every key at its extremes', () => {
  for (const spec of KEYS) {
    const { accepted, refused } = values(spec);
    it(`${spec.key}: ${accepted.join(', ')} simulate; ${refused.map((r) => r || "''").join(', ')} refused`, () => {
      for (const v of accepted) checkRun([...baseFor(spec.key), [spec.key, v]]);
      for (const v of refused) {
        let err: unknown = null;
        try {
          parseValue(spec.key, v);
        } catch (e) {
          err = e;
        }
        expect(err, `${spec.key}=${v}`).toBeInstanceOf(ScenarioError);
        expect((err as Error).message).toContain(spec.key);
      }
    }, 60000);
  }
});
