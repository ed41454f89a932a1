// Tests of IMF-fixdate rendering.
// Sources: RFC 9110 §5.6.7 (example "Sun, 06 Nov 1994 08:49:37 GMT" =
// Unix 784111777 s); ECMAScript Date.prototype.toUTCString, which produces
// the same format, as an independent oracle (tests may use Date; src/sim may not).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { imfFixdate, IMF_FIXDATE_LENGTH, WIRE_EPOCH_MS } from '../../src/sim/wire/http-date';

describe('imfFixdate (RFC 9110 §5.6.7)', () => {
  it('the RFC example', () => {
    expect(imfFixdate(784111777_000)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });
  it('the simulation epoch is 2025-01-01, a Wednesday', () => {
    expect(imfFixdate(WIRE_EPOCH_MS)).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    expect(imfFixdate(0)).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
  });
  it('leap day 2024-02-29 was a Thursday', () => {
    expect(imfFixdate(1709164800_000 + 59_999)).toBe('Thu, 29 Feb 2024 00:00:59 GMT');
  });
  it('agrees with Date#toUTCString and is always 29 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000_000_000_000, max: 200_000_000_000_000 }), (ms) => {
        const s = imfFixdate(ms);
        expect(s).toBe(new Date(ms).toUTCString());
        expect(s.length).toBe(IMF_FIXDATE_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });
});
