// An intermediary that refuses the WebSocket Upgrade (proxy.websocket
// refuses) and the fallback libraries make (websocket.fallbackMs; Socket.IO's
// upgradeTimeout is 10 s, shared/REFERENCES.md "Library defaults"): the
// handshake never reaches the server, so no 101 comes; fallbackMs after it
// left, the page closes that connection and long-polls on a new one, so
// from then on the run is long polling's: each answer carries what waited,
// the updates made meanwhile arrive in the first answer. With fallback 0 the
// page waits for ever and nothing is delivered.
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';

const refused = { durationMs: 60_000, proxy: { websocket: 'refuses' }, server: { updatePattern: 'periodic', updateRateHz: 1 } };

describe('a proxy that refuses the WebSocket upgrade', () => {
  it('no 101; fallbackMs after the handshake a long poll leaves on a new connection, and carries the updates made meanwhile', () => {
    const r = run('websocket', refused);
    const ps = r.trace!.packets;
    const handshake = ps.find((p) => p.kind === 'handshake' && p.dir === 'up')!;
    expect(ps.filter((p) => p.kind === 'handshake' && p.dir === 'down')).toEqual([]);
    const polls = ps.filter((p) => p.dir === 'up' && p.kind === 'request');
    expect(polls[0].label).toMatch(/^GET \/poll/);
    expect(polls[0].conn).not.toBe(handshake.conn);
    // Its connection opens at the fallback (SYN, SYN-ACK: one round trip of 2 × 50 ms and two 40-byte serializations), then the GET.
    const syn = ps.find((p) => p.conn === polls[0].conn && p.label === 'SYN')!;
    expect(syn.sendMs).toBeCloseTo(handshake.sendMs + 10_000, 6);
    expect(Math.abs(polls[0].sendMs - syn.sendMs - 100)).toBeLessThan(0.1);
    // Updates at 1, 2, ... s: those made before the first long poll arrives ride in its answer.
    const first = ps.find((p) => p.dir === 'down' && p.kind === 'response')!;
    const made = r.trace!.updatesMs.filter((t) => t <= polls[0].arriveMs!).length;
    expect(first.messages.length).toBe(made);
    expect(made).toBeGreaterThanOrEqual(9);
    expect(r.requests).toBe(polls.length + 1);
    expect(r.connectionsOpened).toBe(2);
    // The WebSocket's own machine ends when the page gives up on it, then the long-polling machine runs.
    const client = r.trace!.states.filter((st) => st.machine === 'client').map((st) => st.state);
    expect(client.slice(0, 4)).toEqual(['stopped', 'connecting', 'gaveUp', 'stopped']);
    expect(client[4]).toBe('waiting');
    expect(r.messagesGenerated).toBe(r.messagesDelivered + r.messagesPending);
  });

  it('after the fallback the bytes are long polling’s: the same requests as a long-polling run, plus the one handshake', () => {
    const ws = run('websocket', refused);
    const lp = run('long-polling', refused);
    // Long polling at 1 update/s: one request per update plus the one held at the end, whenever it starts.
    expect(ws.requests - 1).toBeGreaterThanOrEqual(lp.requests - 10);
    expect(ws.requests - 1).toBeLessThanOrEqual(lp.requests);
    expect(ws.latencyMs.p50!).toBeCloseTo(lp.latencyMs.p50!, 0);
  });

  it('fallback 0: the page waits for ever; nothing is delivered', () => {
    const r = run('websocket', { ...refused, websocket: { fallbackMs: 0 } });
    expect(r.requests).toBe(1);
    expect(r.messagesDelivered).toBe(0);
    expect(r.messagesPending).toBe(r.messagesGenerated);
  });

  it('an intermediary that passes it changes nothing', () => {
    const a = run('websocket', { ...refused, proxy: { websocket: 'passes' } });
    const b = run('websocket', { durationMs: 60_000, server: refused.server });
    expect(a.bytes).toEqual(b.bytes);
    expect(a.requests).toBe(1);
  });
});
