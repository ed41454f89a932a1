// The lane's "delivered / generated" counter: updates owed to all clients up
// to the playhead. The check is independent of the simulator's own count:
// here the owed total is the sum, over updates, of the crowd present at each
// one (arrivals and stays from the population); the simulator sums, over
// clients, the updates made while each was there (src/sim/run/simulate.ts).
// Both must give the result's messagesGenerated at the end of the run.
import { describe, expect, it } from 'vitest';
import { resolveScenario, runTechnique } from '../../../src/sim';
import { owedUpdates } from '../../../src/viz/owed-updates';

describe('updates owed to the clients up to each update', () => {
  it('without churn: (k + 1) x clients', () => {
    const s = resolveScenario({ clients: 7, durationMs: 20000 });
    const r = runTechnique(s, 'sse', { traceClients: 1 });
    const ms = r.trace!.updatesMs;
    const owed = owedUpdates(s, ms);
    expect(ms.length).toBeGreaterThan(2);
    expect(Array.from(owed)).toEqual(ms.map((_, k) => (k + 1) * 7));
    expect(owed[ms.length - 1]).toBe(r.messagesGenerated);
  });

  for (const [name, set] of [
    ['arrivals and departures', [['churn.arrivalsPerSecond', '5'], ['churn.meanSessionMs', '8000']]],
    ['departures only', [['churn.meanSessionMs', '5000']]],
    ['arrivals only', [['churn.arrivalsPerSecond', '3']]],
  ] as const) {
    it(`with churn (${name}): the crowd at each update, summing to messagesGenerated`, () => {
      const s = resolveScenario({}, [['clients', '20'], ['durationMs', '30000'], ['server.updateRateHz', '2'], ...set.map(([k, v]) => [k, v] as [string, string])]);
      const r = runTechnique(s, 'polling', { traceClients: 1 });
      const ms = r.trace!.updatesMs;
      const owed = owedUpdates(s, ms);
      expect(ms.length).toBeGreaterThan(30);
      expect(owed[ms.length - 1]).toBe(r.messagesGenerated);
      // Not updates x the initial clients: the crowd changed.
      expect(owed[ms.length - 1]).not.toBe(ms.length * 20);
      // Never falls, and each update adds at most the whole population.
      const total = r.population!.initial + r.population!.arrived;
      for (let k = 1; k < ms.length; k++) {
        expect(owed[k] - owed[k - 1]).toBeGreaterThanOrEqual(0);
        expect(owed[k] - owed[k - 1]).toBeLessThanOrEqual(total);
      }
    });
  }
});
