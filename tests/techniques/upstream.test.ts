// Upstream messages (SPEC §1): client.sendRateHz > 0 sends one POST per
// message over HTTP (polling, long polling, SSE, streaming), answered
// "204 No Content", and one masked frame per message over WebSocket.
import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../../src/sim';
import { packets, run, serUs, wireOf } from './helpers';

const L_MS = 50; // default one-way latency
const HTTP: TechniqueId[] = ['polling', 'long-polling', 'sse', 'streaming'];
const base = { durationMs: 20000, server: { updateRateHz: 0.5 }, client: { sendRateHz: 1, payloadBytes: 100 } };

describe.each(HTTP)('%s: upstream messages as POSTs', (id) => {
  const r = run(id, base);
  const ps = packets(r);
  const posts = ps.filter((p) => p.label === 'POST /send');

  it('one POST per message, with Content-Length = client.payloadBytes, each answered 204 on its connection when it arrives', () => {
    expect(r.upstream.generated).toBeGreaterThan(10);
    expect(posts.length).toBe(r.upstream.delivered + posts.filter((p) => p.arriveMs! >= 20000).length);
    for (const p of posts) {
      expect(p.text).toMatch(/^POST \S+ HTTP\/1\.1\r\n/);
      expect(p.text).toContain('\r\nContent-Length: 100\r\n');
      expect(p.header).toBe(400);
      expect(p.payload).toBe(100);
      expect(p.framing).toBe(0);
      if (p.arriveMs! >= 20000) continue;
      const answer = ps.find((q) => q.dir === 'down' && q.conn === p.conn && q.id > p.id)!;
      expect(answer.label).toBe('204 No Content');
      expect(answer.text).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
      expect(answer.sendMs).toBe(p.arriveMs);
      expect(answer.framing + answer.payload).toBe(0);
    }
  });

  it('POSTs count as requests, 204s as responses', () => {
    const gets = ps.filter((p) => p.dir === 'up' && (p.kind === 'request' || p.kind === 'handshake') && p.label !== 'POST /send');
    const answers204 = ps.filter((p) => p.label === '204 No Content');
    expect(r.requests).toBe(gets.length + posts.length);
    expect(r.bytes.up.payload).toBe(100 * posts.length);
    expect(answers204.length).toBeLessThanOrEqual(posts.length);
    expect(r.upstream.delivered + r.upstream.pending).toBe(r.upstream.generated);
  });

  it('one POST at a time: the next leaves no earlier than the previous 204 arrives', () => {
    for (let k = 1; k < posts.length; k++) {
      const prev204 = ps.find((q) => q.label === '204 No Content' && q.conn === posts[k - 1].conn && q.id > posts[k - 1].id);
      if (prev204) expect(posts[k].sendMs).toBeGreaterThanOrEqual(prev204.arriveMs!);
    }
  });
});

describe('upstream latency', () => {
  it('WebSocket: one-way latency + frame serialization; HTTP: more (a POST may wait for the previous one or for a new connection)', () => {
    const L = L_MS;
    const ws = run('websocket', base, 0).upstreamLatencyMs;
    // Masked 100-byte frame: 2 + 4 + 100 = 106 bytes + 40 TCP/IP.
    expect(ws.p50).toBeCloseTo(L + serUs(wireOf(106), 10000) / 1000, 2);
    // Only messages generated before the connection is up wait longer.
    expect(ws.mean!).toBeLessThan(L + 30);
    for (const id of HTTP) {
      const h = run(id, base, 0).upstreamLatencyMs;
      // On an idle keep-alive connection a POST (400 + 100 bytes) takes L + 432 µs.
      expect(h.p50!).toBeGreaterThanOrEqual(L + serUs(wireOf(500), 10000) / 1000 - 1e-9);
      expect(h.mean!).toBeGreaterThan(ws.mean!);
    }
  });

  it('a POST that must open a connection pays one extra round trip (SYN, SYN-ACK)', () => {
    // Long polling holds its one connection; the first POST needs a second one.
    const r = run('long-polling', { durationMs: 5000, server: { updateRateHz: 0 }, client: { sendRateHz: 0.5 } });
    const ps = packets(r);
    const first = ps.find((p) => p.label === 'POST /send')!;
    const syn = ps.find((p) => p.label === 'SYN' && p.conn === first.conn)!;
    expect(first.sendMs - syn.sendMs).toBeCloseTo(2 * (L_MS + serUs(40, 10000) / 1000), 3);
  });
});
