// Validation against closed-form expectations: request counts, empty
// responses and latency of polling and long polling, latency of the push
// techniques, long-poll timeouts without updates. Each test derives its
// expectation in a comment and names its source; tolerances are justified
// from the statistics of the run (the seed is fixed, so a test is
// deterministic, but the tolerance must hold for any seed, not only this one).
// docs/validation.md lists them.
import { describe, expect, it } from 'vitest';
import { updateTimes, type TechniqueResult } from '../../src/sim';
import { digits, hexDigits, mean, packets, run, scenario, serUs, wireOf } from '../techniques/helpers';

const L = 50; // ms, default one-way latency
const R = 10000; // kbit/s, default link rate

/** Latencies (ms) of the updates received by traced clients, from the trace, keeping those generated at or after `from(client)`. */
function traceLatencies(r: TechniqueResult, from: (client: number) => number): number[] {
  const gen = r.trace!.updatesMs;
  const out: number[] = [];
  for (const p of packets(r)) {
    if (p.dir !== 'down' || p.arriveMs === null || p.arriveMs >= r.series.tMs.length * r.series.binMs) continue;
    for (const id of p.messages) if (gen[id - 1] >= from(p.client)) out.push(p.arriveMs - gen[id - 1]);
  }
  return out;
}

/** When client c's first request reached the server (before it, updates wait for the client to start). */
const firstRequestArrival = (r: TechniqueResult) => (c: number) =>
  packets(r).find((p) => p.client === c && p.dir === 'up' && p.kind !== 'tcp')!.arriveMs!;

describe('(a) short polling', () => {
  it('requests = clients · durationMs / intervalMs exactly, when the interval divides the duration', () => {
    // Client c polls at u_c + k·T for k ≥ 0 while < D, with its offset u_c
    // uniform in [0, T) (SPEC §1). Count = floor((D - u_c)/T) + 1 for u_c > 0;
    // with D = n·T that is (n - 1) + 1 = n whatever u_c. The first GET waits
    // one RTT for the TCP handshake but is still sent before D.
    for (const [T, D, clients] of [
      [1000, 20000, 5],
      [700, 14000, 3],
      [250, 5000, 2],
    ]) {
      const r = run('polling', { durationMs: D, clients, polling: { intervalMs: T }, server: { updateRateHz: 2 } }, 0);
      expect(r.requests).toBe((clients * D) / T);
      expect(r.series.requests.reduce((a, b) => a + b, 0)).toBe((clients * D) / T);
    }
  });

  it('setInterval alone (polling.firstRequest = afterInterval): one request fewer per client, the first in [T, 2T)', () => {
    // Polls at u_c + k·T for k ≥ 1 while < D: with D = n·T and 0 < u_c < T
    // that is n - 1 per client, the first at u_c + T.
    for (const [T, D, clients] of [
      [1000, 20000, 5],
      [700, 14000, 3],
    ]) {
      const r = run('polling', { durationMs: D, clients, polling: { intervalMs: T, firstRequest: 'afterInterval' }, server: { updateRateHz: 2 } }, clients);
      expect(r.requests).toBe(clients * (D / T - 1));
      for (let c = 0; c < clients; c++) {
        // A connection's SYN goes out with the first poll.
        const first = r.trace!.packets.find((p) => p.client === c && p.dir === 'up')!;
        expect(first.sendMs).toBeGreaterThanOrEqual(T);
        expect(first.sendMs).toBeLessThan(2 * T);
      }
    }
  });

  // One client, 3,600 polls at T = 1 s, Poisson updates at λ = 1/s.
  const T = 1000;
  const lambda = 1;
  const r = run('polling', { durationMs: 3600000, polling: { intervalMs: T }, server: { updateRateHz: lambda, updatePattern: 'poisson' } });

  it('empty-response fraction = e^{-λT} (Poisson process: P(no arrival in an interval of length T))', () => {
    // Consecutive polls reach the server exactly T apart (no jitter), so a
    // response is empty iff the Poisson feed has no arrival in a window of
    // length T: probability e^{-λT} (Poisson process, e.g. Ross, "Introduction
    // to Probability Models", §5.3). Disjoint windows are independent, so the
    // fraction over n = 3,600 polls has standard deviation
    // sqrt(p(1-p)/n) = 0.008; tolerance 0.03 ≈ 4σ.
    const expected = Math.exp(-lambda * (T / 1000));
    expect(r.responses).toBeGreaterThan(3590);
    expect(Math.abs(r.emptyResponses / r.responses - expected)).toBeLessThan(0.03);
  });

  it('mean latency = T/2 + one-way latency (+ answer serialization): uniform phase of an update in the poll cycle', () => {
    // An update generated at a uniform time relative to the poll grid (Poisson
    // arrivals see time averages: PASTA, Wolff 1982) waits a residual
    // uniform in [0, T) until the next poll reaches the server, then travels
    // down in the answer: L + its serialization (≥ 442 B at 10 Mbit/s = 0.35 ms).
    // Mean = T/2 + L + ~0.4 ms. The residual has sd T/√12 = 289 ms; over
    // ~3,600 samples the mean's sd is 4.8 ms: tolerance 20 ms ≈ 4σ. Updates
    // generated before the client's first poll reached the server are left out
    // (start-up transient, not the steady state the formula describes).
    const lat = traceLatencies(r, firstRequestArrival(r));
    expect(lat.length).toBeGreaterThan(3000);
    const expected = T / 2 + L + serUs(wireOf(300 + 2 + 100), R) / 1000;
    expect(Math.abs(mean(lat) - expected)).toBeLessThan(20);
    // The reported mean covers every update (start-up included): the same within 1%.
    expect(Math.abs(r.latencyMs.mean! - mean(lat)) / mean(lat)).toBeLessThan(0.01);
    // Bounds: never less than L + serialization, never more than T + L + a few ms.
    expect(Math.min(...lat)).toBeGreaterThanOrEqual(L);
    expect(Math.max(...lat)).toBeLessThan(T + L + 5);
  });
});

