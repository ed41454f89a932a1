// A server down after its restart (faults.serverDownMs, issue 11): it
// refuses every connection (the SYN gets a reset), and each technique tries
// again by its own rule until it is back. Closed forms derived here, for a
// restart at T, down for D, latency L one way, no loss, cleartext (the 40-byte
// SYN and RST take 32 µs each on the 10 Mbit/s link: times within 0.5 ms):
//   - a client hears of the restart's cut at T + L; an attempt at time a is
//     refused when its SYN arrives before T + D (a + L < T + D), and the
//     client hears of the refusal at a + 2L;
//   - WebSocket with Socket.IO's backoff (base 1 s, doubling, cap 5 s, no
//     jitter): pauses of 1, 2, 4, 5 s; with D = 10 s, L = 50 ms the attempts
//     go at T + L + 1000, T + 3L + 3000, T + 5L + 7000 (refused) and
//     T + 7L + 12000 (open): 4 new connections per client;
//   - with growth 1 the pause stays 1 s: attempts every 1000 + 2L ms, and
//     the k-th is refused while 2L + 1000 + k(1000 + 2L) < D: 9 refused, the
//     10th opens;
//   - SSE (`retry` 3 s, no backoff): refused while 2L + 3000 + k(3000 + 2L)
//     < D: 3 refused, the 4th opens;
//   - long polling with no pause tries once a round trip: refused while
//     2L + k·2L < D, 99 times for D = 10 s, L = 50 ms (the naive loop that
//     hammers a server on its way back);
//   - polling: every poll in the window fails and the updates made meanwhile
//     wait for the first poll that gets through: nothing is lost, and the
//     oldest waits about D;
//   - the storm: no jitter, all N clients come back in the same microsecond.
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';

const N = 50;
const T = 20_000;
const D = 10_000;
const L = 50;
const base = { clients: N, durationMs: 60_000, network: { latencyMs: L }, faults: { serverRestartAtMs: T, serverDownMs: D } };

type Result = ReturnType<typeof run>;
/** Client 0's SYNs sent after the restart, and the resets it got. */
const synsAfter = (r: Result) => r.trace!.packets.filter((p) => p.kind === 'tcp' && p.dir === 'up' && p.label === 'SYN' && p.client === 0 && p.sendMs > T).map((p) => p.sendMs);
const resets = (r: Result) => r.trace!.packets.filter((p) => p.kind === 'tcp' && p.label === 'RST' && p.client === 0).length;
const nothingLost = (r: Result) => expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);

describe('a server down after its restart', () => {
  it("WebSocket: Socket.IO's backoff (1, 2, 4, then 5 s capped) until it is back", () => {
    const r = run('websocket', { ...base, websocket: { reconnectDelayMs: 1000, reconnectGrowth: 2, reconnectMaxDelayMs: 5000 } }, 1);
    const expected = [T + L + 1000, T + 3 * L + 3000, T + 5 * L + 7000, T + 7 * L + 12_000];
    const syns = synsAfter(r);
    expect(syns).toHaveLength(expected.length);
    syns.forEach((t, i) => expect(t, `attempt ${i}`).toBeCloseTo(expected[i], 0));
    expect(resets(r)).toBe(3);
    expect(r.connectionsOpened).toBe(N * 5);
    // No jitter: every client comes back in the same second.
    expect(r.server.peakConnectionsPerSecond).toBe(N);
    nothingLost(r);
  });

  it('WebSocket with growth 1: the same pause every time, so ten attempts', () => {
    const r = run('websocket', { ...base, websocket: { reconnectDelayMs: 1000, reconnectGrowth: 1 } }, 1);
    expect(resets(r)).toBe(9);
    expect(synsAfter(r)).toHaveLength(10);
    expect(r.connectionsOpened).toBe(N * 11);
  });

  it('the cap never shortens the base pause, and a connection that opens starts the backoff again', () => {
    // A cap under the base leaves the base: pauses of 3 s, as SSE's retry, give the same attempts as SSE's.
    const ws = run('websocket', { ...base, websocket: { reconnectDelayMs: 3000, reconnectMaxDelayMs: 1000 } }, 1);
    expect(synsAfter(ws)).toHaveLength(4);
    // Two restarts 20 s apart (20 s and 40 s): the second's first pause is the base again.
    const twice = run('websocket', { ...base, faults: { ...base.faults, serverRestartIntervalMs: 20_000 } }, 1);
    const syns = synsAfter(twice);
    expect(syns).toHaveLength(8);
    expect(syns[4]).toBeCloseTo(T + 20_000 + L + 1000, 0);
  });

  it("SSE: EventSource tries again after `retry` each time, with no backoff", () => {
    const r = run('sse', base, 1);
    const syns = synsAfter(r);
    expect(syns).toHaveLength(4);
    syns.forEach((t, k) => expect(t).toBeCloseTo(T + L + 3000 + k * (3000 + 2 * L), 0));
    expect(resets(r)).toBe(3);
    nothingLost(r);
  });

  it('SSE over HTTP/2: the same attempts (a refused HTTP/2 connection fails the streams waiting for it)', () => {
    const r = run('sse', { ...base, http: { version: '2' } }, 1);
    expect(synsAfter(r)).toHaveLength(4);
    expect(resets(r)).toBe(3);
    nothingLost(r);
  });

  it('long polling with no pause hammers the server once a round trip while it is down', () => {
    const r = run('long-polling', { ...base, clients: 5 }, 1);
    expect(resets(r)).toBeGreaterThanOrEqual(98);
    expect(resets(r)).toBeLessThanOrEqual(100);
    nothingLost(r);
  });

  it('polling: the polls of the window fail, the updates made meanwhile wait for the first that gets through', () => {
    const feed = { server: { updateRateHz: 1, updatePattern: 'periodic' } };
    const up = run('polling', { ...base, ...feed, clients: 5, faults: { serverRestartAtMs: 0 } });
    const down = run('polling', { ...base, ...feed, clients: 5 });
    nothingLost(down);
    expect(down.messagesDelivered).toBe(up.messagesDelivered);
    // About D/interval polls per client fail (they never reach the server: no request counted).
    expect(up.requests - down.requests).toBeGreaterThanOrEqual(5 * (D / 1000 - 1));
    expect(up.requests - down.requests).toBeLessThanOrEqual(5 * (D / 1000 + 1));
    // The update made just after the restart waits until the server is back, then for the next poll.
    expect(down.latencyMs.max).toBeGreaterThan(D - 1000);
    expect(down.latencyMs.max).toBeLessThan(D + 1000 + 4 * L);
    expect(up.latencyMs.max).toBeLessThan(1000 + 4 * L);
  });

  it('no downtime is the restart alone; a downtime without a restart does nothing', () => {
    const plain = run('sse', { ...base, faults: { serverRestartAtMs: T } });
    const zero = run('sse', { ...base, faults: { serverRestartAtMs: T, serverDownMs: 0 } });
    expect(JSON.stringify(zero)).toBe(JSON.stringify(plain));
    const never = run('sse', { ...base, faults: { serverRestartAtMs: 0, serverDownMs: D } });
    const none = run('sse', { ...base, faults: { serverRestartAtMs: 0 } });
    expect(JSON.stringify(never)).toBe(JSON.stringify(none));
  });
});
