// The scenario file reader's JSON (src/sim/scenario/json.ts, issue 7): the
// same values as JSON.parse for every valid JSON text (RFC 8259), and for
// what JSON.parse accepts silently or reports badly: a key twice, a number
// that is no double (1e400), nesting 100,000 deep, a byte-order mark, and
// error positions (line, column) that never echo the content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonError, MAX_JSON_DEPTH, NumberText, parseJson } from '../../src/sim/scenario/json';

/** NumberText as JSON.parse would give it (Infinity, or 0 for an underflow). */
function asNumbers(v: unknown): unknown {
  if (v instanceof NumberText) return Number(v.text);
  if (Array.isArray(v)) return v.map(asNumbers);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asNumbers(x)]));
  return v;
}

function error(text: string): JsonError {
  try {
    parseJson(text);
  } catch (e) {
    expect(e).toBeInstanceOf(JsonError);
    return e as JsonError;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJson', () => {
  it('gives the values JSON.parse gives for any JSON text without duplicate keys (property)', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          return;
        }
        // fc.json never writes a key twice nor an out-of-range number.
        expect(parseJson(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what JSON.parse refuses (property over mangled JSON)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', ':', '"', 'x', '\u0001', '/'), (text, at, insert) => {
        const i = at % (text.length + 1);
        const mangled = text.slice(0, i) + insert + text.slice(i);
        let ok = true;
        try {
          JSON.parse(mangled);
        } catch {
          ok = false;
        }
        if (ok) {
          // Valid after all (e.g. an insertion inside a string): the same value (a number kept
          // as written where JSON.parse overflows to Infinity), unless a key came twice.
          let value: unknown;
          try {
            value = parseJson(mangled);
          } catch (e) {
            expect(e).toBeInstanceOf(JsonError);
            expect((e as JsonError).syntax).toBe(false);
            return;
          }
          expect(asNumbers(value)).toEqual(JSON.parse(mangled));
        } else expect(() => parseJson(mangled)).toThrow(JsonError);
      }),
      { numRuns: 300 },
    );
  });

  it('skips a UTF-8 byte-order mark', () => {
    expect(parseJson('\ufeff{"clients": 2}')).toEqual({ clients: 2 });
  });

  it('refuses a key given twice in one object, naming both places', () => {
    const e = error('{\n  "clients": 1,\n  "clients": 2\n}');
    expect(e.line).toBe(3);
    expect(e.column).toBe(3);
    expect(e.syntax).toBe(false);
    expect(e.message).toContain('"clients" is given twice');
    expect(e.message).toContain('first at line 2, column 3');
    // The same key in two different objects is fine.
    expect(parseJson('{"a": {"x": 1}, "b": {"x": 2}}')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it('keeps a number that is no double as written (JSON.parse gives Infinity, then "null")', () => {
    const v = parseJson('{"seed": 1e400, "a": -1e400, "b": 1e-400, "c": 0e-400, "d": 5e-324}') as Record<string, unknown>;
    expect(v.seed).toBeInstanceOf(NumberText);
    expect(String(v.seed)).toBe('1e400');
    expect(String(v.a)).toBe('-1e400');
    expect(v.b).toBeInstanceOf(NumberText);
    // Zero written as zero, and the smallest double, are plain numbers.
    expect(v.c).toBe(0);
    expect(v.d).toBe(5e-324);
  });

  it('refuses nesting deeper than the limit without exhausting the stack (100,000 levels)', () => {
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    const e = error(deep);
    expect(e.column).toBe(MAX_JSON_DEPTH + 1);
    expect(e.message).toMatch(/nested deeper than 64 levels/);
    const deepObj = '{"x":'.repeat(100000) + '1' + '}'.repeat(100000);
    expect(error(deepObj).message).toMatch(/nested deeper/);
    // The limit itself is accepted.
    expect(() => parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('says where the text is wrong (1-based line and column) and never echoes it', () => {
    const secret = 'root:$6$Zx9Secret$hash:19000:0:99999:7:::';
    const e = error(`${secret}\n`);
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.message).not.toContain('root');
    expect(e.message).not.toContain('Secret');
    const e2 = error('{\n  "clients": 2,\n}');
    expect([e2.line, e2.column]).toEqual([3, 1]);
    expect(e2.message).toMatch(/no comma before a closing brace/);
    expect(error('{"a": 1} {"b": 2}').message).toMatch(/more text after the JSON value/);
    expect(error('').message).toMatch(/no JSON value/);
    expect(error('{"a": [1, 2').message).toMatch(/ends inside an array/);
  });

  it('refuses what JSON does not have: comments, single quotes, trailing commas, bare words, raw control characters, NaN', () => {
    for (const t of ['{"a": 1 /* c */}', '// c\n{}', "{'a': 1}", '[1, 2,]', '{a: 1}', '"a\u0001b"', 'NaN', '01', '1.', '+1', '.5']) {
      expect(() => parseJson(t), t).toThrow(JsonError);
      expect(() => JSON.parse(t), t).toThrow();
    }
  });

  it('treats __proto__ as an ordinary key', () => {
    const v = parseJson('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});
