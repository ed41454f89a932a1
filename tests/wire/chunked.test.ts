// Tests of the chunked transfer coding.
// Source: RFC 9112 §7.1 (chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF;
// last-chunk = 1*("0") [ chunk-ext ] CRLF; then trailer-section CRLF).
// Expected texts are hand-written: 26 = 0x1a, 4096 = 0x1000.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chunkFramingBytes, LAST_CHUNK_BYTES, renderChunk, renderLastChunk } from '../../src/sim/wire/chunked';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('chunked coding (RFC 9112 §7.1)', () => {
  it('renders a 26-byte chunk as "1a" CRLF data CRLF', () => {
    const data = 'abcdefghijklmnopqrstuvwxyz';
    expect(renderChunk(data)).toBe('1a\r\nabcdefghijklmnopqrstuvwxyz\r\n');
    expect(chunkFramingBytes(26)).toBe(2 + 2 + 2);
  });
  it('renders the classic "Wiki" example', () => {
    expect(renderChunk('Wiki') + renderChunk('pedia') + renderLastChunk()).toBe('4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n');
  });
  it('hex size-line boundaries: 15 -> "f", 16 -> "10", 4095 -> "fff", 4096 -> "1000"', () => {
    expect([1, 15, 16, 255, 256, 4095, 4096, 65536].map(chunkFramingBytes)).toEqual([5, 5, 6, 6, 7, 7, 8, 9]);
  });
  it('sizes the chunk in bytes, not UTF-16 code units', () => {
    // "é" is 2 bytes in UTF-8, "😀" 4: 6 bytes in all.
    expect(renderChunk('é😀')).toBe('6\r\né😀\r\n');
  });
  it('last chunk is "0" CRLF CRLF = 5 bytes (no trailers)', () => {
    expect(renderLastChunk()).toBe('0\r\n\r\n');
    expect(LAST_CHUNK_BYTES).toBe(5);
  });
  it('a zero-size data chunk is refused: it would end the body', () => {
    expect(() => chunkFramingBytes(0)).toThrow();
    expect(() => renderChunk('')).toThrow();
  });
  it('rendered bytes = framing + data bytes, and the size line parses back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), (data) => {
        const c = renderChunk(data);
        const n = utf8(data);
        expect(utf8(c)).toBe(chunkFramingBytes(n) + n);
        const m = /^([0-9a-f]+)\r\n/.exec(c);
        expect(m).not.toBeNull();
        expect(parseInt(m![1], 16)).toBe(n);
        expect(c.endsWith('\r\n')).toBe(true);
      }),
    );
  });
});
