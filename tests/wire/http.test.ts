// Tests of HTTP/1.1 message heads.
// Sources: RFC 9112 §2.1 (message = start-line CRLF *(field-line CRLF) CRLF),
// §3 (request-line = method SP request-target SP HTTP-version), §4
// (status-line = HTTP-version SP status-code SP [reason-phrase]), §5
// (field-line = field-name ":" OWS field-value OWS); RFC 9110 §5.1 / §5.5
// (token, field-value syntax); RFC 6455 §4.1 / §4.2.2 (handshake fields);
// WHATWG HTML §9.2 (EventSource: Accept: text/event-stream, Last-Event-ID);
// SPEC §3 (head sizes are exact).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  renderRequestHead,
  renderResponseHead,
  minRequestHeaderBytes,
  minResponseHeaderBytes,
  MIN_REQUEST_HEADER_BYTES,
  MIN_RESPONSE_HEADER_BYTES,
  REQUEST_KINDS,
  RESPONSE_KINDS,
  type RequestKind,
  type ResponseKind,
} from '../../src/sim/wire/http';

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const FIELD_LINE = new RegExp(`^${TOKEN}:[ \\t]*([\\x21-\\x7e]([ \\t\\x21-\\x7e]*[\\x21-\\x7e])?)?[ \\t]*$`);
const REQUEST_LINE = new RegExp(`^${TOKEN} /[\\x21-\\x7e]* HTTP/1\\.1$`);
const STATUS_LINE = /^HTTP\/1\.1 [1-5][0-9]{2} [\t \x21-\x7e]*$/;

const utf8 = (s: string) => new TextEncoder().encode(s).length;

