// fast-check arbitraries of small random scenarios for the property tests:
// 1-5 clients, 1-20 s, every network, feed, upstream, ping and fault knob.
import fc from 'fast-check';
import { TECHNIQUES, type TechniqueId } from '../../src/sim';
import { HAS_CWND } from '../techniques/helpers';

export interface Case {
  id: TechniqueId;
  partial: Record<string, unknown>;
}

const orOff = (arb: fc.Arbitrary<number>, offWeight = 1) => fc.oneof({ arbitrary: fc.constant(0), weight: offWeight }, { arbitrary: arb, weight: 2 });

export const scenarioArb: fc.Arbitrary<Record<string, unknown>> = fc.record({
  seed: fc.integer({ min: 0, max: 1000000 }),
  durationMs: fc.integer({ min: 1000, max: 20000 }),
  clients: fc.integer({ min: 1, max: 5 }),
  network: fc.record({
    latencyMs: fc.integer({ min: 0, max: 300 }),
    jitterMs: orOff(fc.integer({ min: 1, max: 80 })),
    bandwidthKbps: fc.constantFrom(56, 400, 1440, 10000, 100000),
    uplinkKbps: orOff(fc.constantFrom(128, 675, 1350), 3),
    lossRate: orOff(fc.double({ min: 0.001, max: 0.3, noNaN: true })),
    radio: fc.constantFrom('none', 'none', 'wifi', '3g', 'lte'),
    ...(HAS_CWND ? { initialCwndSegments: fc.constantFrom(0, 1, 4, 10) } : {}),
  }),
  server: fc.record({
    updateRateHz: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 20, noNaN: true })),
    updatePattern: fc.constantFrom('periodic', 'poisson', 'bursty'),
    burstSize: fc.integer({ min: 1, max: 8 }),
    burstSpacingMs: fc.integer({ min: 0, max: 50 }),
    payloadBytes: fc.constantFrom(1, 100, 125, 126, 2000, 20000),
    processingMs: orOff(fc.double({ min: 0.1, max: 50, noNaN: true })),
    // A server with a few cores (the clients then share it) and CPU costs up to a saturated core.
    cores: orOff(fc.integer({ min: 1, max: 4 }), 2),
    cpuPerRequestMs: fc.constantFrom(0, 0.1, 5),
    cpuPerMessageMs: fc.constantFrom(0, 0.01, 2),
  }),
  client: fc.record({
    sendRateHz: orOff(fc.double({ min: 0.1, max: 5, noNaN: true })),
    payloadBytes: fc.constantFrom(1, 100, 126, 3000),
    processingMs: orOff(fc.double({ min: 0.1, max: 50, noNaN: true })),
  }),
  // Heads from a profile, or every head of one size (0 = from the profile), or one kind's size.
  http: fc.record({
    version: fc.constantFrom('1.1', '2'),
    headProfile: fc.constantFrom('chromium-node', 'minimal', 'cdn'),
    requestHeaderBytes: orOff(fc.integer({ min: 196, max: 2000 })),
    responseHeaderBytes: orOff(fc.integer({ min: 132, max: 2000 })),
    pollResponseBytes: orOff(fc.integer({ min: 116, max: 2000 }), 3),
  }),
  // TLS 1.3 (the default), 1.2 (two round trips, no resumption without a ticket) or cleartext.
  tls: fc.record({ version: fc.constantFrom('1.3', '1.3', '1.2', 'none') }),
  polling: fc.record({ intervalMs: fc.integer({ min: 100, max: 3000 }), firstRequest: fc.constantFrom('immediate', 'afterInterval') }),
  longPolling: fc.record({ timeoutMs: fc.integer({ min: 200, max: 30000 }), reconnectDelayMs: orOff(fc.integer({ min: 1, max: 1000 })) }),
  sse: fc.record({ retryMs: fc.integer({ min: 0, max: 3000 }), heartbeatMs: orOff(fc.integer({ min: 200, max: 5000 }), 2), eventsPerStream: orOff(fc.integer({ min: 1, max: 10 }), 3), streamLifetimeMs: orOff(fc.integer({ min: 500, max: 8000 }), 3) }),
  proxy: fc.record({ idleTimeoutMs: orOff(fc.integer({ min: 300, max: 10000 }), 2), lifetimeMs: orOff(fc.integer({ min: 1000, max: 20000 }), 3), firstByteTimeoutMs: orOff(fc.integer({ min: 200, max: 5000 }), 3), buffering: orOff(fc.integer({ min: 1, max: 3000 }), 2), websocket: fc.constantFrom('passes', 'passes', 'refuses') }),
  websocket: fc.record({ pingIntervalMs: orOff(fc.integer({ min: 100, max: 5000 })), reconnectDelayMs: fc.integer({ min: 0, max: 2000 }), reconnectJitter: fc.constantFrom(0, 0, 0.3, 1), reconnectGrowth: fc.constantFrom(1, 2, 2), reconnectMaxDelayMs: fc.constantFrom(0, 5000), overHttp2: fc.constantFrom('ownConnection', 'extendedConnect') }),
  // A low stream limit makes HTTP/2 exchanges wait for one another.
  http2: fc.record({ maxConcurrentStreams: fc.constantFrom(1, 2, 100) }),
  streaming: fc.record({ reconnectDelayMs: fc.integer({ min: 0, max: 2000 }) }),
  churn: fc.record({ arrivalsPerSecond: orOff(fc.double({ min: 0.1, max: 5, noNaN: true }), 2), meanSessionMs: orOff(fc.integer({ min: 1000, max: 10000 }), 2) }),
  faults: fc.record({ disconnectIntervalMs: orOff(fc.integer({ min: 500, max: 10000 })), serverRestartAtMs: orOff(fc.integer({ min: 1, max: 15000 }), 2), serverRestartIntervalMs: orOff(fc.integer({ min: 1000, max: 8000 }), 2), serverDownMs: orOff(fc.integer({ min: 100, max: 5000 }), 2) }),
});

export const caseArb: fc.Arbitrary<Case> = fc.record({ id: fc.constantFrom(...TECHNIQUES), partial: scenarioArb });

/**
 * Cases whose clients are independent: the server's capacity unlimited
 * (server.cores 0), the condition under which client 0 does not see the
 * others and shards of clients merge exactly.
 */
export const independentCaseArb: fc.Arbitrary<Case> = caseArb.map((c) => ({ ...c, partial: { ...c.partial, server: { ...(c.partial.server as Record<string, unknown>), cores: 0 } } }));
