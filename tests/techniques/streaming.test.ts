// HTTP streaming (SPEC §1, RFC 6202 §3): one GET, a chunked response kept
// open (RFC 9112 §7.1: size in hex, CRLF, data, CRLF), one chunk per update;
// and the media case: a large object in chunks that playback can use before
// the end, compared with downloading it whole first.
import { describe, expect, it } from 'vitest';
import { mediaCase } from '../../src/sim';
import { HAS_CWND, NO_CWND, hexDigits, merge, packets, run, scenario, serUs, wireOf } from './helpers';

describe('streaming: one chunked response, one chunk per update', () => {
  it('one GET, a 200 with Transfer-Encoding: chunked and no Content-Length', () => {
    const r = run('streaming', { durationMs: 5000, server: { updateRateHz: 2 } });
    const ps = packets(r);
    expect(r.requests).toBe(1);
    expect(r.responses).toBe(1);
    const head = ps.find((p) => p.kind === 'response')!;
    expect(head.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.text).toContain('\r\nTransfer-Encoding: chunked\r\n');
    expect(head.text).not.toContain('Content-Length');
    expect(head.text.length).toBe(300);
    expect(ps.filter((p) => p.kind === 'chunk').flatMap((p) => p.messages)).toEqual(r.trace!.updatesMs.map((_, i) => i + 1));
  });

  // Chunk framing = hex digits of the size + CRLF after the size + CRLF after the data.
  it.each([100, 255, 256, 4096, 65536])('a %i-byte update is one chunk with hex-size framing', (size) => {
    const r = run('streaming', { durationMs: 2500, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: size } });
    const chunks = packets(r).filter((p) => p.kind === 'chunk');
    expect(chunks).toHaveLength(2);
    for (const c of chunks) {
      const expectedFraming = hexDigits(size) + 4;
      expect(c.framing).toBe(expectedFraming);
      expect(c.payload).toBe(size);
      expect(c.text.startsWith(size.toString(16) + '\r\n')).toBe(true);
      // Trace texts are clipped past 2,000 characters (sizes are not).
      if (size + expectedFraming <= 2000) {
        expect(c.text.endsWith('\r\n')).toBe(true);
        expect(c.text.length).toBe(size + expectedFraming);
      }
    }
    expect(r.bytes.down.framing).toBe(2 * (hexDigits(size) + 4));
  });

  it('a chunk on the open stream arrives latency + serialization after its update', () => {
    const r = run('streaming', { durationMs: 8000, server: { updateRateHz: 1, updatePattern: 'periodic' } });
    // "64\r\n" + 100 + "\r\n" = 106 bytes + 40 TCP/IP = 146 bytes at 10 Mbit/s = 116.8 µs.
    for (const c of packets(r).filter((p) => p.kind === 'chunk')) {
      expect(c.sendMs).toBe(r.trace!.updatesMs[c.messages[0] - 1]);
      expect(c.arriveMs! - c.sendMs).toBeCloseTo(50 + serUs(146, 10000) / 1000, 2);
    }
  });

  it('a dropped stream is reopened after streaming.reconnectDelayMs, resuming without loss or duplicates', () => {
    const r = run('streaming', { durationMs: 20000, server: { updateRateHz: 2 }, streaming: { reconnectDelayMs: 400 }, faults: { disconnectIntervalMs: 3000 } });
    const ps = packets(r);
    expect(r.requests).toBeGreaterThan(2);
    const ids = ps.filter((p) => p.kind === 'chunk' && p.arriveMs! < 20000).flatMap((p) => p.messages);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    const client = r.trace!.states.filter((s) => s.machine === 'client');
    for (const d of client.filter((s) => s.state === 'reconnecting')) {
      const next = client.find((s) => s.tMs > d.tMs && s.state === 'connecting');
      if (next) expect(next.tMs - d.tMs).toBeCloseTo(400, 6);
    }
  });
});

