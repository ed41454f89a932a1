// The hand-written reference simulator of short polling (bench/reference/)
// must reproduce the project's polling result field for field: the same
// model computed twice, once by the project (state machines, kernel, closures)
// and once by typed arrays. The only field left out is `events`, a
// diagnostic (the reference happens to count the same events; checked
// separately, but it is no part of the contract). If either side changes the
// model, these fail: that is their purpose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveScenario, runTechnique, type Scenario, type TechniqueResult } from '../../src/sim';
import { referencePolling, referencePollingPerClient } from '../../bench/reference/polling';

/**
 * The reference models cleartext HTTP (TLS's handshake and records are not
 * in it): every scenario here is a cleartext one, as in npm run bench.
 */
const scenarioOf = (partial: Record<string, unknown>): Scenario => resolveScenario({ ...partial, tls: { version: 'none' } });

const RUNS = Number(process.env.PROP_RUNS ?? 25);

const withoutEvents = (r: TechniqueResult): string => JSON.stringify({ ...r, events: undefined });

const project = (s: Scenario) => runTechnique(s, 'polling', { traceClients: 0 });

/** Both reference variants against the project; returns the project's result for extra checks. */
function expectSame(s: Scenario): TechniqueResult {
  const want = project(s);
  const global = referencePolling(s);
  const perClient = referencePollingPerClient(s);
  expect(withoutEvents(global)).toBe(withoutEvents(want));
  expect(withoutEvents(perClient)).toBe(withoutEvents(want));
  return want;
}

