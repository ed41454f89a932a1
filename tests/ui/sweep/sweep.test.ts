// The sweep's pure compute: values to run, metrics, closed forms for polling,
// stop and progress, crossovers, scales.
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/sim';
import { TECHNIQUES } from '../../../src/sim/types';
import { crossovers, metricValue, points, runSweep, SWEEP_METRICS, SWEEP_PARAMS, withParam, type SweepProgress } from '../../../src/app/sweep/sweep';
import { sweepScales } from '../../../src/app/sweep/geometry';
import { plotBox } from '../../../src/viz/charts/scales';
import { saturationPoints } from '../../../src/app/sweep/saturation';

describe('points', () => {
  it('log-spaced from..to inclusive, ascending, 2 significant digits', () => {
    const xs = points('polling.intervalMs', { from: 100, to: 10000, count: 5 });
    expect(xs).toEqual([100, 320, 1000, 3200, 10000]);
  });
  it('integer keys are rounded and duplicates dropped', () => {
    const xs = points('clients', { from: 1, to: 10, count: 12 });
    expect(xs.every(Number.isInteger)).toBe(true);
    expect(new Set(xs).size).toBe(xs.length);
    expect(xs[0]).toBe(1);
    expect(xs[xs.length - 1]).toBe(10);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
  });
  it('clamps to the key range and refuses a bad range', () => {
    expect(points('polling.intervalMs', { from: 1, to: 100, count: 3 })[0]).toBe(10); // key min is 10 ms
    expect(() => points('network.latencyMs', { from: 0, to: 100 })).toThrow(/not a positive increasing range/);
    expect(() => points('seed' as never)).toThrow(/cannot be swept/);
  });
  it('every sweepable parameter has a valid default range of at least 8 values (clients may merge)', () => {
    for (const p of SWEEP_PARAMS) {
      const xs = points(p.key);
      expect(xs.length).toBeGreaterThanOrEqual(8);
      expect(xs[0]).toBe(p.from);
      expect(xs[xs.length - 1]).toBe(p.to);
      // Every value is accepted by the scenario validation.
      const s = resolveScenario({});
      for (const v of xs) expect(() => withParam(s, p.key, v)).not.toThrow();
    }
  });
});

describe('withParam', () => {
  it('changes only the one key, leaves the input alone', () => {
    const s = resolveScenario({});
    const t = withParam(s, 'network.latencyMs', 123);
    expect(t.network.latencyMs).toBe(123);
    expect(s.network.latencyMs).toBe(50);
    expect({ ...t, network: { ...t.network, latencyMs: 50 } }).toEqual(s);
  });
  it('refuses an out-of-range value with the key in the message', () => {
    expect(() => withParam(resolveScenario({}), 'clients', 0)).toThrow(/clients/);
  });
});

