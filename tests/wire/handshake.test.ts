// Tests of the WebSocket handshake keys.
// Sources: RFC 6455 §1.3 (sample key "dGhlIHNhbXBsZSBub25jZQ==" -> accept
// "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; the nonce is the ASCII bytes of
// "the sample nonce"), §4.1 (key = base64 of 16 bytes), RFC 4648 §10 (base64 test vectors).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWebSocketKey, websocketAccept, WEBSOCKET_GUID } from '../../src/sim/wire/handshake';
import { base64Encode } from '../../src/sim/wire/base64';

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('base64 (RFC 4648 §10 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('%j -> %j', (input, out) => {
    expect(base64Encode(ascii(input))).toBe(out);
  });
  it('matches btoa for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(base64Encode(b)).toBe(btoa(String.fromCharCode(...b)));
      }),
    );
  });
});

describe('Sec-WebSocket-Key / Accept (RFC 6455)', () => {
  it('GUID is the one of §1.3', () => {
    expect(WEBSOCKET_GUID).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
  });
  it('§1.3 sample: key from "the sample nonce", accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', () => {
    expect(makeWebSocketKey(ascii('the sample nonce'))).toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(websocketAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
  it('a second known pair (the handshake example of the Wikipedia article "WebSocket")', () => {
    expect(websocketAccept('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });
  it('keys are 24 characters, accepts 28, for any 16 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        const k = makeWebSocketKey(b);
        expect(k).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(websocketAccept(k)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
      }),
    );
  });
  it('refuses a key not made of 16 bytes', () => {
    expect(() => makeWebSocketKey(new Uint8Array(15))).toThrow();
  });
});
