// A buffering intermediary (proxy.buffering, SPEC §7: "holds response bytes
// until its buffer fills"): RFC 6202 §3.2 (an intermediary may buffer a
// streamed response, which breaks HTTP streaming); nginx buffers proxied
// responses by default (proxy_buffering on), which is why SSE servers send
// X-Accel-Buffering: no. Expectations derived here from that rule: the head
// passes at once, the body goes in writes that each bring the held bytes to
// at least B, the end of a response and a cut forward what is held.
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';
import type { TracePacket } from '../../src/sim';

const L = 50;
const B = 2000;
const body = (p: TracePacket) => p.dir === 'down' && p.kind !== 'tcp' && p.kind !== 'tls' && p.kind !== 'response';
const bytesOf = (ps: TracePacket[]) => ps.reduce((s, p) => s + p.header + p.framing + p.payload, 0);

/** The body's packets grouped by the write that forwarded them (same arrival), in order. */
function writes(packets: TracePacket[]): TracePacket[][] {
  const groups = new Map<number, TracePacket[]>();
  for (const p of packets.filter(body)) {
    if (p.arriveMs === null) continue;
    const g = groups.get(p.arriveMs) ?? [];
    g.push(p);
    groups.set(p.arriveMs, g);
  }
  return [...groups.values()];
}

describe('a buffering intermediary', () => {
  for (const id of ['sse', 'streaming'] as const) {
    it(`${id}: the head passes at once; each forward brings the held body to at least ${B} B, one packet less would not`, () => {
      const r = run(id, { durationMs: 60_000, network: { latencyMs: L }, server: { updateRateHz: 2, updatePattern: 'periodic', payloadBytes: 150 }, proxy: { buffering: B } }, 1);
      const ps = r.trace!.packets;
      const head = ps.find((p) => p.kind === 'response')!;
      expect(head.arriveMs! - head.sendMs).toBeLessThan(L + 1);
      const ws = writes(ps);
      // About 120 updates of ~170 B each: a forward per ~12 of them.
      expect(ws.length).toBeGreaterThanOrEqual(8);
      for (const w of ws) {
        expect(bytesOf(w)).toBeGreaterThanOrEqual(B);
        expect(bytesOf(w.slice(0, -1))).toBeLessThan(B);
      }
      // Held updates wait for the buffer: latency well above one way's 50 ms.
      expect(r.latencyMs.p50!).toBeGreaterThan(1000);
      // What is still held at the end has left the server and not arrived: in flight.
      expect(r.pending.inFlight).toBe(ps.filter((p) => body(p) && p.arriveMs === null).reduce((s, p) => s + p.messages.length, 0));
    });
  }

  it('SSE heartbeats fill the buffer too, and keep the intermediary from cutting the stream', () => {
    const r = run('sse', { durationMs: 300_000, server: { updateRateHz: 0 }, sse: { heartbeatMs: 5000 }, proxy: { buffering: 200, idleTimeoutMs: 60_000 } }, 1);
    expect(r.connectionsOpened).toBe(1);
    // ": keep-alive" in its chunk is 19 bytes: 11 of them reach 200 B, so forwards come every 55 s.
    const ws = writes(r.trace!.packets);
    expect(ws.length).toBe(Math.floor(300_000 / 5000 / 11));
    for (const w of ws) expect(w).toHaveLength(11);
  });

  it('the end of a stream (sse.eventsPerStream) forwards what is held with its last chunk', () => {
    const r = run('sse', { durationMs: 30_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, sse: { eventsPerStream: 5 }, proxy: { buffering: 1_000_000 } }, 1);
    const ends = r.trace!.packets.filter((p) => p.kind === 'chunk' && p.framing === 5 && p.payload === 0);
    expect(ends.length).toBeGreaterThanOrEqual(3);
    for (const w of writes(r.trace!.packets)) {
      // Every forward is a whole stream: five events and the last chunk.
      expect(w.filter((p) => p.kind === 'event')).toHaveLength(5);
      expect(w.at(-1)!.payload).toBe(0);
    }
  });

  it('a cut forwards what is held before the FIN: nothing the server sent is lost', () => {
    const r = run('sse', { durationMs: 60_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, proxy: { buffering: 1_000_000, lifetimeMs: 10_000 } }, 1);
    expect(r.connectionsOpened).toBeGreaterThan(3);
    // Each stream's events arrive together, just before the client hears of the cut.
    const ws = writes(r.trace!.packets);
    expect(ws.length).toBeGreaterThanOrEqual(4);
    // Every event of a stream that was cut arrived; only the last, open stream's are still held.
    const events = r.trace!.packets.filter((p) => p.kind === 'event');
    const lastConn = Math.max(...events.map((p) => p.conn));
    const early = events.filter((p) => p.conn !== lastConn);
    expect(early.length).toBeGreaterThan(20);
    for (const e of early) expect(e.arriveMs, e.label).not.toBeNull();
    expect(r.messagesGenerated).toBe(r.messagesDelivered + r.messagesPending);
  });

  it('whole responses (polling, long polling) and WebSocket (a tunnel) pass as before, byte for byte', () => {
    for (const id of ['polling', 'long-polling', 'websocket'] as const) {
      const base = { durationMs: 20_000, server: { updateRateHz: 1 }, websocket: { pingIntervalMs: 3000 } };
      const plain = run(id, base, 1);
      const buffered = run(id, { ...base, proxy: { buffering: 500 } }, 1);
      expect(buffered, id).toEqual(plain);
    }
  });
});