describe('streaming media case', () => {
  // Defaults: 2,000,000-byte object in 16,384-byte chunks at 1,000 kbit/s,
  // link 10,000 kbit/s, latency 50 ms, heads 400/300 bytes.
  const L = 50;
  const R = 10000;
  const chunkWire = wireOf(16384 + 4 + 4); // "4000" CRLF data CRLF: 16,392 bytes in 12 segments
  const lastWire = wireOf(1152 + 3 + 4); // 2,000,000 - 122·16,384 = 1,152 bytes, size "480"
  const endWire = wireOf(5); // "0" CRLF CRLF

  it('time to first chunk and time to complete follow from the handshake, the request and serialization', () => {
    const m = mediaCase(scenario(merge(NO_CWND, { streaming: { mediaBytes: 2000000 } })));
    // SYN up, SYN-ACK down, GET up, then the response head and the chunks back to back on the downlink.
    const requestArrives = 3 * L + (serUs(40, R) * 2 + serUs(wireOf(400), R)) / 1000;
    const first = requestArrives + L + (serUs(wireOf(300), R) + serUs(chunkWire, R)) / 1000;
    const complete = requestArrives + L + (serUs(wireOf(300), R) + serUs(122 * chunkWire + lastWire + endWire, R)) / 1000;
    // Tolerance: the link rounds each segment's transmission to the µs (≤ 0.5 µs × ~1,500 segments).
    expect(m.timeToFirstChunkMs).toBeCloseTo(first, 1);
    expect(Math.abs(m.completeMs - complete)).toBeLessThan(1);
    expect(m.playbackMs).toBe((2000000 * 8) / 1000); // 16 s
    expect(m.chunkBytes).toBe(16384);
  });

  it.skipIf(!HAS_CWND)('slow start (RFC 6928 initial window of 10 segments): the first chunk waits one round trip for its last 3 segments', () => {
    const m = mediaCase(scenario({ streaming: { mediaBytes: 2000000 }, network: { initialCwndSegments: 10 } }));
    // The head (1 segment) and the first chunk (12) are 13 segments: 10 leave
    // at once, the other 3 one RTT (100 ms) after the window opened, when the
    // ACKs of the first round are back.
    const requestArrives = 3 * L + (serUs(40, R) * 2 + serUs(wireOf(400), R)) / 1000;
    const lastThree = serUs(1500, R) * 2 + serUs(332 + 40, R);
    expect(m.timeToFirstChunkMs).toBeCloseTo(requestArrives + 2 * L + lastThree / 1000 + L, 1);
  });

  it('download-first starts when the last byte is in; streamed playback starts at the first chunk', () => {
    const m = mediaCase(scenario(merge(NO_CWND, { streaming: { mediaBytes: 2000000 } })));
    expect(m.downloadFirst.startupMs).toBe(m.completeMs);
    expect(m.downloadFirst.finishMs).toBeCloseTo(m.completeMs + m.playbackMs, 3);
    expect(m.startupMs).toBe(m.timeToFirstChunkMs);
    expect(m.startupMs).toBeLessThan(m.downloadFirst.startupMs / 5);
  });

  it('bandwidth ≫ bitrate: no stall, playback ends startup + playback time', () => {
    const m = mediaCase(scenario(merge(NO_CWND, { streaming: { mediaBytes: 2000000 }, network: { bandwidthKbps: 10000 } })));
    expect(m.stalls).toBe(0);
    expect(m.stallMs).toBe(0);
    expect(m.finishMs).toBeCloseTo(m.startupMs + m.playbackMs, 3);
  });

  it('bitrate > bandwidth: playback stalls, and ends just after the last chunk arrives', () => {
    const m = mediaCase(scenario(merge(NO_CWND, { streaming: { mediaBytes: 2000000, mediaBitrateKbps: 1000 }, network: { bandwidthKbps: 500 } })));
    expect(m.stalls).toBeGreaterThan(0);
    // Identity of the playback clock: it runs for the playback time and waits for stallMs.
    expect(m.finishMs).toBeCloseTo(m.startupMs + m.playbackMs + m.stallMs, 2);
    // At 500 kbit/s a full chunk takes 16,872·8/500 = 270 ms to arrive but
    // plays for 16,384·8/1000 = 131 ms: playback waits for every full chunk.
    // The short last chunk (1,152 B) arrives 19 ms after chunk 122, while
    // chunk 122 still plays: playback ends 131 + 9.2 ms after chunk 122 arrived.
    const chunk122 = m.completeMs - (serUs(endWire, 500) + serUs(lastWire, 500)) / 1000;
    expect(m.finishMs).toBeCloseTo(chunk122 + (16384 * 8) / 1000 + (1152 * 8) / 1000, 1);
    expect(m.stalls).toBe(121); // before each of chunks 2..122
    expect(m.completeMs).toBeGreaterThan((2000000 * 8) / 500);
    // Streaming still starts far earlier than download-first and finishes no later.
    expect(m.startupMs).toBeLessThan(m.downloadFirst.startupMs);
    expect(m.finishMs).toBeLessThanOrEqual(m.downloadFirst.finishMs);
  });

  it('the media case is reported only for streaming, and only when streaming.mediaBytes > 0', () => {
    expect(run('streaming', { durationMs: 1000, streaming: { mediaBytes: 100000 } }).media).toBeDefined();
    expect(run('streaming', { durationMs: 1000 }).media).toBeUndefined();
    expect(run('sse', { durationMs: 1000, streaming: { mediaBytes: 100000 } }).media).toBeUndefined();
  });
});
