// The feed's event belongs to nobody (src/sim/run/world.ts): the kernel drops
// every event of a client that leaves (churn.meanSessionMs), so a feed event
// owned by the client that first listened would end the feed for every
// client still there when that one left. With the server's cores shared, all
// clients run on one kernel; the first to listen leaves within seconds here
// (stays of 2 s on average), and the arrivals after it must still get their
// updates: delivered stays within what is in flight of what is owed.
import { describe, expect, it } from 'vitest';
import { resolveScenario, runTechnique } from '../../src/sim';

describe('the feed outlives the client that first listened', () => {
  for (const id of ['sse', 'websocket', 'long-polling'] as const) {
    it(`${id}: clients arriving after the first ones left get their updates`, () => {
      const s = resolveScenario({ clients: 5, durationMs: 30000, server: { cores: 2, updateRateHz: 2 }, churn: { arrivalsPerSecond: 1, meanSessionMs: 2000 } });
      const r = runTechnique(s, id, { traceClients: 0 });
      // All five first clients have left long before the end (P(a stay over 25 s) = e^-12.5 each).
      expect(r.population!.left).toBeGreaterThan(20);
      expect(r.messagesGenerated).toBeGreaterThan(100);
      expect(r.messagesDelivered).toBeGreaterThan(0.9 * r.messagesGenerated);
    });
  }
});
