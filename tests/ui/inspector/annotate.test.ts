// The inspector's notes (src/app/inspector/annotate.ts, issue 8): each part
// of a real packet's text is explained, with numbers read from that text and
// checked here against the standards' layouts: the chunk size line is hex
// (RFC 9112 §7.1: "72" is 114 bytes), SSE fields (WHATWG), a client frame's
// mask (RFC 6455 §5.3).
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, type TracePacket } from '../../../src/sim';
import { annotate } from '../../../src/app/inspector/annotate';

const packets = (id: 'sse' | 'websocket' | 'streaming' | 'polling') =>
  simulate(resolveScenario({ durationMs: 8000, client: { sendRateHz: 1 }, streaming: { mediaBytes: 0 } }), [id], { traceClients: 1 }).results[id]!.trace!.packets;
const first = (ps: TracePacket[], f: (p: TracePacket) => boolean) => ps.find(f)!;

describe('packet notes', () => {
  it('an SSE event: the chunk size line in hex with its value, id, data', () => {
    const ev = first(packets('sse'), (p) => p.kind === 'event');
    const hex = ev.text.split('\r\n')[0];
    const dataBytes = ev.text.length - hex.length - 4; // size line CRLF, data, CRLF (ASCII text)
    expect(parseInt(hex, 16)).toBe(dataBytes);
    const notes = annotate(ev).join(' ');
    expect(notes).toContain(`"${hex}" on the first line: this chunk's size in hexadecimal (0x${hex} = ${dataBytes} bytes of data)`);
    expect(notes).toContain('"id:"');
    expect(notes).toContain('Last-Event-ID');
    expect(notes).toContain('"data:"');
  });

  it('a TLS flight: which version, its round trips, resumption and the records (RFC 8446, RFC 5246)', () => {
    for (const version of ['1.3', '1.2'] as const) {
      const ps = simulate(resolveScenario({ durationMs: 3000, tls: { version } }), ['polling'], { traceClients: 1 }).results.polling!.trace!.packets;
      const hello = first(ps, (p) => p.kind === 'tls' && p.dir === 'up');
      expect(hello.text).toContain(`TLS ${version} handshake: ClientHello (517 B`);
      const notes = annotate(hello).join(' ');
      expect(notes).toContain(version === '1.3' ? 'one round trip' : 'two round trips');
      expect(notes).toContain('resumes');
      expect(notes).toContain('wire');
    }
  });

  it('an SSE heartbeat: its chunk size (0xe = 14 bytes) and the comment line; events carry no comment note', () => {
    const ps = simulate(resolveScenario({ durationMs: 8000, sse: { heartbeatMs: 2000 }, streaming: { mediaBytes: 0 } }), ['sse'], { traceClients: 1 }).results.sse!.trace!.packets;
    const beat = annotate(first(ps, (p) => p.label === ': keep-alive')).join(' ');
    expect(beat).toContain('(0xe = 14 bytes of data)');
    expect(beat).toContain('SSE comment');
    expect(annotate(first(ps, (p) => p.kind === 'event')).join(' ')).not.toContain('SSE comment');
  });

  it('a client WebSocket frame: header bytes, opcode, length and the masking key; a server frame is unmasked', () => {
    const ws = packets('websocket');
    const up = annotate(first(ws, (p) => p.kind === 'frame' && p.dir === 'up')).join(' ');
    expect(up).toMatch(/opcode 1: a text frame; len=\d+/);
    expect(up).toContain('MASK=1 and key');
    const down = annotate(first(ws, (p) => p.kind === 'frame' && p.dir === 'down')).join(' ');
    expect(down).toContain('MASK=0');
    expect(annotate(first(ws, (p) => p.kind === 'handshake' && p.dir === 'up')).join(' ')).toContain('Upgrade: websocket');
    expect(annotate(first(ws, (p) => p.kind === 'handshake' && p.dir === 'down')).join(' ')).toContain('101 Switching Protocols');
  });

  it('HTTP heads, a chunked response, a TCP segment', () => {
    const st = packets('streaming');
    expect(annotate(first(st, (p) => p.kind === 'request')).join(' ')).toContain('Request line: method GET, path /stream');
    const head = annotate(first(st, (p) => p.kind === 'response')).join(' ');
    expect(head).toContain('Status line: 200 OK');
    expect(head).toContain('Transfer-Encoding: chunked');
    expect(annotate(first(st, (p) => p.kind === 'tcp' && p.dir === 'up'))[0]).toMatch(/^SYN:/);
    expect(annotate(first(packets('polling'), (p) => p.kind === 'request' && p.text.startsWith('POST'))).join(' ')).toContain('method POST');
  });

  it('every TCP control segment says what it is: the refused attempt of a server down (RST), a close (FIN, FIN-ACK)', () => {
    const down = simulate(resolveScenario({ faults: { serverRestartAtMs: 3000, serverDownMs: 4000 }, proxy: { websocket: 'refuses' } }), ['sse', 'websocket'], { traceClients: 1 }).results;
    const sse = down.sse!.trace!.packets;
    expect(annotate(first(sse, (p) => p.label === 'RST'))[0]).toMatch(/^RST: nothing listens/);
    const ws = down.websocket!.trace!.packets;
    expect(annotate(first(ws, (p) => p.label === 'FIN'))[0]).toMatch(/^FIN: the client closes/);
    expect(annotate(first(ws, (p) => p.label === 'FIN-ACK'))[0]).toMatch(/^FIN-ACK:/);
  });
});

