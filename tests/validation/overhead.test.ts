// Validation (e): byte overhead per message, from the standards, and the
// published polling-vs-WebSocket header comparison (Lubbers & Greco,
// "HTML5 WebSocket: A Quantum Leap in Scalability for the Web", Kaazing,
// 2010, http://www.websocket.org/quantum.html): 1,000 clients polling once a
// second with 871 bytes of HTTP request + response headers carry
// 871,000 B/s = 6,968,000 bit/s ("6.6 Mbps"); WebSocket frames add 2 bytes
// per message: 2,000 B/s = 16,000 bit/s ("0.015 Mbps"). The article's Mbps
// are binary (6,968,000 / 2^20 = 6.645; 16,000 / 2^20 = 0.0153).
import { describe, expect, it } from 'vitest';
import { digits, hexDigits, packets, run, sum } from '../techniques/helpers';

const MIBIT = 2 ** 20;

describe('(e) overhead per message, by the standards', () => {
  it('SSE: "id: N\\n" + "data: " + "\\n" + "\\n" per event, plus chunk framing; once "retry: 3000\\n\\n" in a chunk', () => {
    // WHATWG HTML, server-sent events (event stream format); RFC 9112 §7.1.
    const r = run('sse', { durationMs: 30000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } });
    const n = r.messagesDelivered;
    expect(n).toBe(29);
    const retry = 'retry: 3000\n\n'.length;
    let expected = retry + hexDigits(retry) + 4;
    for (let id = 1; id <= n; id++) {
      const ev = 'id: '.length + digits(id) + 1 + 'data: '.length + 1 + 1;
      expected += ev + hexDigits(ev + 100) + 4;
    }
    expect(r.bytes.down.framing).toBe(expected);
    expect(r.bytes.down.payload).toBe(100 * n);
    expect(r.bytes.down.header).toBe(300);
    // ≈ 20 bytes per event after the head: 13-14 SSE + 6 chunk.
    expect((r.bytes.down.framing - retry - 5) / n).toBeGreaterThan(19);
    expect((r.bytes.down.framing - retry - 5) / n).toBeLessThan(21);
  });

  it('WebSocket: 2 bytes per server frame (RFC 6455 §5.2, payload ≤ 125), nothing else after the handshake', () => {
    const r = run('websocket', { durationMs: 30000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } });
    expect(r.bytes.down.framing).toBe(2 * r.messagesDelivered);
    expect(r.bytes.down.header).toBe(300); // the 101 only
    expect(r.bytes.up.header).toBe(400); // the Upgrade GET only
    expect(r.bytes.up.framing + r.bytes.up.payload).toBe(0);
  });

  it('streaming: hex size + 2 CRLFs per chunk (RFC 9112 §7.1)', () => {
    const r = run('streaming', { durationMs: 30000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } });
    expect(r.bytes.down.framing).toBe((2 + 4) * r.messagesDelivered); // "64" CRLF ... CRLF
  });

  it('polling: every poll costs a full request and response head, so header bytes per message = (req + res) / (λT)', () => {
    // RFC 6202 §2.2 (long polling) and the polling discussion: every message
    // exchange is a complete HTTP message with full headers. Per poll:
    // 400 + 300 header bytes; messages per poll λT. At λT = 0.5 a message
    // costs 1,400 header bytes on average. Poisson count over 3,600 s at
    // λ = 0.5: sd 2.4% of the count; tolerance 10% ≈ 4σ.
    const r = run('polling', { durationMs: 3600000, server: { updateRateHz: 0.5 } }, 0);
    expect(r.bytes.up.header).toBe(400 * r.requests);
    expect(r.bytes.down.header).toBe(300 * r.responses);
    const perMessage = (r.bytes.up.header + r.bytes.down.header) / r.messagesDelivered;
    expect(Math.abs(perMessage / (700 / 0.5) - 1)).toBeLessThan(0.1);
    // Batch framing: "[]" per answer plus a comma between updates: 2·responses + (delivered - non-empty).
    expect(r.bytes.down.framing).toBe(2 * r.responses + r.messagesDelivered - (r.responses - r.emptyResponses));
  });

  it('long polling at small λ: one request and one response head per update (≈ 700 B per message)', () => {
    const r = run('long-polling', { durationMs: 600000, server: { updateRateHz: 0.2 } }, 0);
    const perMessage = (r.bytes.up.header + r.bytes.down.header) / r.messagesDelivered;
    // x = λ·RTT ≈ 0.02: updates per answer 1.0002, plus the timeouts' empty
    // answers (P(gap > 30 s) = e^{-6}): within 2% of 700 bytes.
    expect(Math.abs(perMessage / 700 - 1)).toBeLessThan(0.02);
  });
});

