// A server restart (faults.serverRestartAtMs, issue 11): every connection of
// every client drops at once, and each technique reconnects by its own rule.
// Closed forms derived here, latency L one way, no loss:
//   - SSE (Blink: `retry` 3 s, no jitter): every client hears of the cut at
//     T + L and opens its new connection at T + L + retry, all in the same
//     microsecond: the storm is N connections in one second;
//   - WebSocket with the page's pause d and no jitter: the same, at T + L + d;
//     with jitter j = 1 (full jitter) the openings spread uniformly over
//     [T + L, T + L + d): about N/d per second (d in seconds), so jitter
//     flattens the storm by d/1 s;
//   - nothing is lost: each update reaches each client once (SSE replays
//     from Last-Event-ID; a WebSocket resends from the last id it saw).
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';

const N = 400;
const T = 30_000;
const L = 50;
const base = { clients: N, durationMs: 60_000, network: { latencyMs: L }, faults: { serverRestartAtMs: T } };

/** Connections opened in bins that start at or after `fromMs` and before `toMs`. */
const openedBetween = (r: ReturnType<typeof run>, fromMs: number, toMs: number) =>
  r.series.tMs.reduce((n, t, i) => (t >= fromMs && t < toMs ? n + r.series.connectionsOpened[i] : n), 0);

describe('a server restart', () => {
  it('SSE: every client reconnects retry after hearing of the cut, all at once; nothing lost', () => {
    const r = run('sse', base, 2);
    expect(r.connectionsOpened).toBe(2 * N);
    expect(r.requests).toBe(2 * N);
    // The reconnections, one microsecond apart at most: N in the busiest second (the start's N openings are spread over the first second).
    expect(r.server.peakConnectionsPerSecond).toBe(N);
    const syns = r.trace!.packets.filter((p) => p.kind === 'tcp' && p.dir === 'up' && p.text.startsWith('SYN') && p.sendMs > T);
    expect(syns.map((p) => p.client)).toEqual([0, 1]);
    for (const p of syns) expect(p.sendMs).toBeCloseTo(T + L + 3000, 3);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
    expect(r.messagesPending).toBeLessThan(N); // only what is still on its way at the end
  });

  it('WebSocket without jitter: N connections in one second after the pause', () => {
    const r = run('websocket', { ...base, websocket: { reconnectDelayMs: 10_000, reconnectJitter: 0 } });
    expect(r.connectionsOpened).toBe(2 * N);
    expect(r.server.peakConnectionsPerSecond).toBe(N);
    expect(openedBetween(r, T + L + 10_000 - 250, T + L + 10_000 + 250)).toBe(N);
  });

  it('WebSocket with full jitter over 10 s: about N/10 a second, spread over the pause', () => {
    const r = run('websocket', { ...base, websocket: { reconnectDelayMs: 10_000, reconnectJitter: 1 } });
    expect(r.connectionsOpened).toBe(2 * N);
    // Every reconnection falls in [T + L, T + L + 10 s).
    expect(openedBetween(r, T, T + 10_500)).toBe(N);
    // Each second of the pause holds N/10 = 40 on average (binomial, sd about 6): no second holds more than twice that.
    // Whole seconds inside the pause (bins of 500 ms for a minute's run).
    expect(r.series.binMs).toBe(500);
    for (let s = 0; s < 9; s++) {
      const n = openedBetween(r, T + 1000 * s + 500, T + 1000 * s + 1500);
      expect(n, `second ${s}`).toBeGreaterThan(N / 10 / 2);
      expect(n, `second ${s}`).toBeLessThan((2 * N) / 10);
    }
    // The busiest second is the start (N within the first second), no longer the restart.
    const restartPeak = Math.max(...Array.from({ length: 21 }, (_, k) => openedBetween(r, T + 500 * k, T + 500 * k + 1000)));
    expect(restartPeak).toBeLessThan(N / 4);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });

  it('polling: the next poll opens a new connection; a restart after the end changes nothing', () => {
    const r = run('polling', { ...base, clients: 20 });
    expect(r.connectionsOpened).toBe(2 * 20);
    const none = run('polling', { ...base, clients: 20, faults: { serverRestartAtMs: 0 } });
    const after = run('polling', { ...base, clients: 20, faults: { serverRestartAtMs: 90_000 } });
    expect(JSON.stringify({ ...after, trace: undefined })).toBe(JSON.stringify({ ...none, trace: undefined }));
  });
});

describe('a recurring restart', () => {
  it('every 10 s from 15 s: SSE reopens once per restart before the end (15, 25, 35, 45, 55 s), each after retry', () => {
    const r = run('sse', { ...base, clients: 50, faults: { serverRestartAtMs: 15_000, serverRestartIntervalMs: 10_000 } }, 1);
    // Restarts at 15, 25, 35, 45, 55 s; the last one's reconnection (55 s + L + 3 s) is before the end too.
    expect(r.connectionsOpened).toBe(50 * 6);
    const syns = r.trace!.packets.filter((p) => p.kind === 'tcp' && p.dir === 'up' && p.text.startsWith('SYN')).map((p) => p.sendMs);
    expect(syns.slice(1).map((t) => Math.round(t - L - 3000))).toEqual([15_000, 25_000, 35_000, 45_000, 55_000]);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });
});
