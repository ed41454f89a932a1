// Head profiles (src/sim/wire/head-profiles.ts): whose fields each head
// carries. Sources: shared/REFERENCES.md, "Measured here (Chromium 156 to a
// node:http + `ws` server, loopback)": request heads poll about 500 B,
// EventSource 547 B, WebSocket upgrade 499 B, fetch stream 493 B; response
// heads JSON 181 B (empty `[]` 179 B), SSE 189 B, chunked 221 B, `ws` 101
// 129 B. RFC 9112 §2.1 / §5 for the syntax, RFC 6265 §5.4 (one Cookie field).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HEAD_PROFILES,
  REQUEST_KINDS,
  RESPONSE_KINDS,
  minRequestHeaderBytes,
  minResponseHeaderBytes,
  renderRequestHead,
  renderResponseHead,
  requestHeadBytes,
  responseHeadBytes,
} from '../../src/sim/wire/http';

const FIELD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[ \t]*[\x21-\x7e]([ \t\x21-\x7e]*[\x21-\x7e])?$/;
function fields(head: string): string[] {
  expect(head.endsWith('\r\n\r\n')).toBe(true);
  const lines = head.slice(0, -4).split('\r\n').slice(1);
  for (const l of lines) expect(l).toMatch(FIELD);
  return lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
}
const opts = { host: 'push.example', path: '/poll', contentLength: 102, lastEventId: 7 };

describe('chromium-node: the heads measured between Chromium 156 and Node', () => {
  it('gives the measured response heads to the byte', () => {
    expect(renderResponseHead('json', { contentLength: 102 })).toHaveLength(181); // one 100-byte update: `[{...}]` is 102 bytes
    expect(renderResponseHead('json', { contentLength: 2 })).toHaveLength(179); // `[]`
    expect(renderResponseHead('event-stream', {})).toHaveLength(189);
    expect(renderResponseHead('chunked', {})).toHaveLength(221);
    expect(renderResponseHead('ws-accept', {})).toHaveLength(129);
  });

  it('gives request heads within 10 bytes of the measured ones, to the same 15-character host', () => {
    // Measured to 127.0.0.1:<port> over http; ours name an https origin (one byte more in Referer / Origin).
    const to = { ...opts, host: '127.0.0.1:40000' };
    const measured: [Parameters<typeof renderRequestHead>[0], number][] = [['poll', 500], ['sse', 547], ['ws-handshake', 499], ['stream', 493]];
    for (const [kind, bytes] of measured) expect(Math.abs(renderRequestHead(kind, to).length - bytes), kind).toBeLessThanOrEqual(10);
  });

  it('sends what Chromium sends: client hints, Sec-Fetch-*, and an EventSource\'s no-cache', () => {
    const poll = fields(renderRequestHead('poll', opts));
    for (const f of ['user-agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'referer', 'accept-encoding', 'accept-language']) expect(poll).toContain(f);
    const sse = fields(renderRequestHead('sse', opts));
    expect(sse).toContain('pragma');
    expect(sse).toContain('cache-control');
    expect(fields(renderRequestHead('ws-handshake', opts))).toContain('sec-websocket-extensions');
    expect(fields(renderResponseHead('json', { contentLength: 2 }))).toEqual(['content-type', 'cache-control', 'content-length', 'date', 'connection', 'keep-alive']);
  });
});

describe('every profile', () => {
  it('renders every kind with valid syntax, one Host and at most one Cookie, and says its size without rendering', () => {
    for (const profile of HEAD_PROFILES) {
      for (const kind of REQUEST_KINDS) {
        const head = renderRequestHead(kind, { ...opts, profile });
        const names = fields(head);
        expect(names.filter((n) => n === 'host'), `${profile} ${kind}`).toHaveLength(1);
        expect(names.filter((n) => n === 'cookie').length).toBeLessThanOrEqual(1);
        expect(requestHeadBytes(kind, { ...opts, profile })).toBe(head.length);
      }
      for (const kind of RESPONSE_KINDS) {
        const head = renderResponseHead(kind, { contentLength: 102, profile });
        fields(head);
        expect(responseHeadBytes(kind, { contentLength: 102, profile })).toBe(head.length);
      }
    }
  });

  it('minimal is the floor: its heads are the needed fields, nothing more', () => {
    for (const kind of REQUEST_KINDS) expect(renderRequestHead(kind, { ...opts, profile: 'minimal' })).toHaveLength(minRequestHeaderBytes(kind, opts));
    for (const kind of RESPONSE_KINDS) expect(renderResponseHead(kind, { contentLength: 102, profile: 'minimal' })).toHaveLength(minResponseHeaderBytes(kind, { contentLength: 102 }));
  });

  it('cdn carries a site\'s cookies up and a CDN\'s fields down: about 1 KB each way', () => {
    // REFERENCES: request heads "700-800 bytes typical", kilobytes with cookies; responses 1-2 KB on popular sites.
    for (const kind of ['poll', 'sse', 'stream', 'post'] as const) {
      const n = renderRequestHead(kind, { ...opts, profile: 'cdn' }).length;
      expect(n).toBeGreaterThan(900);
      expect(n).toBeLessThan(1300);
    }
    for (const kind of ['json', 'event-stream', 'chunked', 'no-content'] as const) {
      const n = renderResponseHead(kind, { contentLength: 102, profile: 'cdn' }).length;
      expect(n).toBeGreaterThan(700);
      expect(n).toBeLessThan(1100);
    }
  });

  it('cut to any size from the floor up: exactly that size, one Cookie at most', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEAD_PROFILES), fc.constantFrom(...REQUEST_KINDS), fc.integer({ min: 0, max: 3000 }), (profile, kind, extra) => {
        const headerBytes = minRequestHeaderBytes(kind, opts) + extra;
        const head = renderRequestHead(kind, { ...opts, profile, headerBytes });
        expect(head).toHaveLength(headerBytes);
        expect(fields(head).filter((n) => n === 'cookie').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...HEAD_PROFILES), fc.constantFrom(...RESPONSE_KINDS), fc.integer({ min: 0, max: 3000 }), (profile, kind, extra) => {
        const headerBytes = minResponseHeaderBytes(kind, { contentLength: 102 }) + extra;
        const head = renderResponseHead(kind, { contentLength: 102, profile, headerBytes });
        expect(head).toHaveLength(headerBytes);
        fields(head);
      }),
      { numRuns: 1500 },
    );
  });
});
