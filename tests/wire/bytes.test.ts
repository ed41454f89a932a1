// Tests of the byte-class helpers.
// Sources: WHATWG Encoding Standard (UTF-8 encode; lone surrogates become
// U+FFFD), RFC 3629 §3 (1-4 bytes per code point), SPEC §2 (byte classes).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addSplit, totalOf, utf8Length, decimalDigits, hexDigits, zeroSplit } from '../../src/sim/wire/bytes';

describe('utf8Length', () => {
  it('counts 1, 2, 3 and 4 bytes per code point (RFC 3629 §3)', () => {
    expect(utf8Length('')).toBe(0);
    expect(utf8Length('A')).toBe(1);
    expect(utf8Length('é')).toBe(2); // U+00E9
    expect(utf8Length('€')).toBe(3); // U+20AC
    expect(utf8Length('😀')).toBe(4); // U+1F600, a surrogate pair in UTF-16
    expect(utf8Length('a\u0000b')).toBe(3);
  });
  it('counts a lone surrogate as U+FFFD (3 bytes), like TextEncoder', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('\udc00x')).toBe(4);
    expect(utf8Length('\ud800\ud800\udc00')).toBe(3 + 4);
  });
  it('equals TextEncoder for any UTF-16 string, lone surrogates included', () => {
    const enc = new TextEncoder();
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: anyUnit }), fc.string({ unit: 'binary' })), (s) => {
        expect(utf8Length(s)).toBe(enc.encode(s).length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('digit counts', () => {
  it('decimal and hex boundaries', () => {
    expect([0, 9, 10, 99, 100, 4294967295].map(decimalDigits)).toEqual([1, 1, 2, 2, 3, 10]);
    expect([0, 15, 16, 255, 256, 65535, 65536].map(hexDigits)).toEqual([1, 1, 2, 2, 3, 4, 5]);
  });
  it('match String(n).length and n.toString(16).length', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(decimalDigits(n)).toBe(String(n).length);
        expect(hexDigits(n)).toBe(n.toString(16).length);
      }),
    );
  });
  it('reject negative and fractional numbers', () => {
    expect(() => decimalDigits(-1)).toThrow();
    expect(() => hexDigits(1.5)).toThrow();
  });
});

describe('ByteSplit', () => {
  it('adds component-wise and totals', () => {
    const s = addSplit({ header: 1, framing: 2, payload: 3 }, { header: 10, framing: 20, payload: 30 });
    expect(s).toEqual({ header: 11, framing: 22, payload: 33 });
    expect(totalOf(s)).toBe(66);
    expect(totalOf(zeroSplit())).toBe(0);
  });
});
