// Client churn (churn.arrivalsPerSecond λ, churn.meanSessionMs S; issue 11):
// clients arrive as a Poisson process and stay an exponential time. That is
// an M/M/∞ queue, whose closed forms are textbook (e.g. Kleinrock, Queueing
// Systems I, §3.7; Little's law L = λW):
//   - arrivals over T: Poisson with mean λT (sd √(λT));
//   - starting from N = λS clients (the steady state), the expected crowd
//     stays λS at every moment; its time average over T has sd about
//     √(λS · 2S / T) (the crowd is Poisson(λS), correlated over S);
//   - departures over T: about (crowd / S) · T;
//   - polling every P: requests = client-seconds / P, whoever is there;
//   - each client gets the updates made while it is there: generated =
//     client-seconds × the feed's rate;
//   - SSE: one connection per client that got to open it; those open at the
//     end are the clients still there.
// Tolerances: 4 sd where a distribution is known, else stated.
import { describe, expect, it } from 'vitest';
import { population, resolveScenario } from '../../src/sim';
import { run } from '../techniques/helpers';

const LAMBDA = 10;
const S = 20_000;
const T = 60_000;
const N = (LAMBDA * S) / 1000;
const base = { clients: N, durationMs: T, churn: { arrivalsPerSecond: LAMBDA, meanSessionMs: S } };

describe('clients arriving and leaving (M/M/∞)', () => {
  const sse = run('sse', base, 1);
  const pop = sse.population!;

  it('arrivals, the crowd and departures follow the closed forms', () => {
    const arrivals = (LAMBDA * T) / 1000;
    expect(pop.initial).toBe(N);
    expect(Math.abs(pop.arrived - arrivals)).toBeLessThan(4 * Math.sqrt(arrivals));
    expect(Math.abs(pop.meanPresent - N)).toBeLessThan(4 * Math.sqrt((N * 2 * S) / T));
    const departures = (pop.meanPresent / (S / 1000)) * (T / 1000);
    expect(Math.abs(pop.left - departures)).toBeLessThan(4 * Math.sqrt(departures));
  });

  it('SSE: a connection per client; those open at the end are the clients still there; nothing lost', () => {
    const total = pop.initial + pop.arrived;
    // A client that leaves within a round trip of arriving never opens its connection (a few, at most).
    expect(sse.connectionsOpened).toBeLessThanOrEqual(total);
    expect(sse.connectionsOpened).toBeGreaterThan(total - 10);
    const stillThere = total - pop.left;
    expect(Math.abs(sse.series.openConnections.at(-1)! - stillThere)).toBeLessThanOrEqual(3);
    expect(sse.messagesDelivered + sse.messagesPending).toBe(sse.messagesGenerated);
    // Each client is owed the updates made while it is there.
    const feedRate = sse.trace!.updatesMs.length / (T / 1000);
    const clientSeconds = pop.meanPresent * (T / 1000);
    expect(sse.messagesGenerated / (feedRate * clientSeconds)).toBeGreaterThan(0.85);
    expect(sse.messagesGenerated / (feedRate * clientSeconds)).toBeLessThan(1.15);
  });

  it('a client that leaves closes its connection then (FIN), and nothing of it happens after', () => {
    const s = resolveScenario(base);
    const leaveMs = population(s).leaveUs(0) / 1000;
    expect(leaveMs).toBeLessThan(T); // seed 1: client 0 leaves within the run (mean stay 20 s)
    const mine = sse.trace!.packets.filter((p) => p.client === 0);
    const fin = mine.find((p) => p.label === 'FIN' && p.dir === 'up');
    expect(fin?.sendMs).toBeCloseTo(leaveMs, 3);
    // Only the close's own segments (FIN, FIN-ACK) are sent from then on.
    expect(mine.filter((p) => p.sendMs > leaveMs && p.kind !== 'tcp')).toEqual([]);
  });

  it('polling: one request per client-second at a 1 s interval, whoever is there', () => {
    const r = run('polling', base, 0);
    const clientSeconds = r.population!.meanPresent * (T / 1000);
    expect(Math.abs(r.requests / clientSeconds - 1)).toBeLessThan(0.03);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });

  it('the population depends on the seed alone: the same for every technique and with a shared server', () => {
    const shared = run('long-polling', { ...base, clients: 50, churn: { arrivalsPerSecond: 2, meanSessionMs: S }, server: { cores: 2 } }, 0);
    const alone = run('long-polling', { ...base, clients: 50, churn: { arrivalsPerSecond: 2, meanSessionMs: S } }, 0);
    expect(shared.population).toEqual(alone.population);
    expect(shared.messagesDelivered + shared.messagesPending).toBe(shared.messagesGenerated);
  });

  it('stays longer than the run change nothing but add the population', () => {
    const plain = run('websocket', { clients: 20, durationMs: T }, 1);
    const forever = run('websocket', { clients: 20, durationMs: T, churn: { meanSessionMs: 86_400_000 } }, 1);
    // An exponential stay of mean 24 h is past a minute for all 20 clients at seed 1 (each with probability 0.9993).
    expect(forever.population!.left).toBe(0);
    expect(JSON.stringify({ ...forever, population: undefined })).toBe(JSON.stringify(plain));
  });
});