describe('(b) push techniques without loss or jitter: latency = one-way latency + serialization, exactly', () => {
  // An update generated while the stream is open and the downlink idle leaves
  // at once (SPEC §1: one event/frame/chunk per update) and its last byte
  // arrives after serialization of all its segments (bytes + 40 per segment,
  // ·8/R) plus the one-way latency. Wire sizes by the standards:
  //   WebSocket (RFC 6455 §5.2): 2-byte header for ≤125, 4 for ≤65535.
  //   Streaming (RFC 9112 §7.1): hex(size) CRLF data CRLF.
  //   SSE (WHATWG): "id: N\n" "data: " payload "\n" "\n", inside a chunk.
  // Tolerance: the link counts integer µs, rounding each segment's
  // transmission time (≤ 0.5 µs per segment), so ±1 µs per segment.
  const appBytes = {
    websocket: (_id: number, P: number) => P + (P <= 125 ? 2 : 4),
    streaming: (_id: number, P: number) => P + hexDigits(P) + 4,
    sse: (id: number, P: number) => {
      const ev = 4 + digits(id) + 1 + 6 + P + 1 + 1;
      return ev + hexDigits(ev) + 4;
    },
  } as const;
  const cases: [number, number, number][] = [
    // [latencyMs, bandwidthKbps, payloadBytes]
    [50, 10000, 100],
    [0, 1000, 10],
    [300, 100000, 1000],
    [20, 2000, 5000], // 4 segments
  ];
  for (const id of ['websocket', 'streaming', 'sse'] as const) {
    it.each(cases)(`${id}: latency %i ms, %i kbit/s, %i-byte updates`, (lat, kbps, P) => {
      const r = run(id, { durationMs: 12000, network: { latencyMs: lat, bandwidthKbps: kbps }, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: P } });
      const ps = packets(r);
      const openAt = ps.find((p) => p.dir === 'down' && (p.kind === 'response' || p.kind === 'handshake'))!.arriveMs!;
      const gen = r.trace!.updatesMs;
      let checked = 0;
      for (const p of ps.filter((q) => q.messages.length === 1)) {
        const n = p.messages[0];
        if (gen[n - 1] < openAt) continue; // queued before the stream was up
        const bytes = appBytes[id](n, P);
        const segs = Math.ceil(bytes / 1460);
        const expected = lat + serUs(wireOf(bytes), kbps) / 1000;
        expect(Math.abs(p.arriveMs! - gen[n - 1] - expected)).toBeLessThanOrEqual(segs * 0.001 + 1e-9);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(9);
    });
  }
});

