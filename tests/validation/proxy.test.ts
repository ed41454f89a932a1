// An intermediary on the path (proxy.idleTimeoutMs, proxy.lifetimeMs) and
// what keeps connections alive through it (sse.heartbeatMs,
// websocket.pingIntervalMs). Sources: shared/REFERENCES.md, "Intermediary
// idle timeouts" (nginx proxy_read_timeout 60 s; "a 30 s long poll behind a
// 30 s gateway errors every time"), the HTML spec's SSE comment line;
// closed forms derived here from the link model (latency L one way, a new
// connection SYN, SYN-ACK, then the request).
import { describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/sim';
import { run } from '../techniques/helpers';

const D = 600_000;
const L = 50;
const quiet = { durationMs: D, server: { updateRateHz: 0 } };

describe('idle timeout', () => {
  it('SSE with no updates: one request per cycle of timeout + notice + retry + reconnect', () => {
    const T = 60_000;
    const R = 3000;
    const r = run('sse', { ...quiet, proxy: { idleTimeoutMs: T }, sse: { retryMs: R } }, 0);
    // Cut T after the response head left the server; the client hears of it
    // L later, waits R, then SYN (L), SYN-ACK (L), GET (L): the next head
    // leaves T + R + 4L (+ under 1 ms of serialization) after the last.
    const cycle = T + R + 4 * L;
    const first = 3 * L; // the first head, after the client's start in [0, 1 s)
    const expected = 1 + Math.floor((D - first) / cycle);
    expect(Math.abs(r.requests - expected)).toBeLessThanOrEqual(1);
    expect(r.connectionsOpened).toBe(r.requests);
  });

  it('SSE with no updates, cycle by cycle: each response head leaves T + retry + 4L after the last, for several retries', () => {
    // The count above cannot tell a cycle with the retry from one without it
    // (600 s / 60 s gives 10 either way): the trace's head times can.
    const T = 20_000;
    for (const R of [0, 3000, 6000]) {
      const r = run('sse', { durationMs: 120_000, server: { updateRateHz: 0 }, proxy: { idleTimeoutMs: T }, sse: { retryMs: R } }, 1);
      const heads = r.trace!.packets.filter((p) => p.dir === 'down' && p.kind === 'response').map((p) => p.sendMs);
      expect(heads.length, `retry ${R}`).toBeGreaterThanOrEqual(4);
      // Under 1 ms of serialization per cycle at 10,000 kbit/s.
      for (let i = 1; i < heads.length; i++) expect(Math.abs(heads[i] - heads[i - 1] - (T + R + 4 * L)), `retry ${R}, cycle ${i}`).toBeLessThan(1);
    }
  });

  it('a heartbeat shorter than the timeout keeps the stream: one request, a comment chunk per heartbeat', () => {
    const H = 15_000;
    const r = run('sse', { ...quiet, proxy: { idleTimeoutMs: 60_000 }, sse: { heartbeatMs: H } }, 1);
    expect(r.requests).toBe(1);
    expect(r.connectionsOpened).toBe(1);
    // ": keep-alive\n\n" is 14 bytes, in a chunk "e\r\n" ... "\r\n" (RFC 9112 §7.1): 19 bytes of framing each.
    const beats = r.trace!.packets.filter((p) => p.label === ': keep-alive');
    expect(beats.length).toBeGreaterThanOrEqual(Math.floor(D / H) - 2);
    for (const b of beats) {
      expect(b.framing).toBe(19);
      expect(b.text).toBe('e\r\n: keep-alive\n\n\r\n');
    }
    const retryChunk = '\r\n'.length * 2 + 1 + 'retry: 3000\n\n'.length; // "d\r\n" + 13 + "\r\n"
    expect(r.bytes.down.framing).toBe(retryChunk + 19 * beats.length);
    // Heartbeat bytes per hour (application bytes): 3600 s / 15 s × 19 B = 4,560 B, less the beat the hour's end cuts off.
    const hour = run('sse', { durationMs: 3_600_000, server: { updateRateHz: 0 }, sse: { heartbeatMs: H } }, 0);
    const beatBytes = hour.bytes.down.framing - retryChunk;
    expect(beatBytes).toBeLessThanOrEqual(4560);
    expect(beatBytes).toBeGreaterThanOrEqual(4560 - 19);
    expect(beatBytes % 19).toBe(0);
  });

  it('a 30 s long poll behind a 30 s proxy fails every time; at 30.001 s every hold ends in an empty answer', () => {
    const cut = run('long-polling', { ...quiet, longPolling: { timeoutMs: 30_000 }, proxy: { idleTimeoutMs: 30_000 } }, 0);
    expect(cut.responses).toBe(0);
    expect(cut.connectionsOpened).toBe(cut.requests);
    expect(cut.requests).toBeGreaterThanOrEqual(19);
    const ok = run('long-polling', { ...quiet, longPolling: { timeoutMs: 30_000 }, proxy: { idleTimeoutMs: 30_001 } }, 0);
    expect(ok.connectionsOpened).toBe(1);
    expect(ok.emptyResponses).toBe(ok.responses);
    expect(ok.requests).toBe(ok.responses + 1);
  });

  it('WebSocket pings under the timeout keep one connection; without them it reconnects every cycle', () => {
    const T = 60_000;
    const kept = run('websocket', { ...quiet, proxy: { idleTimeoutMs: T }, websocket: { pingIntervalMs: 25_000 } }, 0);
    expect(kept.connectionsOpened).toBe(1);
    const cut = run('websocket', { ...quiet, proxy: { idleTimeoutMs: T }, websocket: { reconnectDelayMs: 1000 } }, 0);
    // 101 leaves, T later the cut, L to hear of it, 1 s, then SYN, SYN-ACK, upgrade request: T + 1 s + 4L.
    const expected = 1 + Math.floor((D - 3 * L) / (T + 1000 + 4 * L));
    expect(Math.abs(cut.connectionsOpened - expected)).toBeLessThanOrEqual(1);
    // Cycle by cycle: each 101 leaves T + 1 s + 4L after the last (under 1 ms of serialization).
    const traced = run('websocket', { durationMs: 200_000, server: { updateRateHz: 0 }, proxy: { idleTimeoutMs: T }, websocket: { reconnectDelayMs: 1000 } }, 1);
    const accepts = traced.trace!.packets.filter((p) => p.dir === 'down' && p.kind === 'handshake').map((p) => p.sendMs);
    expect(accepts.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < accepts.length; i++) expect(Math.abs(accepts[i] - accepts[i - 1] - (T + 1000 + 4 * L))).toBeLessThan(1);
  });

  it('polling slower than the timeout opens a connection per poll; faster keeps one', () => {
    const slow = run('polling', { ...quiet, polling: { intervalMs: 70_000 }, proxy: { idleTimeoutMs: 60_000 } }, 0);
    expect(slow.connectionsOpened).toBe(slow.requests);
    const fast = run('polling', { ...quiet, polling: { intervalMs: 50_000 }, proxy: { idleTimeoutMs: 60_000 } }, 0);
    expect(fast.connectionsOpened).toBe(1);
  });
});

describe('connection lifetime', () => {
  it('cuts a busy WebSocket every lifetime: about D / (lifetime + reconnect + handshake) connections', () => {
    const life = 30_000;
    const r = run('websocket', { durationMs: D, server: { updateRateHz: 1 }, proxy: { lifetimeMs: life }, websocket: { reconnectDelayMs: 1000 } }, 0);
    const expected = 1 + Math.floor((D - 3 * L) / (life + 1000 + 4 * L));
    expect(Math.abs(r.connectionsOpened - expected)).toBeLessThanOrEqual(1);
    // Nothing lost: every update is delivered or pending.
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });

  it('polls on a connection cut mid-exchange: an answer already sent arrives, a request not yet there is lost, nothing of the feed is', () => {
    const r = run('polling', { durationMs: 60_000, server: { updateRateHz: 2 }, polling: { intervalMs: 500 }, network: { latencyMs: 200 }, proxy: { lifetimeMs: 1000 } }, 0);
    // About one connection a second (each lives 1 s, polls overlap on up to 6).
    expect(r.connectionsOpened).toBeGreaterThan(40);
    expect(r.responses).toBeLessThanOrEqual(r.requests);
    // The fixed-rate timer still polls about every 500 ms (120 ticks in the minute).
    expect(r.requests).toBeGreaterThanOrEqual(115);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });
});

describe('an intermediary that never fires changes nothing', () => {
  it('with timeouts longer than the run, every technique gives the same results as no intermediary', () => {
    const base = { durationMs: 20_000, clients: 3, server: { updateRateHz: 1 }, client: { sendRateHz: 0.5 } };
    for (const id of TECHNIQUES) {
      const without = run(id, base, 1);
      const withProxy = run(id, { ...base, proxy: { idleTimeoutMs: 3_600_000, lifetimeMs: 3_600_000 } }, 1);
      expect(JSON.stringify(withProxy), id).toBe(JSON.stringify(without));
    }
  });
});

describe('first-byte timeout (Heroku\'s router: 30 s to the first byte of an answer, H12; shared/REFERENCES.md)', () => {
  it('a long poll held 30 s is cut every time: one request per T + 4L (cut, notice L, SYN, SYN-ACK, GET); held 25 s, never', () => {
    const T = 30_000;
    const cut = run('long-polling', { ...quiet, longPolling: { timeoutMs: 30_000 }, proxy: { firstByteTimeoutMs: T } }, 1);
    expect(cut.responses).toBe(0);
    expect(cut.connectionsOpened).toBe(cut.requests);
    // The request arrives, T later the cut; the client hears of it L later and opens a new connection at once.
    const sends = cut.trace!.packets.filter((p) => p.dir === 'up' && p.kind === 'request').map((p) => p.sendMs);
    for (let i = 1; i < sends.length; i++) expect(Math.abs(sends[i] - sends[i - 1] - (T + 4 * L))).toBeLessThan(1);
    expect(Math.abs(cut.requests - (1 + Math.floor((D - 3 * L) / (T + 4 * L))))).toBeLessThanOrEqual(1);
    const ok = run('long-polling', { ...quiet, longPolling: { timeoutMs: 25_000 }, proxy: { firstByteTimeoutMs: T } }, 0);
    expect(ok.connectionsOpened).toBe(1);
    expect(ok.requests).toBe(ok.responses + 1);
  });

  it('an answer that starts in time is never cut, however long it lasts: SSE, streaming, a WebSocket; polling too', () => {
    for (const id of ['sse', 'streaming', 'websocket', 'polling'] as const) {
      const r = run(id, { ...quiet, proxy: { firstByteTimeoutMs: 1000 } }, 0);
      expect(r.connectionsOpened, id).toBe(1);
      expect(r.requests, id).toBe(id === 'polling' ? D / 1000 : 1);
    }
  });
});
