// SHA-1 (src/sim/wire/sha1.ts) against published digests and, on random
// inputs of every length around the block boundaries, @noble/hashes (a
// well-kept implementation, kept as a test dependency for this).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha1 } from '../../src/sim/wire/sha1';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('SHA-1', () => {
  it('gives the digests of FIPS 180-2 Appendix A (A.1, A.2, A.3) and of the empty message', () => {
    expect(hex(sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('agrees with @noble/hashes on random messages of 0-300 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (m) => {
        expect(hex(sha1(m))).toBe(hex(nobleSha1(m)));
      }),
      { numRuns: 400 },
    );
  });
});
