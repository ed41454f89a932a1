import { describe, expect, it } from 'vitest';
import { KEY_INDEX, KEYS, checkValue } from '../../../src/sim';
import { formatValue, isWide, roundSignificant, SLIDER_STEPS, sliderScale } from '../../../src/app/controls/slider-scale';
import { advance, posFromSpeed, speedFromPos } from '../../../src/app/playback/advance';

describe('slider scale', () => {
  it('uses a log scale for ranges of three decades or more', () => {
    expect(isWide(KEY_INDEX.get('clients')!)).toBe(true);
    expect(isWide(KEY_INDEX.get('network.latencyMs')!)).toBe(true);
    expect(isWide(KEY_INDEX.get('network.lossRate')!)).toBe(false);
  });

  it('reaches both ends and round-trips the default', () => {
    for (const spec of KEYS) {
      if (spec.kind === 'enum') continue;
      const s = sliderScale(spec);
      expect(s.toValue(0)).toBe(spec.zeroMeansOff ? 0 : spec.min);
      expect(s.toValue(SLIDER_STEPS)).toBe(spec.max);
      const d = spec.default as number;
      expect(Math.abs(s.toPos(d) - s.toPos(s.toValue(s.toPos(d))))).toBeLessThanOrEqual(1);
    }
  });

  it('only produces values the core accepts', () => {
    for (const spec of KEYS) {
      if (spec.kind === 'enum') continue;
      const s = sliderScale(spec);
      for (let pos = 0; pos <= SLIDER_STEPS; pos += 7) expect(() => checkValue(spec.key, s.toValue(pos))).not.toThrow();
    }
  });

  it('rounds to readable numbers', () => {
    expect(roundSignificant(47.2913, 2)).toBe(47);
    expect(roundSignificant(1234, 2)).toBe(1200);
    // The ends of the doubles (a review: the number boxes showed NaN for 5e-324).
    expect(roundSignificant(5e-324, 6)).toBe(5e-324);
    expect(roundSignificant(1e-310, 2)).toBe(1e-310);
    expect(Number.isFinite(roundSignificant(1.7e308, 2))).toBe(true);
    expect(formatValue(5e-324)).toBe('5e-324');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue('poisson')).toBe('poisson');
  });
});

describe('playback', () => {
  it('advances by wall time times speed and stops at the end', () => {
    expect(advance(0, 16, 1, 1000)).toEqual({ t: 16, ended: false });
    expect(advance(0, 16, 0.1, 1000).t).toBeCloseTo(1.6);
    expect(advance(990, 16, 1, 1000)).toEqual({ t: 1000, ended: true });
    // A long pause (background tab) counts as at most 100 ms.
    expect(advance(0, 5000, 1, 1e6).t).toBe(100);
  });

  it('maps the speed slider logarithmically from 0.1x to 10x', () => {
    expect(speedFromPos(-1)).toBe(0.1);
    expect(speedFromPos(0)).toBe(1);
    expect(speedFromPos(1)).toBe(10);
    expect(speedFromPos(posFromSpeed(2))).toBe(2);
  });
});