describe('(c) long polling latency and requests', () => {
  // Renewal argument. After each answer leaves the server, no request is held
  // for g = 2L + s_answer + s_request (the answer travels down, the next GET
  // up). Updates generated in that gap (Poisson, mean x = λg) wait a residual
  // of mean g/2 and go in the immediate answer to the next GET; if none came
  // (probability e^{-x}) the GET is held and the next update goes at once.
  // Per cycle: x + e^{-x} updates; latency sum x·(g/2 + L + s) + e^{-x}·(L + s).
  //   mean latency = (x·(g/2 + L + s) + e^{-x}·(L + s)) / (x + e^{-x})
  // x → 0: L + s (the request is already waiting; RFC 6202 §2.2 "latency").
  // x → ∞: ~2L: an update mostly waits for a request to come back.
  const s1 = serUs(wireOf(300 + 2 + 100), R) / 1000; // one-update answer
  const g = 2 * L + s1 + serUs(wireOf(400), R) / 1000;
  const formula = (lambda: number) => {
    const x = (lambda * g) / 1000;
    return (x * (g / 2 + L + s1) + Math.exp(-x) * (L + s1)) / (x + Math.exp(-x));
  };

  it('small λ: latency ≈ one-way latency, one request per update', () => {
    const lambda = 0.2;
    const r = run('long-polling', { durationMs: 600000, server: { updateRateHz: lambda } });
    // Most updates find a held request: the median is exactly L + s1.
    expect(r.latencyMs.p50).toBeCloseTo(L + s1, 3);
    const lat = traceLatencies(r, firstRequestArrival(r));
    // x = 0.02: formula = L + s1 + ~1 ms. Samples n ≈ 120, sd of a sample ≈ 7 ms
    // (2% of them wait up to g): tolerance 3 ms.
    expect(Math.abs(mean(lat) - formula(lambda))).toBeLessThan(3);
    // Each answer triggers the next GET: requests = responses + 1 (one held at the end).
    expect(r.requests).toBe(r.responses + 1);
    // Updates per non-empty answer = x + e^{-x} = 1.0002 (two updates within g are rare).
    const nonEmpty = r.responses - r.emptyResponses;
    expect(r.messagesDelivered / nonEmpty).toBeGreaterThanOrEqual(1);
    expect(r.messagesDelivered / nonEmpty).toBeLessThan(1.02);
  });

  it('λ = 10/s (x ≈ 1): latency follows the renewal formula (≈ 87 ms), ~1.37 updates per answer', () => {
    const lambda = 10;
    const r = run('long-polling', { durationMs: 200000, server: { updateRateHz: lambda } });
    const lat = traceLatencies(r, firstRequestArrival(r));
    // n ≈ 2,000 samples spread over [L, L + g] (sd ≈ 29 ms): the mean's sd is
    // ≈ 0.7 ms (0.8%); answers with several updates serialize a little longer
    // (≤ 0.1 ms each). Tolerance 3% ≈ 4σ.
    expect(lat.length).toBeGreaterThan(1800);
    expect(Math.abs(mean(lat) / formula(lambda) - 1)).toBeLessThan(0.03);
    const x = (lambda * g) / 1000;
    // Updates per answer x + e^{-x}; over ~1,450 cycles with per-cycle sd ≈ 1.1,
    // the ratio's sd is ≈ 0.03 (2%): tolerance 6%.
    expect(Math.abs(r.messagesDelivered / r.responses / (x + Math.exp(-x)) - 1)).toBeLessThan(0.06);
  });

  it('λ large (x ≫ 1): latency → L + g/2 ≈ 2L = one round trip', () => {
    const lambda = 100;
    const r = run('long-polling', { durationMs: 30000, server: { updateRateHz: lambda } });
    const lat = traceLatencies(r, firstRequestArrival(r));
    // x ≈ 10: formula within 0.01% of L + g/2 + s1; batches of ~10 updates
    // serialize ~1 ms longer. n ≈ 3,000: sd of the mean ≈ 0.5 ms. Tolerance 3%.
    expect(Math.abs(mean(lat) / formula(lambda) - 1)).toBeLessThan(0.03);
    expect(mean(lat)).toBeGreaterThan(1.9 * L);
  });

  it('timeouts: the number of empty answers per update gap is e^{-λc}/(1 - e^{-λc}), c = timeout + one round trip', () => {
    // In an inter-update gap G the server times out at c, 2c, ... after the
    // last answer (each empty answer costs a round trip before the next GET
    // is held), so the gap holds floor(G/c) timeouts. With G ~ Exp(λ):
    // E[floor(G/c)] = Σ_{k≥1} P(G > kc) = q/(1 - q), q = e^{-λc}.
    const lambda = 0.5;
    const To = 1000;
    const c = To + 2 * L + (serUs(wireOf(302), R) + serUs(wireOf(400), R)) / 1000;
    const q = Math.exp((-lambda * c) / 1000);
    const r = run('long-polling', { durationMs: 3600000, server: { updateRateHz: lambda }, longPolling: { timeoutMs: To } }, 0);
    // Per gap: geometric, mean q/(1-q) = 1.36, variance q/(1-q)^2 = 3.2; over
    // n ≈ 1,800 gaps the ratio's sd is sqrt(3.2/1800) = 0.042 (3.1%).
    // Tolerance 12% ≈ 4σ.
    const perGap = r.emptyResponses / r.messagesGenerated;
    expect(Math.abs(perGap / (q / (1 - q)) - 1)).toBeLessThan(0.12);
  });
});