/** Check RFC 9112 §2.1 framing; returns the start line and fields (name lowercased -> values). */
function parseHead(head: string): { start: string; fields: Map<string, string[]> } {
  expect(head.endsWith('\r\n\r\n')).toBe(true);
  expect(head.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
  const lines = head.slice(0, -4).split('\r\n');
  const fields = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    expect(line).toMatch(FIELD_LINE);
    const i = line.indexOf(':');
    const name = line.slice(0, i).toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  return { start: lines[0], fields };
}

const one = (f: Map<string, string[]>, name: string): string | undefined => {
  const v = f.get(name);
  if (v === undefined) return undefined;
  expect(v).toHaveLength(1);
  return v[0];
};

// Worst cases of the MIN_* contract: host push.example, 16-char path, 10-digit numbers.
const WORST_REQ = { host: 'push.example', path: '/0123456789abcde', contentLength: 9_999_999_999, lastEventId: 9_999_999_999 };
const WORST_RES = { contentLength: 9_999_999_999, contentType: 'application/vnd.example-32chars!' };

describe('request heads', () => {
  it('every kind renders exactly headerBytes, CRLF-framed, with valid field syntax', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REQUEST_KINDS),
        fc.integer({ min: MIN_REQUEST_HEADER_BYTES, max: 4000 }),
        fc.stringMatching(/^\/[a-z0-9/._-]{0,15}$/),
        fc.nat({ max: 9_999_999_999 }),
        (kind, headerBytes, path, n) => {
          const head = renderRequestHead(kind, { headerBytes, host: 'push.example', path, contentLength: n, lastEventId: n });
          expect(utf8(head)).toBe(headerBytes);
          expect(head.length).toBe(headerBytes); // ASCII only
          const { start, fields } = parseHead(head);
          expect(start).toMatch(REQUEST_LINE);
          expect(start).toBe(`${kind === 'post' ? 'POST' : 'GET'} ${path} HTTP/1.1`);
          expect(one(fields, 'host')).toBe('push.example'); // RFC 9112 §3.2: exactly one Host
          // The pad is one Cookie field (RFC 6265 §5.4: never two), there once the head has room for "Cookie: sid=x".
          const needed = minRequestHeaderBytes(kind, { host: 'push.example', path, contentLength: n, lastEventId: n });
          if (headerBytes >= needed + 15) expect(one(fields, 'cookie')).toMatch(/^sid=[A-Za-z0-9_-]+$/);
          else expect(fields.has('cookie')).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('carries the fields each kind needs', () => {
    const base = { headerBytes: 400, host: 'push.example', path: '/updates' };
    const f = (kind: RequestKind, extra: object = {}) => parseHead(renderRequestHead(kind, { ...base, ...extra })).fields;
    expect(one(f('poll'), 'accept')).toBe('application/json');
    expect(one(f('long-poll'), 'accept')).toBe('application/json');
    const sse = f('sse');
    expect(one(sse, 'accept')).toBe('text/event-stream');
    expect(one(sse, 'cache-control')).toBe('no-cache');
    expect(sse.has('last-event-id')).toBe(false);
    expect(one(f('sse-reconnect', { lastEventId: 42 }), 'last-event-id')).toBe('42');
    const post = f('post', { contentLength: 137 });
    expect(one(post, 'content-length')).toBe('137');
    expect(one(post, 'content-type')).toBe('application/json');
  });

  it('the WebSocket handshake has the RFC 6455 §4.1 fields', () => {
    const head = renderRequestHead('ws-handshake', { headerBytes: 500, host: 'push.example', path: '/ws', wsKey: 'dGhlIHNhbXBsZSBub25jZQ==' });
    const { start, fields } = parseHead(head);
    expect(start).toBe('GET /ws HTTP/1.1');
    expect(one(fields, 'upgrade')).toBe('websocket');
    expect(one(fields, 'connection')).toBe('Upgrade');
    expect(one(fields, 'sec-websocket-key')).toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(one(fields, 'sec-websocket-version')).toBe('13');
    expect(one(fields, 'origin')).toBe('https://push.example');
  });

  it('at its minimum a head holds only the needed fields; one byte less throws; a few bytes more are spaces after the first colon', () => {
    // Hand count for the WebSocket handshake, worst case (RFC 6455 §4.1 fields):
    //   "GET /0123456789abcde HTTP/1.1" 29+2, "Host: push.example" 18+2,
    //   "Connection: Upgrade" 19+2, "Upgrade: websocket" 18+2,
    //   "Origin: https://push.example" 28+2, "Sec-WebSocket-Version: 13" 25+2,
    //   "Sec-WebSocket-Key: <24>" 43+2, empty line 2  => 196
    const opts = { ...WORST_REQ, wsKey: 'dGhlIHNhbXBsZSBub25jZQ==' };
    expect(minRequestHeaderBytes('ws-handshake', opts)).toBe(196);
    const head = renderRequestHead('ws-handshake', { ...opts, headerBytes: 196 });
    expect(head.split('\r\n').map((l) => l.split(':')[0])).toEqual([
      'GET /0123456789abcde HTTP/1.1', 'Host', 'Connection', 'Upgrade', 'Origin', 'Sec-WebSocket-Version', 'Sec-WebSocket-Key', '', '',
    ]);
    expect(() => renderRequestHead('ws-handshake', { ...opts, headerBytes: 195 })).toThrow(/below the minimum 196/);
    // Under the 15 bytes of "Cookie: sid=x" CRLF more: optional whitespace (RFC 9112 §5.1 OWS), still one Host.
    for (let extra = 1; extra < 15; extra++) {
      const h = renderRequestHead('ws-handshake', { ...opts, headerBytes: 196 + extra });
      expect(h).toHaveLength(196 + extra);
      expect(h).toContain(`Host:${' '.repeat(1 + extra)}push.example\r\n`);
      expect(one(parseHead(h).fields, 'host')).toBe('push.example');
    }
    // sse-reconnect: 29+2, Host 20, "Accept: text/event-stream" 25+2,
    // "Last-Event-ID: 9999999999" 25+2, 2 => 107
    expect(minRequestHeaderBytes('sse-reconnect', WORST_REQ)).toBe(107);
  });

  it('MIN_REQUEST_HEADER_BYTES is the largest floor (the handshake\'s needed fields), and every kind renders at it', () => {
    const worst = Math.max(...REQUEST_KINDS.map((k) => minRequestHeaderBytes(k, WORST_REQ)));
    expect(worst).toBe(196);
    expect(MIN_REQUEST_HEADER_BYTES).toBe(worst);
    for (const k of REQUEST_KINDS) expect(renderRequestHead(k, { ...WORST_REQ, headerBytes: MIN_REQUEST_HEADER_BYTES })).toHaveLength(MIN_REQUEST_HEADER_BYTES);
  });

  it('refuses missing or invalid options with a clear message', () => {
    const base = { headerBytes: 400, host: 'push.example', path: '/p' };
    expect(() => renderRequestHead('post', base)).toThrow(/contentLength/);
    expect(() => renderRequestHead('sse-reconnect', base)).toThrow(/lastEventId/);
    expect(() => renderRequestHead('poll', { ...base, path: 'no-slash' })).toThrow(/path/);
    expect(() => renderRequestHead('poll', { ...base, host: 'a b' })).toThrow(/host/);
    expect(() => renderRequestHead('poll', { ...base, headerBytes: 38 })).toThrow(/headerBytes 38 is below the minimum 39/);
    expect(() => renderRequestHead('poll', { ...base, profile: 'netscape' as never })).toThrow(/unknown head profile "netscape"/);
    expect(() => renderRequestHead('ws-handshake', { ...base, wsKey: 'short' })).toThrow(/wsKey/);
  });
});

describe('response heads', () => {
  it('every kind renders exactly headerBytes, CRLF-framed, with valid field syntax', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESPONSE_KINDS), fc.integer({ min: MIN_RESPONSE_HEADER_BYTES, max: 4000 }), fc.nat({ max: 9_999_999_999 }), (kind, headerBytes, n) => {
        const head = renderResponseHead(kind, { headerBytes, contentLength: n });
        expect(utf8(head)).toBe(headerBytes);
        const { start } = parseHead(head);
        expect(start).toMatch(STATUS_LINE);
      }),
      { numRuns: 2000 },
    );
  });

  it('carries the fields each kind needs', () => {
    const parse = (kind: ResponseKind, extra: object = {}) => parseHead(renderResponseHead(kind, { headerBytes: 300, ...extra }));
    const json = parse('json', { contentLength: 1234 });
    expect(json.start).toBe('HTTP/1.1 200 OK');
    expect(one(json.fields, 'content-type')).toBe('application/json');
    expect(one(json.fields, 'content-length')).toBe('1234');
    expect(json.fields.has('transfer-encoding')).toBe(false);
    const es = parse('event-stream');
    expect(es.start).toBe('HTTP/1.1 200 OK');
    expect(one(es.fields, 'content-type')).toBe('text/event-stream');
    expect(one(es.fields, 'cache-control')).toBe('no-cache');
    expect(one(es.fields, 'transfer-encoding')).toBe('chunked');
    expect(es.fields.has('content-length')).toBe(false); // RFC 9112 §6.2: not with Transfer-Encoding
    const ch = parse('chunked', { contentType: 'video/mp4' });
    expect(one(ch.fields, 'transfer-encoding')).toBe('chunked');
    expect(one(ch.fields, 'content-type')).toBe('video/mp4');
    const ws = parse('ws-accept', { wsAccept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' });
    expect(ws.start).toBe('HTTP/1.1 101 Switching Protocols');
    expect(one(ws.fields, 'upgrade')).toBe('websocket');
    expect(one(ws.fields, 'connection')).toBe('Upgrade');
    expect(one(ws.fields, 'sec-websocket-accept')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const nc = parse('no-content');
    expect(nc.start).toBe('HTTP/1.1 204 No Content');
    expect(nc.fields.has('content-length')).toBe(false); // RFC 9110 §8.6: not in 204
    expect(one(json.fields, 'date')).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
  });

  it('MIN_RESPONSE_HEADER_BYTES is the largest floor (a chunked head with a 32-character type), and every kind renders at it', () => {
    // Hand count, event-stream: "HTTP/1.1 200 OK" 15+2, "Date: <29>" 35+2,
    // "Content-Type: text/event-stream" 31+2, "Transfer-Encoding: chunked" 26+2, 2 => 117
    expect(minResponseHeaderBytes('event-stream')).toBe(117);
    // chunked, worst: 17, Date 37, "Content-Type: <32>" 46+2, Transfer-Encoding 28, 2 => 132
    const worst = Math.max(...RESPONSE_KINDS.map((k) => minResponseHeaderBytes(k, WORST_RES)));
    expect(worst).toBe(132);
    expect(MIN_RESPONSE_HEADER_BYTES).toBe(worst);
    for (const k of RESPONSE_KINDS) expect(renderResponseHead(k, { ...WORST_RES, headerBytes: MIN_RESPONSE_HEADER_BYTES })).toHaveLength(MIN_RESPONSE_HEADER_BYTES);
    expect(() => renderResponseHead('event-stream', { headerBytes: 116 })).toThrow(/below the minimum 117/);
    expect(renderResponseHead('event-stream', { headerBytes: 117 })).toHaveLength(117);
    // The real `ws` 101 (129 B, shared/REFERENCES.md) is allowed: its floor is its four lines.
    expect(minResponseHeaderBytes('ws-accept')).toBe(129);
  });

  it('refuses missing or invalid options', () => {
    expect(() => renderResponseHead('json', { headerBytes: 300 })).toThrow(/contentLength/);
    expect(() => renderResponseHead('ws-accept', { headerBytes: 300, wsAccept: 'x' })).toThrow(/wsAccept/);
    expect(() => renderResponseHead('chunked', { headerBytes: 300, contentType: 'a'.repeat(40) })).toThrow(/contentType/);
  });
});
