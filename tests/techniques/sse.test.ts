// Server-Sent Events (SPEC §1; WHATWG HTML "Server-sent events"): one GET
// with Accept: text/event-stream, one response kept open (chunked over
// HTTP/1.1, RFC 9112 §7.1), one event per update: "id: N" LF "data: ..." LF LF.
// After a drop the EventSource waits `retry` and reconnects with
// Last-Event-ID = the last id it received; the server replays what it missed.
import { describe, expect, it } from 'vitest';
import { digits, hexDigits, packets, run, serUs, wireOf } from './helpers';

/** Parse one chunk "hex CRLF data CRLF" (RFC 9112 §7.1); throws if malformed. */
function unchunk(text: string): string {
  const m = /^([0-9a-f]+)\r\n([\s\S]*)\r\n$/.exec(text);
  if (!m) throw new Error(`not a chunk: ${JSON.stringify(text.slice(0, 40))}`);
  const size = parseInt(m[1], 16);
  expect(m[2].length).toBe(size);
  return m[2];
}

describe('SSE: one request, one event per update', () => {
  const r = run('sse', { durationMs: 15000, server: { updateRateHz: 1, updatePattern: 'periodic' } });
  const ps = packets(r);

  it('one GET with Accept: text/event-stream; one response head with text/event-stream, chunked', () => {
    const gets = ps.filter((p) => p.kind === 'request');
    expect(r.requests).toBe(1);
    expect(gets).toHaveLength(1);
    expect(gets[0].text).toMatch(/^GET \S+ HTTP\/1\.1\r\n/);
    expect(gets[0].text).toContain('\r\nAccept: text/event-stream\r\n');
    expect(gets[0].text).not.toContain('Last-Event-ID');
    expect(gets[0].text.length).toBe(400);
    const heads = ps.filter((p) => p.kind === 'response');
    expect(heads).toHaveLength(1);
    expect(r.responses).toBe(1);
    const head = heads[0].text.slice(0, heads[0].text.indexOf('\r\n\r\n') + 4);
    expect(head.length).toBe(300);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('Content-Type: text/event-stream');
    expect(head).toContain('Transfer-Encoding: chunked');
    // The first chunk sets the reconnection time: "retry: 3000" LF LF.
    expect(unchunk(heads[0].text.slice(head.length))).toBe('retry: 3000\n\n');
  });

  it('each event is "id: N\\ndata: <payload>\\n\\n" in its own chunk, N = update number', () => {
    const events = ps.filter((p) => p.kind === 'event');
    expect(events.length).toBe(r.trace!.updatesMs.length);
    events.forEach((e, k) => {
      const n = k + 1;
      expect(e.messages).toEqual([n]);
      const ev = unchunk(e.text);
      const m = /^id: (\d+)\ndata: ([^\n]*)\n\n$/.exec(ev)!;
      expect(m).not.toBeNull();
      expect(Number(m[1])).toBe(n);
      expect(m[2].length).toBe(100);
      expect(JSON.parse(m[2]).id).toBe(n);
      // Framing: "id: " + digits + LF, "data: ", LF, blank LF; plus the chunk's hex size, 2 CRLFs.
      const sseFraming = 4 + digits(n) + 1 + 6 + 1 + 1;
      expect(e.framing).toBe(sseFraming + hexDigits(sseFraming + 100) + 4);
      expect(e.payload).toBe(100);
      expect(e.header).toBe(0);
      expect(e.text.length).toBe(e.framing + e.payload);
    });
  });

  it('an event generated while the stream is open leaves at once and arrives latency + serialization later', () => {
    const updates = r.trace!.updatesMs;
    const open = ps.find((p) => p.kind === 'response')!.sendMs;
    for (const e of ps.filter((p) => p.kind === 'event')) {
      const gen = updates[e.messages[0] - 1];
      if (gen < open) continue;
      expect(e.sendMs).toBe(gen);
      expect(e.arriveMs! - e.sendMs).toBeCloseTo(50 + serUs(wireOf(e.framing + e.payload), 10000) / 1000, 2);
    }
  });
});

describe('SSE reconnection (faults.disconnectIntervalMs)', () => {
  const retryMs = 700;
  const r = run('sse', { durationMs: 30000, server: { updateRateHz: 3 }, sse: { retryMs }, faults: { disconnectIntervalMs: 3000 } });
  const ps = packets(r);
  const gets = ps.filter((p) => p.kind === 'request');

  it('reconnects, each time with Last-Event-ID = the last id received before the GET', () => {
    expect(gets.length).toBeGreaterThan(3);
    expect(r.requests).toBe(gets.length);
    for (const g of gets.slice(1)) {
      const seen = ps.filter((p) => p.kind === 'event' && p.arriveMs !== null && p.arriveMs <= g.sendMs).flatMap((p) => p.messages);
      const last = Math.max(0, ...seen);
      if (last > 0) expect(g.text).toContain(`\r\nLast-Event-ID: ${last}\r\n`);
      else expect(g.text).not.toContain('Last-Event-ID');
      expect(g.text.length).toBe(400);
    }
  });

  it('waits retryMs after learning of the drop before reconnecting', () => {
    const client = r.trace!.states.filter((s) => s.machine === 'client');
    const drops = client.filter((s) => s.state === 'reconnecting');
    expect(drops.length).toBe(gets.length - 1 + (client.at(-1)!.state === 'reconnecting' ? 1 : 0));
    for (const d of drops) {
      const next = client.find((s) => s.tMs > d.tMs && s.state === 'connecting');
      if (next) expect(next.tMs - d.tMs).toBeCloseTo(retryMs, 6);
    }
    // The reconnect opens a new TCP connection (SYN at the moment the client leaves 'reconnecting').
    const syns = ps.filter((p) => p.label === 'SYN').map((p) => p.sendMs);
    for (const s of client.filter((x) => x.state === 'connecting')) expect(syns).toContain(s.tMs);
  });

  it('no update is lost or duplicated across reconnections', () => {
    const delivered = ps.filter((p) => p.kind === 'event' && p.arriveMs !== null && p.arriveMs < 30000).flatMap((p) => p.messages);
    expect(delivered).toEqual(Array.from({ length: delivered.length }, (_, i) => i + 1));
    expect(r.messagesDelivered).toBe(delivered.length);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
    expect(r.messagesGenerated).toBe(r.trace!.updatesMs.length);
  });

  it('each reconnection gets its own response head (200 text/event-stream)', () => {
    const heads = ps.filter((p) => p.kind === 'response');
    const answered = gets.filter((g) => g.arriveMs !== null && g.arriveMs < 30000).length;
    expect(heads.length).toBe(answered);
    expect(r.responses).toBe(heads.length);
  });
});
