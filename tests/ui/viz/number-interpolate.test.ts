// The page's number-only interpolators (src/viz/number-interpolate.ts) that
// interpolate.config.ts hands to d3-scale in the build: for numbers they
// must give what d3-interpolate gives (the reference is d3-interpolate
// itself, imported here unredirected), and anything else must be refused
// loudly rather than turned into NaN. A scale built on them behaves as
// d3-scale's own.
import fc from 'fast-check';
import * as d3i from 'd3-interpolate';
import { describe, expect, it } from 'vitest';
import { interpolate, interpolateNumber, interpolateRound, piecewise } from '../../../src/viz/number-interpolate';

const num = fc.double({ min: -1e9, max: 1e9, noNaN: true });
const t = fc.double({ min: -0.5, max: 1.5, noNaN: true });

describe('number-only interpolators', () => {
  it('interpolateNumber and interpolate agree with d3-interpolate for numbers', () => {
    fc.assert(
      fc.property(num, num, t, (a, b, u) => {
        expect(interpolateNumber(a, b)(u)).toBe(d3i.interpolateNumber(a, b)(u));
        expect(interpolate(a, b)(u)).toBe(d3i.interpolate(a, b)(u) as number);
      }),
    );
  });

  it('interpolateRound agrees with d3-interpolate', () => {
    fc.assert(
      fc.property(num, num, t, (a, b, u) => {
        expect(interpolateRound(a, b)(u)).toBe(d3i.interpolateRound(a, b)(u));
      }),
    );
  });

  it('piecewise agrees with d3-interpolate, with and without an interpolator', () => {
    fc.assert(
      fc.property(fc.array(num, { minLength: 2, maxLength: 6 }), t, (vs, u) => {
        expect(piecewise(vs)(u)).toBe(d3i.piecewise(vs)(u) as number);
        expect(piecewise(interpolateRound, vs)(u)).toBe(d3i.piecewise(d3i.interpolateRound, vs)(u));
      }),
    );
  });

  it('refuses a colour or a string with a message that names the build setting', () => {
    expect(() => interpolate('red' as unknown as number, 1)).toThrow(/interpolate numbers only \(interpolate\.config\.ts\), not "red"/);
    expect(() => interpolateRound(0, '1px' as unknown as number)).toThrow(/not "1px"/);
  });
});