describe('HTTP/2 packet notes (http.version 2)', () => {
  const h2 = (id: 'polling' | 'sse' | 'websocket', extra: Record<string, unknown> = {}) =>
    simulate(resolveScenario({ durationMs: 4000, http: { version: '2' }, server: { updateRateHz: 1, updatePattern: 'periodic' }, ...extra }), [id], { traceClients: 1 }).results[id]!.trace!.packets;

  it("the first poll: the connection's opening on stream 0, its HEADERS frame header read back from the hex (RFC 9113 §4.1), and the HPACK field kinds", () => {
    const [get1, get2] = h2('polling').filter((p) => p.kind === 'request');
    const notes = annotate(get1).join(' ');
    expect(notes).toContain('"PRI * HTTP/2.0"');
    expect(notes).toContain('70 B in all');
    // The frame line states the HEADERS payload size; the 24-bit length in the hex must say the same.
    const stated = Number(/^\[HEADERS stream 1, (\d+) B/m.exec(get1.text)![1]);
    expect(notes).toContain(`= ${stated} bytes of frame after it; type 0x01 = HEADERS; flags 0x05 (0x1 END_STREAM`);
    expect(notes).toContain('0x4 END_HEADERS');
    expect(notes).toContain('stream 1 (RFC 9113 §4.1)');
    expect(notes).toContain(':method, :authority, :scheme, :path: pseudo-header fields');
    // The second poll's head: every field the first added to the table is now one octet; only :path is written out again.
    const fields = get2.text.split('\n').filter((l) => / {3}<- /.test(l)).length;
    const n2 = annotate(get2).join(' ');
    expect(n2).toContain(`(§6.1): ${fields - 1} of ${fields} fields`);
    expect(n2).toContain('(§6.2.1): 0.');
    expect(n2).toContain('content-length): 1.');
  });

  it('an answer: :status for the status line, and a DATA frame with END_STREAM instead of chunks', () => {
    const answer = h2('polling').find((p) => p.kind === 'response')!;
    const notes = annotate(answer).join(' ');
    expect(notes).toContain(':status replaces the status line');
    expect(notes).toContain('type 0x01 = HEADERS; flags 0x04 (0x4 END_HEADERS');
    expect(notes).toContain('type 0x00 = DATA; flags 0x01 (0x1 END_STREAM');
    expect(notes).toContain('no chunk-size lines');
    expect(notes).not.toContain('Transfer-Encoding: chunked:');
  });

  it("an SSE event: one DATA frame of the event's bytes, no chunk size note", () => {
    const ev = h2('sse').find((p) => p.kind === 'event')!;
    const notes = annotate(ev).join(' ');
    expect(notes).toContain(`Length 00 00 ${(ev.framing - 9 + ev.payload).toString(16).padStart(2, '0')} = ${ev.framing - 9 + ev.payload} bytes`);
    expect(notes).toContain('flags 0x00 (none)');
    expect(notes).toContain('"id:"');
    expect(notes).not.toContain('in hexadecimal');
  });

  it('a WebSocket by extended CONNECT: the :protocol note, then each frame inside a DATA frame with its own RFC 6455 header', () => {
    const ps = h2('websocket', { websocket: { overHttp2: 'extendedConnect' } });
    const connect = ps.find((p) => p.kind === 'handshake' && p.dir === 'up')!;
    expect(annotate(connect).join(' ')).toContain('Extended CONNECT with :protocol websocket');
    const frame = ps.find((p) => p.kind === 'frame' && p.dir === 'down')!;
    const notes = annotate(frame).join(' ');
    expect(notes).toContain('inside a DATA frame');
    expect(notes).toContain('opcode 1: a text frame');
    expect(notes).toContain('MASK=0');
  });
});
