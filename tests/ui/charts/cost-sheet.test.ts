// The cost sheet (src/viz/charts/cost-sheet.ts): per-client figures are the
// run's totals divided by clients and seconds (a poll a second is 60
// requests a minute), the server's are SPEC §7's fields, the radio and the
// wait for a core appear only when the scenario has them, and the cheapest
// of each column is the lowest.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES } from '../../../src/sim';
import { costSheet } from '../../../src/viz/charts/cost-sheet';

const run = (sets: [string, string][] = []) => simulate(resolveScenario({}, [['clients', '10'], ['streaming.mediaBytes', '0'], ...sets]), TECHNIQUES, { traceClients: 0 });

describe('cost sheet', () => {
  it('per client and per second: a poll a second is 60 requests a minute; push techniques one request in the run', () => {
    const out = run([['polling.firstRequest', 'afterInterval']]);
    const sheet = costSheet(out, TECHNIQUES);
    const poll = sheet.rows.find((r) => r.id === 'polling')!;
    // afterInterval: the first poll one interval after a start in the first second, then one a second, up to 60 s: 58 or 59 each.
    expect(poll.values.requestsPerMinute!).toBeGreaterThan(57.9);
    expect(poll.values.requestsPerMinute!).toBeLessThan(59.1);
    const sse = sheet.rows.find((r) => r.id === 'sse')!;
    expect(sse.values.requestsPerMinute).toBeCloseTo(1, 9);
    const r = out.results.polling!;
    expect(poll.values.kbpsDown).toBeCloseTo((r.bytes.wire.down * 8) / 1000 / 60 / 10, 9);
    expect(poll.values.serverRps).toBe(r.server.requestsPerSecond.mean);
    expect(poll.values.memory).toBe(r.server.memoryPeakBytes);
    // Fewer requests is cheaper: polling never wins requests per minute or the server's requests.
    expect(poll.cheapest.has('requestsPerMinute')).toBe(false);
    expect(sse.cheapest.has('requestsPerMinute')).toBe(true);
    expect(poll.cheapest.has('serverRps')).toBe(false);
  });

  it('the radio column only with a radio; the wait for a core only with cores', () => {
    const ids = (sets: [string, string][]) => costSheet(run(sets), TECHNIQUES).columns.map((c) => c.id);
    expect(ids([])).not.toContain('joulesPerHour');
    expect(ids([])).not.toContain('queueMs');
    expect(ids([['network.radio', 'wifi']])).toContain('joulesPerHour');
    expect(ids([['server.cores', '2']])).toContain('queueMs');
  });

  it('marks nobody where every technique costs the same (one connection each for the push techniques alone)', () => {
    const out = run();
    const push = ['sse', 'websocket', 'streaming'] as const;
    const sheet = costSheet(out, push);
    for (const r of sheet.rows) expect(r.cheapest.has('connections')).toBe(false);
  });

  it('with churn, per client means per client there on average (population.meanPresent)', () => {
    const out = simulate(resolveScenario({ clients: 20, durationMs: 30_000, churn: { arrivalsPerSecond: 1, meanSessionMs: 20_000 } }), ['polling'], { traceClients: 0 });
    const r = out.results.polling!;
    const row = costSheet(out, ['polling']).rows[0];
    expect(row.values.requestsPerMinute).toBeCloseTo(((r.requests / 30) * 60) / r.population!.meanPresent, 9);
  });
});
