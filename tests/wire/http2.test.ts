// HTTP/2 framing (src/sim/wire/http2.ts) and heads (src/sim/wire/http2-heads.ts)
// against RFC 9113: the frame header layout (§4.1), the connection preface
// (§3.4), SETTINGS (§6.5.1) and WINDOW_UPDATE (§6.9) payloads, the fields an
// HTTP/2 message may not carry (§8.2.2) and its pseudo-header fields (§8.3).
// Expected octets are written from the RFC's figures, not from the module.
import { describe, expect, it } from 'vitest';
import {
  CLIENT_OPENING_BYTES,
  CLIENT_PREFACE,
  CHROMIUM_SETTINGS,
  dataFramingBytes,
  describeFrame,
  FLAG,
  frameHeader,
  headersFramingBytes,
  serverOpeningBytes,
  serverSettings,
  settingsFrame,
  windowUpdateFrame,
} from '../../src/sim/wire/http2';
import { CHROMIUM_HPACK, NGHTTP2_HPACK, h2HeaderList } from '../../src/sim/wire/http2-heads';
import { renderRequestHead, renderResponseHead } from '../../src/sim/wire';

describe('frame header (RFC 9113 §4.1)', () => {
  it('length 24 bits, type, flags, a reserved bit and a 31-bit stream id', () => {
    // A 16,384-byte DATA frame ending stream 1: 00 40 00 | 00 | 01 | 00 00 00 01.
    expect(frameHeader(16384, 'DATA', FLAG.END_STREAM, 1)).toEqual([0x00, 0x40, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01]);
    // HEADERS (type 1) with END_HEADERS (0x4) on stream 3, 20-byte block.
    expect(frameHeader(20, 'HEADERS', FLAG.END_HEADERS, 3)).toEqual([0, 0, 20, 1, 4, 0, 0, 0, 3]);
    // The largest stream id keeps the reserved bit clear.
    expect(frameHeader(0, 'WINDOW_UPDATE', 0, 2 ** 31 - 1).slice(5)).toEqual([0x7f, 0xff, 0xff, 0xff]);
    expect(() => frameHeader(2 ** 24, 'DATA', 0, 1)).toThrow(/24-bit/);
    expect(() => frameHeader(1, 'DATA', 0, 2 ** 31)).toThrow(/31-bit/);
  });

  it('bodies split into frames of at most 16,384 bytes (SETTINGS_MAX_FRAME_SIZE initial value, §6.5.2)', () => {
    expect(dataFramingBytes(0)).toBe(9); // an empty DATA frame still ends a stream
    expect(dataFramingBytes(16384)).toBe(9);
    expect(dataFramingBytes(16385)).toBe(18);
    expect(headersFramingBytes(40000)).toBe(27); // HEADERS + 2 CONTINUATION
  });

  it('describes a frame for the trace', () => {
    expect(describeFrame(2, 'DATA', FLAG.END_STREAM, 5)).toBe('[DATA stream 5, 2 B, END_STREAM] 00 00 02 00 01 00 00 00 05');
  });
});

describe('connection opening', () => {
  it('the client preface is the 24 octets of §3.4', () => {
    const hex = [...CLIENT_PREFACE].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('505249202a20485454502f322e300d0a0d0a534d0d0a0d0a');
  });

  it('SETTINGS: 6 octets per parameter, on stream 0 (§6.5.1); WINDOW_UPDATE: a 4-octet increment (§6.9)', () => {
    expect(settingsFrame([[3, 100]])).toEqual([0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100]);
    expect(settingsFrame([], true)).toEqual([0, 0, 0, 4, 1, 0, 0, 0, 0]);
    expect(windowUpdateFrame(0, 15663105)).toEqual([0, 0, 4, 8, 0, 0, 0, 0, 0, 0x00, 0xef, 0x00, 0x01]);
  });

  it("Chromium opens with preface + 4 settings + a connection WINDOW_UPDATE: 24 + 33 + 13 bytes", () => {
    expect(CHROMIUM_SETTINGS).toHaveLength(4);
    expect(CLIENT_OPENING_BYTES).toBe(24 + (9 + 4 * 6) + (9 + 4));
  });

  it('the server: SETTINGS with its stream limit (and RFC 8441 §3 ENABLE_CONNECT_PROTOCOL = 1 when offered), then an empty ACK', () => {
    expect(serverOpeningBytes(serverSettings(100, false))).toBe(9 + 6 + 9);
    expect(serverSettings(100, true)).toContainEqual([0x8, 1]);
  });
});

