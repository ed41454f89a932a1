// Tests of the payload text generator.
// Sources: SPEC §3 (`server.payloadBytes`, `client.payloadBytes` are exact
// sizes), RFC 8259 (JSON), RFC 3629 (UTF-8 length of ASCII = 1 byte/char).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { renderUpdatePayload, renderUpstreamPayload } from '../../src/sim/wire/payload';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('renderUpdatePayload', () => {
  it('looks like a JSON update with the id and time', () => {
    // {"id":17,"t":1234.5,"data":""} is 30 bytes by hand count (1+4+1+2+1+3+1+6+1+6+1+2+1); 5 more => 5 x.
    expect(renderUpdatePayload(17, 1234.5, 35)).toBe('{"id":17,"t":1234.5,"data":"xxxxx"}');
    const o = JSON.parse(renderUpdatePayload(17, 1234.5, 100));
    expect(o.id).toBe(17);
    expect(o.t).toBe(1234.5);
  });
  it('degrades gracefully when too small, still exact', () => {
    expect(renderUpdatePayload(17, 1234.5, 0)).toBe('');
    expect(renderUpdatePayload(17, 1234.5, 1)).toBe('0');
    expect(renderUpdatePayload(17, 1234.5, 2)).toBe('""');
    // {"id":17,"data":""} is 19 bytes: the form without t.
    expect(renderUpdatePayload(17, 1234.5, 19)).toBe('{"id":17,"data":""}');
    expect(renderUpdatePayload(17, 1234.5, 29)).toBe('{"id":17,"data":"xxxxxxxxxx"}');
    expect(renderUpdatePayload(17, 1234.5, 30)).toBe('{"id":17,"t":1234.5,"data":""}');
  });
  it('is exactly `bytes` bytes of valid ASCII JSON for any input', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 5000 }), (id, t, bytes) => {
        const s = renderUpdatePayload(id, t, bytes);
        expect(utf8(s)).toBe(bytes);
        expect(s.length).toBe(bytes);
        if (bytes > 0) JSON.parse(s);
      }),
      { numRuns: 1000 },
    );
  });
  it('rejects bad arguments', () => {
    expect(() => renderUpdatePayload(1, 0, -1)).toThrow();
    expect(() => renderUpdatePayload(-1, 0, 10)).toThrow();
    expect(() => renderUpdatePayload(1, Number.NaN, 10)).toThrow();
  });
});

describe('renderUpstreamPayload', () => {
  it('looks like an upstream message', () => {
    // {"from":3,"seq":5,"msg":""} is 27 bytes by hand count.
    expect(renderUpstreamPayload(3, 5, 30)).toBe('{"from":3,"seq":5,"msg":"xxx"}');
    // {"seq":5,"msg":""} is 18 bytes: the form without `from` when 27 do not fit.
    expect(renderUpstreamPayload(3, 5, 26)).toBe('{"seq":5,"msg":"xxxxxxxx"}');
  });
  it('is exactly `bytes` bytes of valid JSON for any input', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.nat({ max: 1e9 }), fc.integer({ min: 0, max: 3000 }), (c, q, bytes) => {
        const s = renderUpstreamPayload(c, q, bytes);
        expect(utf8(s)).toBe(bytes);
        if (bytes > 0) JSON.parse(s);
      }),
    );
  });
});
