// A connection's TCP paths are freed when its life ends (src/sim/run/
// connection.ts `ended`, src/sim/net/tcp.ts), so that clients that share
// the server's cores (all alive at once) hold the paths of the connections
// they have, not of every one they ever made. Counted here from outside,
// by watching the table's opens and closes:
//   - polling through an intermediary that cuts every connection after its
//     lifetime: each cut connection's notice ends it, and its replacement
//     opens only at the next poll, so a client has at most two connections
//     at a time (the one cut, until its notice, and the next);
//   - clients that leave (churn, no arrivals): the connections of those gone
//     all let go (their notices and FINs were dropped with them), so what is
//     held at the end is at most the connections of the clients still there;
//   - a path is never sent on once freed (the table throws: the runs finish).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Paths } from '../../src/sim/net/tcp';
import { resolveScenario, runTechnique, type TechniqueId } from '../../src/sim';

/** Run with the table watched: paths opened in all, the most held at once, and those held at the end. */
function watched(id: TechniqueId, set: Record<string, unknown>) {
  let held = 0;
  let peak = 0;
  let opened = 0;
  const open = Paths.prototype.open;
  const close = Paths.prototype.close;
  const reset = Paths.prototype.reset;
  vi.spyOn(Paths.prototype, 'open').mockImplementation(function (this: Paths, l, rng) {
    opened++;
    peak = Math.max(peak, ++held);
    return open.call(this, l, rng);
  });
  vi.spyOn(Paths.prototype, 'close').mockImplementation(function (this: Paths, s) {
    held--;
    close.call(this, s);
  });
  vi.spyOn(Paths.prototype, 'reset').mockImplementation(function (this: Paths) {
    held = 0;
    reset.call(this);
  });
  const result = runTechnique(resolveScenario(set), id, { traceClients: 0 });
  if (process.env.SHOW) console.log(id, { opened, peak, held, connections: result.connectionsOpened, left: result.population?.left });
  return { result, opened, peak, held };
}

afterEach(() => vi.restoreAllMocks());

const CLIENTS = 50;

describe("a connection's paths are freed when its life ends (clients sharing the server's cores)", () => {
  it('polling cut every 2 s by a proxy: some 30 connections per client made, at most 2 held at once each', () => {
    const w = watched('polling', { clients: CLIENTS, durationMs: 60_000, server: { cores: 2 }, proxy: { lifetimeMs: 2000 } });
    // Each client's connections live 2 s of the 60 (about 30 each); two paths per connection.
    expect(w.result.connectionsOpened).toBeGreaterThan(20 * CLIENTS);
    expect(w.opened).toBe(2 * w.result.connectionsOpened);
    expect(w.peak).toBeLessThanOrEqual(2 * 2 * CLIENTS);
    // At the end, each client holds its one connection of the moment, or two (one cut, its notice on the way).
    expect(w.held).toBeGreaterThanOrEqual(2 * CLIENTS);
    expect(w.held).toBeLessThanOrEqual(2 * 2 * CLIENTS);
  });

  it.each<TechniqueId>(['polling', 'long-polling', 'sse', 'websocket', 'streaming'])('%s: clients that leave let go of every path, over HTTP/1.1 with TLS and cuts', (id) => {
    const w = watched(id, {
      clients: CLIENTS,
      durationMs: 40_000,
      server: { cores: 1, updateRateHz: 2 },
      tls: { version: '1.3' },
      proxy: { lifetimeMs: 1500 },
      faults: { disconnectIntervalMs: 4000 },
      churn: { arrivalsPerSecond: 0, meanSessionMs: 6000 },
      // Streaming's media case has a table of its own, with a connection the run never closes.
      streaming: { mediaBytes: 0 },
    });
    const stillThere = CLIENTS - w.result.population!.left;
    // Mean stay 6 s of 40: nearly everyone has gone (each stays with odds e^-6.7); a connection lives 1.5 s, so most made more than one (SSE waits its retry before each new one).
    expect(w.result.population!.left).toBeGreaterThan(CLIENTS - 3);
    expect(w.opened).toBeGreaterThan(2 * 1.5 * CLIENTS);
    // What is held at the end: paths of the clients still there only (a few connections each, with their FINs' chains).
    expect(w.held).toBeLessThanOrEqual(2 * 8 * stillThere);
  });

  it('HTTP/2 with churn, loss and faults: the one connection per client and its replacements let go too', () => {
    const w = watched('long-polling', {
      clients: CLIENTS,
      durationMs: 30_000,
      http: { version: '2' },
      server: { cores: 2, updateRateHz: 1 },
      network: { lossRate: 0.03, jitterMs: 10 },
      faults: { disconnectIntervalMs: 2000 },
      churn: { arrivalsPerSecond: 0, meanSessionMs: 4000 },
    });
    const stillThere = CLIENTS - w.result.population!.left;
    expect(w.opened).toBeGreaterThan(2 * CLIENTS);
    expect(w.held).toBeLessThanOrEqual(2 * 2 * stillThere);
  });
});