describe('reference polling simulator = project (JSON without `events`)', () => {
  it('default scenario (1 client, 60 s, 1 s polls, Poisson 0.2 Hz feed)', () => {
    const r = expectSame(scenarioOf({}));
    // About 60 polls: the comparison covers real traffic, not an empty run.
    expect(r.requests).toBeGreaterThan(55);
  });

  it('several clients: per-client start offsets and streams', () => {
    expectSame(scenarioOf({ clients: 25, seed: 7 }));
  });

  it('odd poll intervals: 333 ms (fractional bins of ticks) and 2500 ms (longer than a bin of 500 ms)', () => {
    expectSame(scenarioOf({ clients: 4, polling: { intervalMs: 333 } }));
    expectSame(scenarioOf({ clients: 4, polling: { intervalMs: 2500 }, server: { updateRateHz: 1 } }));
    // A fractional interval is rounded to the µs by both (333.3 ms = 333300 µs).
    expectSame(scenarioOf({ clients: 2, polling: { intervalMs: 333.3 } }));
  });

  it('slow link (64 kbit/s), 20 kB updates: segmentation, serialization, congestion window', () => {
    const s = scenarioOf({ clients: 3, network: { bandwidthKbps: 64, uplinkKbps: 32 }, server: { payloadBytes: 20000, updateRateHz: 1 } });
    const r = expectSame(s);
    // 20,040 wire bytes of one update take 20040·8/64 ms ≈ 2.5 s on the link,
    // far above the 100 ms round trip: serialization dominates the latency.
    expect(r.latencyMs.max!).toBeGreaterThan(2500);
    // A response of 14+ segments exceeds the initial window of 10 (RFC 6928); a window of 1 makes it wait rounds.
    expectSame({ ...s, network: { ...s.network, initialCwndSegments: 1, bandwidthKbps: 100000, uplinkKbps: 0 } });
    expectSame({ ...s, network: { ...s.network, initialCwndSegments: 0 } });
  });

  it('periodic, Poisson and bursty feeds (bursts of simultaneous updates with spacing 0)', () => {
    for (const updatePattern of ['periodic', 'poisson', 'bursty'] as const) {
      expectSame(scenarioOf({ clients: 5, server: { updatePattern, updateRateHz: 4, burstSize: 6, burstSpacingMs: 0 } }));
    }
  });

  it('an update generated at the same µs as a poll arrives is in its answer (feed before network at equal time)', () => {
    // Poisson updates at 1000 Hz fall on a given µs with probability ~1/1000,
    // so ~5,000 polls give a few exact coincidences; the project's trace shows them.
    const s = scenarioOf({ clients: 5, durationMs: 10000, polling: { intervalMs: 10 }, server: { updateRateHz: 1000, payloadBytes: 1 } });
    expectSame(s);
    const trace = runTechnique(s, 'polling', { traceClients: 5 }).trace!;
    const updates = new Set(trace.updatesMs);
    const coincident = trace.packets.filter((p) => p.kind === 'request' && p.arriveMs !== null && updates.has(p.arriveMs));
    expect(trace.truncated).toBe(false);
    expect(coincident.length).toBeGreaterThan(0);
  });

  it('poll interval below the round trip: overlapping polls open more pooled connections, then wait for one', () => {
    const r = expectSame(scenarioOf({ clients: 3, polling: { intervalMs: 30 }, network: { latencyMs: 100, bandwidthKbps: 256 }, server: { updateRateHz: 5 } }));
    // Polls every 30 ms with a 200 ms round trip (plus a 200 ms handshake) need
    // more than 6 connections: each client's pool fills to the browser's cap of 6.
    expect(r.connectionsOpened).toBe(3 * 6);
    expect(r.maxOpenConnections).toBe(3 * 6);
  });

  it('two packets of one client arriving at the same µs are handled in the order they were sent (FIFO ties)', () => {
    // An unlimited-rate link (serialization rounds to 0 µs) and 16 ms polls
    // over a 40 ms round trip: answers on different connections land on the
    // same µs. Their order decides which connection the next poll's bytes
    // take, and so the congestion windows; a LIFO tie-break gives a different
    // result here (found by a search over random scenarios).
    const s = scenarioOf({ seed: 514, clients: 5, durationMs: 5000, network: { latencyMs: 20, bandwidthKbps: 10000000 }, polling: { intervalMs: 16 }, server: { updateRateHz: 100, payloadBytes: 3000 } });
    expectSame(s);
    const trace = runTechnique(s, 'polling', { traceClients: 5 }).trace!;
    const connAt = new Map<string, number>();
    let ties = 0;
    for (const p of trace.packets) {
      if (p.dir !== 'down' || p.arriveMs === null) continue;
      const key = `${p.client}/${p.arriveMs}`;
      if (connAt.has(key) && connAt.get(key) !== p.conn) ties++;
      connAt.set(key, p.conn);
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('no updates at all (rate 0): every answer is empty', () => {
    const r = expectSame(scenarioOf({ clients: 2, server: { updateRateHz: 0 } }));
    expect(r.emptyResponses).toBe(r.responses);
  });

  it('counts the same kernel events as the project (diagnostic)', () => {
    const s = scenarioOf({ clients: 6, polling: { intervalMs: 40 } });
    expect(referencePolling(s).events).toBe(project(s).events);
    expect(referencePollingPerClient(s).events).toBe(project(s).events);
  });

  it('refuses what it does not model, naming the key', () => {
    expect(() => referencePolling(resolveScenario({ network: { jitterMs: 5 } }))).toThrow(/jitterMs/);
    expect(() => referencePolling(resolveScenario({ network: { lossRate: 0.01 } }))).toThrow(/lossRate/);
    expect(() => referencePolling(resolveScenario({ client: { sendRateHz: 1 } }))).toThrow(/sendRateHz/);
    expect(() => referencePollingPerClient(resolveScenario({ faults: { disconnectIntervalMs: 1000 } }))).toThrow(/disconnectIntervalMs/);
    expect(() => referencePolling(resolveScenario({}))).toThrow(/tls.version 1.3/);
    expect(() => referencePolling(resolveScenario({ tls: { version: 'none' }, http: { version: '2' } }))).toThrow(/http.version 2/);
  });

  it('property: random supported scenarios (≤ 20 clients, ≤ 20 s) give identical results', () => {
    const orOff = (arb: fc.Arbitrary<number>) => fc.oneof(fc.constant(0), arb);
    const arb = fc.record({
      seed: fc.integer({ min: 0, max: 1000000 }),
      durationMs: fc.integer({ min: 1, max: 20000 }),
      clients: fc.integer({ min: 1, max: 20 }),
      network: fc.record({
        latencyMs: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true })),
        bandwidthKbps: fc.constantFrom(1, 56, 64, 400, 1440, 10000, 100000),
        uplinkKbps: orOff(fc.constantFrom(16, 128, 675)),
        initialCwndSegments: fc.constantFrom(0, 1, 2, 4, 10),
      }),
      server: fc.record({
        updateRateHz: orOff(fc.double({ min: 0.1, max: 30, noNaN: true })),
        updatePattern: fc.constantFrom('periodic', 'poisson', 'bursty'),
        burstSize: fc.integer({ min: 1, max: 8 }),
        burstSpacingMs: fc.integer({ min: 0, max: 50 }),
        payloadBytes: fc.constantFrom(1, 100, 1419, 1420, 5000, 20000),
      }),
      http: fc.record({ requestHeaderBytes: fc.integer({ min: 256, max: 3000 }), responseHeaderBytes: fc.integer({ min: 192, max: 3000 }) }),
      // Down to 10 ms: far below the round trip, so the pool and its queue are exercised.
      polling: fc.record({ intervalMs: fc.oneof(fc.integer({ min: 10, max: 3000 }), fc.double({ min: 10, max: 3000, noNaN: true })) }),
    });
    fc.assert(
      fc.property(arb, (partial) => {
        expectSame(scenarioOf(partial));
      }),
      { numRuns: RUNS },
    );
  }, 60000);
});