describe('(d) long polling without updates: requests ≈ duration / (timeout + RTT)', () => {
  it('each client sends one GET per (timeout + round trip), from its first', () => {
    // With no updates every GET is held timeoutMs then answered "[]"; the
    // answer (342 B on the wire) travels down and the next GET (440 B) up:
    // cycle = To + 2L + s_answer + s_request. GET k leaves at t0 + k·cycle,
    // t0 = start offset + handshake RTT, so count = floor((D - t0)/cycle) + 1.
    // Per client that is D/cycle within ±1 (t0 < 1.2 s < cycle).
    const To = 2000;
    const D = 60000;
    const clients = 4;
    const cycle = To + 2 * L + (serUs(wireOf(302), R) + serUs(wireOf(400), R)) / 1000;
    const r = run('long-polling', { durationMs: D, clients, server: { updateRateHz: 0 }, longPolling: { timeoutMs: To } }, clients);
    let exact = 0;
    for (let c = 0; c < clients; c++) {
      const t0 = packets(r).find((p) => p.client === c && p.kind === 'request')!.sendMs;
      exact += Math.floor((D - t0) / cycle) + 1;
    }
    expect(r.requests).toBe(exact);
    expect(Math.abs(r.requests - (clients * D) / cycle)).toBeLessThanOrEqual(clients);
    // Every answer is empty, one per timeout.
    expect(r.emptyResponses).toBe(r.responses);
    expect(r.responses).toBeGreaterThanOrEqual(r.requests - clients);
  });
});

describe('(h) the workload: feed rates and client start offsets', () => {
  it('the feed has the configured mean rate for every pattern', () => {
    // periodic: updates at k/λ for k ≥ 1 while < D: exactly ceil(λD) - 1 when λD is an integer.
    // poisson: count ~ Poisson(λD), sd √(λD); tolerance 4 sd.
    // bursty: bursts ~ Poisson(λD/b), each of b updates: sd b·√(λD/b); tolerance 4 sd.
    const D = 600000;
    const lambda = 2;
    const count = (pattern: string, extra: Record<string, unknown> = {}) =>
      updateTimes(scenario({ durationMs: D, server: { updateRateHz: lambda, updatePattern: pattern, ...extra } })).length;
    expect(count('periodic')).toBe(lambda * (D / 1000) - 1);
    const n = lambda * (D / 1000);
    expect(Math.abs(count('poisson') - n)).toBeLessThan(4 * Math.sqrt(n));
    const b = 5;
    expect(Math.abs(count('bursty', { burstSize: b, burstSpacingMs: 10 }) - n)).toBeLessThan(4 * b * Math.sqrt(n / b));
    // Poisson gaps: exponential, so the coefficient of variation is 1 (sd of the estimate ≈ 1/√n·…; tolerance 0.05).
    const t = updateTimes(scenario({ durationMs: D, server: { updateRateHz: lambda, updatePattern: 'poisson' } }));
    const gaps = Array.from(t.subarray(1), (x, i) => x - t[i]);
    const m = mean(gaps);
    const sd = Math.sqrt(mean(gaps.map((g) => (g - m) ** 2)));
    expect(Math.abs(sd / m - 1)).toBeLessThan(0.05);
    expect(Math.abs(m - 1e6 / lambda) / (1e6 / lambda)).toBeLessThan(0.05);
  });

  it('clients start at offsets uniform in [0, 1 s) (in [0, intervalMs) for polling): Kolmogorov-Smirnov at α = 0.01', () => {
    // SPEC §1. The offset is when the client machine leaves 'stopped'. The
    // KS statistic of n uniform samples exceeds 1.63/√n with probability 0.01.
    const n = 400;
    for (const [id, span] of [
      ['long-polling', 1000],
      ['polling', 300],
    ] as const) {
      const r = run(id, { durationMs: 1200, clients: n, server: { updateRateHz: 0 }, polling: { intervalMs: span } }, n);
      const starts = r.trace!.states.filter((s) => s.machine === 'client' && s.state !== 'stopped');
      const first = new Map<number, number>();
      for (const s of starts) if (!first.has(s.client)) first.set(s.client, s.tMs);
      expect(first.size).toBe(n);
      const u = [...first.values()].map((t) => t / span).sort((a, b) => a - b);
      expect(u[0]).toBeGreaterThanOrEqual(0);
      expect(u[n - 1]).toBeLessThan(1);
      let ks = 0;
      u.forEach((x, i) => (ks = Math.max(ks, (i + 1) / n - x, x - i / n)));
      expect(ks).toBeLessThan(1.63 / Math.sqrt(n));
    }
  });
});