describe('heads on HTTP/2 (§8.2.2, §8.3)', () => {
  const poll = renderRequestHead('poll', { host: 'push.example', path: '/poll' });
  const list = h2HeaderList(poll, { scheme: 'https' });

  it('a request: :method, :authority, :scheme, :path first; no Host or Connection; names in lower case', () => {
    expect(list.slice(0, 4)).toEqual([[':method', 'GET'], [':authority', 'push.example'], [':scheme', 'https'], [':path', '/poll']]);
    const names = list.map(([n]) => n);
    expect(names).not.toContain('host');
    expect(names).not.toContain('connection');
    for (const n of names) expect(n).toBe(n.toLowerCase());
    // Every other field of the HTTP/1.1 head is there, same value.
    const h1Fields = poll.split('\r\n').slice(1).filter((l) => l && !/^(Host|Connection):/i.test(l));
    expect(list.length - 4).toBe(h1Fields.length);
  });

  it('a response: :status from the status line; Transfer-Encoding and Keep-Alive dropped', () => {
    const sse = h2HeaderList(renderResponseHead('event-stream', {}), { scheme: 'https' });
    expect(sse[0]).toEqual([':status', '200']);
    const names = sse.map(([n]) => n);
    for (const n of ['transfer-encoding', 'keep-alive', 'connection']) expect(names).not.toContain(n);
    expect(names).toContain('content-type');
  });

  it('a cookie is split into one field per cookie-pair (§8.2.3)', () => {
    const cdn = h2HeaderList(renderRequestHead('poll', { host: 'push.example', path: '/poll', profile: 'cdn' }), { scheme: 'https' });
    const cookies = cdn.filter(([n]) => n === 'cookie');
    expect(cookies.length).toBeGreaterThan(3);
    for (const [, v] of cookies) expect(v).not.toContain(';');
  });

  it('a WebSocket by extended CONNECT (RFC 8441 §4, §5): :method CONNECT and :protocol, no key or accept, answered 200', () => {
    const req = h2HeaderList(renderRequestHead('ws-handshake', { host: 'push.example', path: '/ws' }), { scheme: 'https', extendedConnect: true });
    expect(req).toContainEqual([':method', 'CONNECT']);
    expect(req).toContainEqual([':protocol', 'websocket']);
    expect(req.map(([n]) => n)).not.toContain('sec-websocket-key');
    expect(req.map(([n]) => n)).not.toContain('upgrade');
    expect(req).toContainEqual(['sec-websocket-version', '13']);
    const res = h2HeaderList(renderResponseHead('ws-accept', {}), { scheme: 'https', extendedConnect: true });
    expect(res[0]).toEqual([':status', '200']);
    expect(res.map(([n]) => n)).not.toContain('sec-websocket-accept');
  });

  it("the encoders' policies: Chromium indexes :authority but no other pseudo-header; nghttp2 never indexes :path, content-length or set-cookie", () => {
    expect(CHROMIUM_HPACK.index!(':authority', 'x')).toBe(true);
    expect(CHROMIUM_HPACK.index!(':path', '/poll')).toBe(false);
    expect(CHROMIUM_HPACK.index!('user-agent', 'x')).toBe(true);
    expect(NGHTTP2_HPACK.index!('content-length', '2')).toBe(false);
    expect(NGHTTP2_HPACK.index!('set-cookie', 'a=b')).toBe(false);
    expect(NGHTTP2_HPACK.index!('date', 'x')).toBe(true);
    // Over three quarters of the 4,096-byte table: not indexed.
    expect(NGHTTP2_HPACK.index!('x-big', 'v'.repeat(3100))).toBe(false);
  });
});
