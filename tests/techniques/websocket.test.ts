// WebSocket (SPEC §1, RFC 6455): the HTTP/1.1 Upgrade handshake (§1.2, §4),
// then one unmasked server frame per update and masked client frames (§5.2,
// §5.3); pings answered by pongs (§5.5.2, §5.5.3) when enabled.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { packets, run, serUs, wireOf } from './helpers';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'; // RFC 6455 §1.3
const accept = (key: string) => createHash('sha1').update(key + GUID).digest('base64');

/** Decode the header bytes shown on the first line of a frame's text (hex), per RFC 6455 §5.2. */
function frameHeader(text: string): { fin: boolean; opcode: number; masked: boolean; length: number; headerBytes: number } {
  const b = text.split('\n')[0].split(' ').map((h) => parseInt(h, 16));
  const masked = (b[1] & 0x80) !== 0;
  let length = b[1] & 0x7f;
  let n = 2;
  if (length === 126) {
    length = (b[2] << 8) | b[3];
    n = 4;
  } else if (length === 127) {
    length = 0;
    for (let i = 2; i < 10; i++) length = length * 256 + b[i];
    n = 10;
  }
  if (masked) n += 4;
  expect(b.length).toBe(n);
  return { fin: (b[0] & 0x80) !== 0, opcode: b[0] & 0x0f, masked, length, headerBytes: n };
}

