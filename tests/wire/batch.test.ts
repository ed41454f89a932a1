// Tests of the JSON batch of a poll response body.
// Sources: RFC 8259 §5 (array = begin-array [ value *( value-separator value ) ] end-array),
// SPEC §2 (brackets and commas are framing).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { batchFramingBytes, renderBatch } from '../../src/sim/wire/batch';
import { renderUpdatePayload } from '../../src/sim/wire/payload';

describe('batch', () => {
  it('hand-computed sizes: "[]" = 2, "[a]" = 2, "[a,b,c]" = 4 framing bytes', () => {
    expect(batchFramingBytes(0)).toBe(2);
    expect(batchFramingBytes(1)).toBe(2);
    expect(batchFramingBytes(3)).toBe(4);
    expect(renderBatch([])).toBe('[]');
    expect(renderBatch(['1', '2', '3'])).toBe('[1,2,3]');
  });
  it('rendered length = framing + sum of payloads, and parses as a JSON array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 20 }), (sizes) => {
        const items = sizes.map((b, i) => renderUpdatePayload(i, i * 10.5, b));
        const text = renderBatch(items);
        const payload = sizes.reduce((a, b) => a + b, 0);
        expect(text.length).toBe(batchFramingBytes(items.length) + payload);
        expect(Array.isArray(JSON.parse(text))).toBe(true);
        expect(JSON.parse(text)).toHaveLength(items.length);
      }),
    );
  });
  it('rejects a negative count', () => {
    expect(() => batchFramingBytes(-1)).toThrow();
  });
});
