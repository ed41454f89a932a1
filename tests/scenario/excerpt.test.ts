// Message excerpts (src/sim/scenario/excerpt.ts, issue 7): whatever the
// input, what a message shows of it is short, printable and says how long
// the original was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, escapeControls, EXCERPT_CHARS, excerpt, quote } from '../../src/sim/scenario/excerpt';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('excerpts', () => {
  it('escape control characters (an ANSI colour code stays visible text)', () => {
    expect(escapeControls('\u001b[31mred')).toBe('\\u001b[31mred');
    expect(escapeControls('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
    expect(escapeControls('\u0085\u2028')).toBe('\\u0085\\u2028');
    // Invisible format characters that reorder or hide text (a review: U+202E reached stderr raw).
    expect(escapeControls('\u202egnp.exe\u200b\u2066\ufeff')).toBe('\\u202egnp.exe\\u200b\\u2066\\ufeff');
  });

  it('cut long text and say how long it was', () => {
    const long = 'k'.repeat(1_000_000);
    const q = quote(long);
    expect(q.length).toBeLessThan(EXCERPT_CHARS + 40);
    expect(q).toContain('(1,000,000 characters)');
    expect(cut('short')).toBe('short');
  });

  it('bound any value: deep, wide, cyclic', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100000; i++) deep = { x: deep };
    expect(excerpt(deep).length).toBeLessThanOrEqual(EXCERPT_CHARS + 3);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(excerpt(cyclic).length).toBeLessThanOrEqual(EXCERPT_CHARS + 3);
    expect(excerpt(new Array(1e6).fill(7))).toMatch(/^\[7,7,7,7,\.\.\.\]$/);
    expect(excerpt(null)).toBe('null');
    expect(excerpt(1.5)).toBe('1.5');
  });

  it('are short and printable for any value (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withBigInt: true, withTypedArray: true, withNullPrototype: true }), fc.string({ unit: 'binary', maxLength: 500 }), (v, s) => {
        for (const text of [excerpt(v), quote(s), cut(s)]) {
          expect(text.length).toBeLessThanOrEqual(EXCERPT_CHARS + 40);
          expect(CONTROL.test(text)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