describe('runSweep', () => {
  it('polling requests vs interval: monotone non-increasing, ≈ duration / interval per client (closed form)', () => {
    const durationMs = 20000;
    const clients = 2;
    const s = resolveScenario({ durationMs, clients });
    const r = runSweep(s, 'polling.intervalMs', 'requests', undefined, undefined, { range: { from: 100, to: 10000, count: 8 }, techniques: ['polling', 'sse'] })!;
    expect(r.metric).toBe('requests');
    const req = r.values.polling.map((v) => v!);
    for (let i = 1; i < req.length; i++) expect(req[i]).toBeLessThanOrEqual(req[i - 1]);
    r.xs.forEach((interval, i) => {
      // setInterval from a start offset inside the first interval: floor or ceil of D/I per client.
      const per = durationMs / interval;
      expect(req[i]).toBeGreaterThanOrEqual(clients * Math.floor(per));
      expect(req[i]).toBeLessThanOrEqual(clients * Math.ceil(per));
    });
    // SSE opens one request per client whatever the poll interval.
    expect(r.values.sse).toEqual(r.xs.map(() => clients));
    expect(Object.keys(r.values)).toEqual(['polling', 'sse']);
  });

  it('every metric comes back, and agrees with metricValue of a direct run', () => {
    const s = resolveScenario({ durationMs: 10000 });
    const r = runSweep(s, 'network.latencyMs', 'latencyMean', undefined, undefined, { range: { from: 10, to: 1000, count: 3 } })!;
    expect(Object.keys(r.all).sort()).toEqual(SWEEP_METRICS.map((m) => m.id).sort());
    expect(r.values).toBe(r.all.latencyMean);
    expect(r.techniques).toEqual([...TECHNIQUES]);
    // Latency grows with the network latency for every push technique.
    for (const id of ['sse', 'websocket', 'streaming'] as const) {
      const v = r.values[id].map((x) => x!);
      expect(v[0]).toBeLessThan(v[1]);
      expect(v[1]).toBeLessThan(v[2]);
      // One-way latency is a floor of the delivery latency.
      r.xs.forEach((lat, i) => expect(v[i]).toBeGreaterThanOrEqual(lat));
    }
  });

  it('metricValue: bandwidth = bytes / duration in seconds, overhead from byte classes', async () => {
    const { simulate } = await import('../../../src/sim');
    const s = resolveScenario({ durationMs: 8000 });
    const res = simulate(s, ['polling'], { traceClients: 0 }).results.polling!;
    expect(metricValue(res, 'bandwidthDown', 8000)).toBeCloseTo(res.bytes.down.total / 8);
    expect(metricValue(res, 'bandwidthUp', 8000)).toBeCloseTo(res.bytes.up.total / 8);
    expect(metricValue(res, 'requests', 8000)).toBe(res.requests);
    const b = res.bytes;
    expect(metricValue(res, 'overhead', 8000)).toBeCloseTo((b.up.header + b.up.framing + b.down.header + b.down.framing) / (b.up.total + b.down.total));
  });

  it('reports progress after every simulation and stops when asked', () => {
    const s = resolveScenario({ durationMs: 5000 });
    const seen: SweepProgress[] = [];
    const full = runSweep(s, 'clients', 'requests', (p) => seen.push(p), undefined, { range: { from: 1, to: 3, count: 3 } });
    expect(full).not.toBeNull();
    expect(seen.map((p) => p.done)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(seen.every((p) => p.total === 15)).toBe(true);

    let calls = 0;
    const stopped = runSweep(
      s,
      'clients',
      'requests',
      () => calls++,
      () => calls >= 4,
      { range: { from: 1, to: 3, count: 3 } },
    );
    expect(stopped).toBeNull();
    expect(calls).toBe(4);
  });

  it('is deterministic: the same sweep twice gives the same numbers', () => {
    const s = resolveScenario({ durationMs: 5000, server: { updatePattern: 'poisson' } });
    const opts = { range: { from: 0.5, to: 5, count: 3 } };
    const a = runSweep(s, 'server.updateRateHz', 'bandwidthDown', undefined, undefined, opts)!;
    const b = runSweep(s, 'server.updateRateHz', 'bandwidthDown', undefined, undefined, opts)!;
    expect(a.all).toEqual(b.all);
  });
});

describe('crossovers', () => {
  it('finds the sign change and interpolates in log x', () => {
    const xs = [1, 10, 100];
    const c = crossovers(xs, { polling: [10, 5, 1], sse: [1, 5, 10] });
    // equal at x = 10 (touching, not a crossing on its own), crossing between 1 and 100.
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ a: 'polling', b: 'sse', lowerAfter: 'polling' });
    expect(c[0].x).toBeCloseTo(10, 5);
    const d = crossovers([1, 100], { polling: [4, 1], websocket: [1, 2] });
    // d goes 3 -> -1: f = 0.75 of the way in log space: 10^(2 × 0.75) ≈ 31.6
    expect(d[0].x).toBeCloseTo(31.6, 1);
    expect(d[0].lowerAfter).toBe('polling');
  });
  it('no crossing when one is always lower; nulls are skipped', () => {
    expect(crossovers([1, 2, 3], { sse: [1, 2, 3], websocket: [2, 3, 4] })).toEqual([]);
    expect(crossovers([1, 2, 3], { sse: [1, null, 3], websocket: [2, 0, 2] })).toHaveLength(1);
  });
});

describe('sweepScales', () => {
  const box = plotBox(640, 340, { top: 30, right: 20, bottom: 50, left: 70 });
  const r = { xs: [0.1, 1, 10], techniques: ['polling', 'sse'] as ('polling' | 'sse')[], values: { polling: [60, 60, 60], sse: [1, 1, null] } as never };
  it('log x over the swept values; log y spans the positive values', () => {
    const sc = sweepScales(r, true, box);
    expect(sc.x(0.1)).toBeCloseTo(box.x0);
    expect(sc.x(10)).toBeCloseTo(box.x1);
    expect(sc.x(1)).toBeCloseTo((box.x0 + box.x1) / 2);
    const [lo, hi] = sc.y.domain();
    expect(lo).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(60);
    expect(sc.yTicks.every((t) => [1, 2, 5].includes(Number((t / 10 ** Math.floor(Math.log10(t) + 1e-9)).toPrecision(3))))).toBe(true);
  });
  it('linear y from 0; log y falls back to linear when nothing is positive', () => {
    expect(sweepScales(r, false, box).y.domain()[0]).toBe(0);
    const zero = { ...r, values: { polling: [0, 0, 0], sse: [0, 0, 0] } as never };
    const sc = sweepScales(zero, true, box);
    expect(sc.yFellBack).toBe(true);
    expect(sc.y.domain()[0]).toBe(0);
  });
});