describe('(e) published comparison: polling vs WebSocket header overhead (Kaazing / websocket.org)', () => {
  const clients = 1000;
  const D = 5000;
  // Steady-state window [1.2 s, 4.2 s): every client has started (offset
  // u < 1 s; its first GET waits one RTT, so it leaves before 1.1 s), so each
  // client sends exactly 3 GETs in the window (ticks u + k·T) and gets
  // exactly 3 answers (each follows its GET by L + 0.35 ms; both T-periodic).
  const window = (r: { series: { tMs: number[]; bytesUp: number[]; bytesDown: number[] } }, from: number, to: number) => {
    let up = 0;
    let down = 0;
    r.series.tMs.forEach((t, i) => {
      if (t >= from && t < to) {
        up += r.series.bytesUp[i];
        down += r.series.bytesDown[i];
      }
    });
    return { up, down, seconds: (to - from) / 1000 };
  };

  it('polling: 1,000 clients, 1 poll/s, 871 header bytes per exchange → 6,968,000 bit/s (published "6.6 Mbps" = 6.6 Mibit/s)', () => {
    // Request head 600 + response head 271 = 871 bytes (the article's sum; the split does not matter).
    const r = run('polling', { durationMs: D, clients, server: { updateRateHz: 0 }, http: { requestHeaderBytes: 600, responseHeaderBytes: 271 } }, 0);
    expect(r.requests).toBe((clients * D) / 1000);
    const w = window(r, 1200, 4200);
    // The down direction also carries the empty body "[]" (2 bytes of framing per answer).
    const answers = clients * w.seconds;
    const headerBitsPerSecond = ((w.up + w.down - 2 * answers) * 8) / w.seconds;
    expect(headerBitsPerSecond).toBe(871 * clients * 8);
    // Against the published figure (two significant digits, binary mega): ±0.05.
    expect(Math.abs(headerBitsPerSecond / MIBIT - 6.6)).toBeLessThanOrEqual(0.05);
    // Over the whole run (start-up and the last in-flight polls included) within 1%.
    const runBits = ((r.bytes.up.header + r.bytes.down.header) * 8) / (D / 1000);
    expect(Math.abs(runBits / 6968000 - 1)).toBeLessThan(0.01);
  });

  it('WebSocket: 1,000 clients, 1 message/s each → 2 B/message = 16,000 bit/s of framing (published "0.015 Mbps")', () => {
    const r = run('websocket', { durationMs: D, clients, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } }, 0);
    // Frames leave at 2, 3 and 4 s (updates every second), all connections
    // open by 1.3 s: the window [1.5 s, 4.5 s) holds 3 frames per client.
    const w = window(r, 1500, 4500);
    expect(w.up).toBe(0);
    const framingBitsPerSecond = ((w.down - 100 * 3 * clients) * 8) / w.seconds;
    expect(framingBitsPerSecond).toBe(2 * clients * 8);
    expect(r.bytes.down.framing / r.messagesDelivered).toBe(2);
    expect(Math.abs(framingBitsPerSecond / MIBIT - 0.015)).toBeLessThanOrEqual(0.0005);
    // The article's ratio: 871 / 2 ≈ 435:1 less header traffic.
    expect(871 / (framingBitsPerSecond / 8 / clients)).toBeCloseTo(435.5, 1);
  });

  it('the same comparison on the wire: TCP/IP headers and ACKs add to both, the ratio drops to ~5.7:1 for 100-byte payloads', () => {
    // Not in the article: what it leaves out. Per poll on the wire: GET 600+40,
    // answer 271+2+40, one ACK each way (40+40): 1,033 B. Per WebSocket
    // message: 102 + 40 + one ACK 40 = 182 B (payload included).
    const p = run('polling', { durationMs: D, clients: 100, server: { updateRateHz: 0 }, http: { requestHeaderBytes: 600, responseHeaderBytes: 271 } }, 100);
    const polls = packets(p).filter((x) => x.label === 'GET /poll' && x.arriveMs! < D);
    const exchange = polls.map((g) => g.wire).concat(packets(p).filter((x) => x.kind === 'response').map((x) => x.wire));
    expect(sum(exchange) / polls.length).toBe(640 + 313);
    const w = run('websocket', { durationMs: D, clients: 100, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } }, 100);
    const frames = packets(w).filter((x) => x.kind === 'frame');
    expect(sum(frames.map((f) => f.wire)) / frames.length).toBe(142);
  });
});