describe('WebSocket opening handshake', () => {
  it('the RFC 6455 §1.3 example: key dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (checks this test\'s SHA-1)', () => {
    expect(accept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('GET with Upgrade, Connection: Upgrade, a 24-char Sec-WebSocket-Key, version 13; 101 with the matching Sec-WebSocket-Accept', () => {
    const r = run('websocket', { durationMs: 20000, server: { updateRateHz: 1 }, faults: { disconnectIntervalMs: 4000 } });
    const ps = packets(r);
    const reqs = ps.filter((p) => p.kind === 'handshake' && p.dir === 'up');
    const oks = ps.filter((p) => p.kind === 'handshake' && p.dir === 'down');
    expect(reqs.length).toBeGreaterThan(1); // reconnections after the faults
    expect(r.requests).toBe(reqs.length);
    const keys = new Set<string>();
    for (const q of reqs) {
      expect(q.text).toMatch(/^GET \S+ HTTP\/1\.1\r\n/);
      expect(q.text).toContain('\r\nUpgrade: websocket\r\n');
      expect(q.text).toContain('\r\nConnection: Upgrade\r\n');
      expect(q.text).toContain('\r\nSec-WebSocket-Version: 13\r\n');
      expect(q.text.length).toBe(400);
      const key = /\r\nSec-WebSocket-Key: ([A-Za-z0-9+/=]+)\r\n/.exec(q.text)![1];
      // 16 random bytes, base64: 24 characters ending in "==".
      expect(key).toHaveLength(24);
      expect(Buffer.from(key, 'base64')).toHaveLength(16);
      keys.add(key);
      const ok = oks.find((o) => o.conn === q.conn);
      if (!ok) continue;
      expect(ok.text).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(ok.text).toContain('\r\nUpgrade: websocket\r\n');
      expect(ok.text).toContain('\r\nConnection: Upgrade\r\n');
      expect(ok.text).toContain(`\r\nSec-WebSocket-Accept: ${accept(key)}\r\n`);
      expect(ok.text.length).toBe(300);
      expect(ok.sendMs).toBe(q.arriveMs);
    }
    // A fresh key per handshake (RFC 6455 §4.1: "randomly selected for each connection").
    expect(keys.size).toBe(reqs.length);
  });
});

describe('WebSocket frames', () => {
  // Downstream length forms (§5.2): 0-125 in 7 bits (2-byte header), 126..65535
  // with a 16-bit length (4), above with a 64-bit length (10). Unmasked.
  it.each([
    [100, 2],
    [125, 2],
    [126, 4],
    [65535, 4],
    [65536, 10],
  ])('a %i-byte update travels in a %i-byte-header text frame', (size, hdr) => {
    const r = run('websocket', { durationMs: 3000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: size } });
    const frames = packets(r).filter((p) => p.kind === 'frame' && p.dir === 'down');
    expect(frames.length).toBe(2);
    for (const f of frames) {
      const h = frameHeader(f.text);
      expect(h).toEqual({ fin: true, opcode: 0x1, masked: false, length: size, headerBytes: hdr });
      expect(f.framing).toBe(hdr);
      expect(f.payload).toBe(size);
      expect(f.header).toBe(0);
    }
    expect(r.bytes.down.framing).toBe(2 * hdr);
  });

  it('upstream frames are masked: +4 bytes of masking key (§5.3)', () => {
    for (const [size, hdr] of [
      [100, 6],
      [300, 8],
    ]) {
      const r = run('websocket', { durationMs: 6000, server: { updateRateHz: 0 }, client: { sendRateHz: 2, payloadBytes: size } });
      const up = packets(r).filter((p) => p.kind === 'frame' && p.dir === 'up');
      expect(up.length).toBeGreaterThan(3);
      for (const f of up) {
        expect(frameHeader(f.text)).toEqual({ fin: true, opcode: 0x1, masked: true, length: size, headerBytes: hdr });
        expect(f.framing).toBe(hdr);
        expect(f.payload).toBe(size);
      }
      // No HTTP request per message: one request (the handshake) for the whole run.
      expect(r.requests).toBe(1);
      expect(r.bytes.up.framing).toBe(hdr * up.length);
      expect(r.upstream.delivered + r.upstream.pending).toBe(r.upstream.generated);
    }
  });

  it('an upstream frame on an open connection arrives one-way latency + serialization after it is generated', () => {
    const r = run('websocket', { durationMs: 20000, server: { updateRateHz: 0 }, client: { sendRateHz: 1 } });
    const opened = packets(r).find((p) => p.kind === 'handshake' && p.dir === 'down')!.arriveMs!;
    const up = packets(r).filter((p) => p.kind === 'frame' && p.dir === 'up' && p.sendMs > opened);
    // 2 + 4 + 100 + 40 = 146 wire bytes at 10 Mbit/s = 116.8 µs.
    for (const f of up) expect(f.arriveMs! - f.sendMs).toBeCloseTo(50 + serUs(wireOf(106), 10000) / 1000, 2);
    expect(r.upstreamLatencyMs.p50).toBeCloseTo(50 + serUs(146, 10000) / 1000, 2);
  });
});

describe('WebSocket ping/pong', () => {
  it('no control frames when websocket.pingIntervalMs = 0', () => {
    const r = run('websocket', { durationMs: 10000, server: { updateRateHz: 0 } });
    expect(packets(r).filter((p) => p.kind === 'ping' || p.kind === 'pong')).toEqual([]);
  });

  it('a ping every interval once the stream is open; each answered by a masked pong on arrival', () => {
    const I = 1000;
    const D = 20000;
    const r = run('websocket', { durationMs: D, server: { updateRateHz: 0 }, websocket: { pingIntervalMs: I } });
    const ps = packets(r);
    const open = ps.find((p) => p.kind === 'handshake' && p.dir === 'down')!.sendMs;
    const pings = ps.filter((p) => p.kind === 'ping');
    const pongs = ps.filter((p) => p.kind === 'pong');
    // Pings at open + k·I < D (the server starts its timer when it sends the 101).
    expect(pings.length).toBe(Math.floor((D - open) / I - 1e-9));
    expect(pings.length).toBeGreaterThanOrEqual(D / I - 2);
    pings.forEach((p, k) => {
      expect(p.sendMs).toBeCloseTo(open + (k + 1) * I, 6);
      expect(frameHeader(p.text)).toEqual({ fin: true, opcode: 0x9, masked: false, length: 0, headerBytes: 2 });
      expect(p.framing).toBe(2);
    });
    for (const p of pongs) {
      expect(frameHeader(p.text)).toEqual({ fin: true, opcode: 0xa, masked: true, length: 0, headerBytes: 6 });
      expect(pings.some((q) => q.arriveMs === p.sendMs)).toBe(true);
    }
    expect(pongs.length).toBe(pings.filter((p) => p.arriveMs! < D).length);
    // Control frames count as framing (SPEC §2).
    expect(r.bytes.down.framing).toBe(2 * pings.length);
    expect(r.bytes.up.framing).toBe(6 * pongs.length);
  });
});

describe('WebSocket updates', () => {
  it('one frame per update on the one connection; latency = one-way latency + frame serialization', () => {
    const r = run('websocket', { durationMs: 10000, server: { updateRateHz: 1, updatePattern: 'periodic' } });
    const ps = packets(r);
    const frames = ps.filter((p) => p.kind === 'frame');
    expect(frames.map((f) => f.messages)).toEqual(r.trace!.updatesMs.map((_, i) => [i + 1]));
    expect(new Set(ps.map((p) => p.conn)).size).toBe(1);
    // 2 + 100 + 40 = 142 bytes at 10 Mbit/s = 113.6 µs.
    for (const f of frames) expect(f.arriveMs! - f.sendMs).toBeCloseTo(50 + serUs(142, 10000) / 1000, 2);
    expect(r.latencyMs.max).toBeCloseTo(50 + serUs(142, 10000) / 1000, 2);
  });
});
