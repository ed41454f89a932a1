// A server that ends its event stream cleanly (sse.eventsPerStream,
// sse.streamLifetimeMs). Sources: RFC 9112 §7.1 (the last chunk "0" CRLF
// CRLF ends a chunked body; the connection stays open, §9.3 persistence);
// WHATWG HTML §9.2 (when the response ends the user agent reestablishes the
// connection after the reconnection time, sending Last-Event-ID);
// shared/REFERENCES.md (Chromium waited `retry` (+1 RTT) and reused the same
// keep-alive connection, with Last-Event-ID).
import { describe, expect, it } from 'vitest';
import { packets, run } from './helpers';

describe('SSE: the server ends the stream', () => {
  const N = 4;
  const R = 3000;
  const r = run('sse', { durationMs: 60_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, sse: { eventsPerStream: N, retryMs: R } });
  const ps = packets(r);
  const gets = ps.filter((p) => p.kind === 'request' && p.label.startsWith('GET'));
  const ends = ps.filter((p) => p.kind === 'chunk');

  it('after N events: the last chunk, on the one keep-alive connection', () => {
    expect(ends.length).toBeGreaterThan(5);
    for (const e of ends) {
      expect(e.text).toBe('0\r\n\r\n');
      expect(e.framing).toBe(5);
    }
    expect(r.connectionsOpened).toBe(1);
    expect(new Set(ps.map((p) => p.conn))).toEqual(new Set([0]));
    // Each stream (between one GET and the next) carries exactly N events, the last one maybe fewer.
    for (let k = 0; k + 1 < gets.length; k++) {
      const events = ps.filter((p) => p.kind === 'event' && p.sendMs > gets[k].sendMs && p.sendMs < gets[k + 1].sendMs);
      expect(events).toHaveLength(N);
    }
  });

  it('the browser reconnects retry after the end arrives, with the last id it saw; nothing lost or repeated', () => {
    expect(gets.length).toBe(ends.length + 1);
    for (let k = 0; k < ends.length; k++) {
      expect(gets[k + 1].sendMs).toBeCloseTo(ends[k].arriveMs! + R, 3);
      expect(gets[k + 1].text).toContain(`\r\nLast-Event-ID: ${N * (k + 1)}\r\n`);
    }
    const ids = ps.filter((p) => p.kind === 'event').flatMap((p) => p.messages);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });

  it('a stream lifetime L: each stream ends L after its head left the server', () => {
    const L = 10_000;
    const q = run('sse', { durationMs: 60_000, server: { updateRateHz: 0.5 }, sse: { streamLifetimeMs: L } });
    const qs = packets(q);
    const heads = qs.filter((p) => p.kind === 'response');
    const qEnds = qs.filter((p) => p.kind === 'chunk');
    expect(qEnds.length).toBeGreaterThan(2);
    for (let k = 0; k < qEnds.length; k++) expect(qEnds[k].sendMs - heads[k].sendMs).toBeCloseTo(L, 3);
    expect(q.connectionsOpened).toBe(1);
  });
});