describe('groupCrossovers', () => {
  it('merges coinciding curves crossing one technique at the same point', async () => {
    const { groupCrossovers } = await import('../../../src/app/sweep/sweep');
    const c = crossovers([1, 10], { 'long-polling': [1, 10], sse: [2, 5], websocket: [2, 5], streaming: [2, 5] });
    expect(c).toHaveLength(3);
    expect(groupCrossovers(c)).toEqual([{ a: 'long-polling', b: ['sse', 'websocket', 'streaming'], x: c[0].x, aLowerAfter: false }]);
  });
});

describe('sweeping clients to the server’s saturation (issue 11)', () => {
  it('one core, 50 ms per poll, a poll a second each: below 20 clients the wait is short, past 20 (ρ > 1) it grows without bound; push keeps its one request', () => {
    const s = resolveScenario({ durationMs: 20_000, tls: { version: 'none' }, server: { cores: 1, cpuPerRequestMs: 50, cpuPerConnectionMs: 0, updateRateHz: 0.2 } });
    const r = runSweep(s, 'clients', 'queueDelay', undefined, undefined, { range: { from: 2, to: 40, count: 4 }, techniques: ['polling', 'sse'] })!;
    const waits = r.values.polling;
    expect(r.xs[0]).toBe(2);
    expect(r.xs[r.xs.length - 1]).toBe(40);
    // ρ = clients × 0.05: 0.1 at 2 clients (M/M/1-like wait ρs/(1 − ρ) ≈ 5.6 ms; deterministic arrivals wait less), 2 at 40 (the queue grows for the whole run).
    expect(waits[0]!).toBeLessThan(10);
    expect(waits[waits.length - 1]!).toBeGreaterThan(1000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(r.all.serverCores.polling[r.xs.length - 1]!).toBeGreaterThan(0.95);
    expect(r.all.energy.polling[0]).toBeNull(); // no radio in this scenario
  });
});

describe('the saturation point (issue 11)', () => {
  it('one core, 50 ms per poll, a poll a second each: polling fills the core near 20 clients (ρ = N × 0.05 = 1)', () => {
    const s = resolveScenario({ durationMs: 20_000, tls: { version: 'none' }, server: { cores: 1, cpuPerRequestMs: 50, cpuPerConnectionMs: 0, updateRateHz: 0.2 } });
    const r = runSweep(s, 'clients', 'serverCores', undefined, undefined, { range: { from: 2, to: 40, count: 4 }, techniques: ['polling', 'sse'] })!;
    const points = saturationPoints(r);
    const polling = points.find((p) => p.technique === 'polling')!;
    expect(polling.where).toBe('within');
    // Extrapolated from the largest count under 80% busy; the closed form is 1 / (1 poll/s × 0.05 s) = 20.
    expect(polling.clients).toBeGreaterThan(18);
    expect(polling.clients).toBeLessThan(22);
    // SSE asks once: far past the range.
    expect(points.find((p) => p.technique === 'sse')!.where).toBe('beyond');
  });

  it('no point without cores, or over another key; "below" when busy from the first value', () => {
    const table = (busy: number[]) => ({ serverCores: { polling: busy } }) as unknown as Parameters<typeof saturationPoints>[0]['all'];
    const base = { xs: [10, 100, 1000], techniques: ['polling' as const] };
    expect(saturationPoints({ ...base, param: 'clients', all: table([0.1, 1, 4]), cores: 0 })).toEqual([]);
    expect(saturationPoints({ ...base, param: 'network.latencyMs', all: table([0.1, 1, 4]), cores: 4 })).toEqual([]);
    expect(saturationPoints({ ...base, param: 'clients', all: table([0.1, 1, 4]), cores: 4 })).toEqual([{ technique: 'polling', clients: 400, where: 'within' }]);
    expect(saturationPoints({ ...base, param: 'clients', all: table([3.9, 4, 4]), cores: 4 })).toEqual([{ technique: 'polling', clients: 10, where: 'below' }]);
  });
});
