// The runtime runs the machines from their generated tables on the fast
// interpreter (src/sim/machines/engine.ts) and, given another spawner, on
// xstate's own actors (src/sim/machines/oracle.ts); the two must give
// byte-identical results, traces included, over random scenarios of every
// technique (xstate is the reference).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveScenario, simulate } from '../../src/sim';
import { xstateSpawner } from '../../src/sim/machines/oracle';

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  clients: fc.integer({ min: 1, max: 3 }),
  durationMs: fc.integer({ min: 1000, max: 15000 }),
  network: fc.record({
    latencyMs: fc.integer({ min: 0, max: 300 }),
    jitterMs: fc.integer({ min: 0, max: 50 }),
    lossRate: fc.constantFrom(0, 0, 0.05),
    bandwidthKbps: fc.constantFrom(500, 10000),
  }),
  server: fc.record({ updateRateHz: fc.constantFrom(0, 0.5, 2, 10), updatePattern: fc.constantFrom('periodic', 'poisson', 'bursty') }),
  client: fc.record({ sendRateHz: fc.constantFrom(0, 0.5, 3) }),
  polling: fc.record({ intervalMs: fc.constantFrom(200, 1000), firstRequest: fc.constantFrom('immediate', 'afterInterval') }),
  longPolling: fc.record({ timeoutMs: fc.constantFrom(500, 5000), reconnectDelayMs: fc.constantFrom(0, 100) }),
  // The page's backoff (growth, jitter) is drawn through the client's port: xstate's context is a copy of the input's own fields.
  websocket: fc.record({ pingIntervalMs: fc.constantFrom(0, 700), reconnectJitter: fc.constantFrom(0, 0.5), reconnectGrowth: fc.constantFrom(1, 2) }),
  // A restart with downtime: reconnections fail in a row, so the backoff grows.
  faults: fc.record({ disconnectIntervalMs: fc.constantFrom(0, 2000), serverRestartAtMs: fc.constantFrom(0, 0, 3000), serverDownMs: fc.constantFrom(0, 1500) }),
  proxy: fc.record({ idleTimeoutMs: fc.constantFrom(0, 0, 1500), lifetimeMs: fc.constantFrom(0, 0, 4000) }),
  sse: fc.record({ heartbeatMs: fc.constantFrom(0, 600), eventsPerStream: fc.constantFrom(0, 0, 3), streamLifetimeMs: fc.constantFrom(0, 0, 2500) }),
  streaming: fc.record({ mediaBytes: fc.constant(0) }),
});

describe('machine engines', () => {
  it('generated tables and xstate give identical JSON (results and traces)', () => {
    fc.assert(
      fc.property(scenarioArb, (partial) => {
        const s = resolveScenario(partial);
        const fast = JSON.stringify(simulate(s, undefined, { traceClients: 2 }));
        const ref = JSON.stringify(simulate(s, undefined, { traceClients: 2, spawner: xstateSpawner }));
        expect(fast === ref).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
