// The KEYS-driven check (src/sim/scenario/validate.ts, checkValue): every
// key's row of the table (kind, min, max, values, 0 = off) is what decides,
// and every kind of bad value is refused naming the key, the value as
// written and what the key allows. No schema library is involved.
import { describe, expect, it } from 'vitest';
import { checkValue, ScenarioError } from '../../src/sim/scenario/validate';
import { allowedText, KEYS, type KeySpec } from '../../src/sim/scenario/keys';

function refusal(key: string, value: unknown): ScenarioError {
  try {
    checkValue(key, value);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error(`${key}: ${String(value)} accepted`);
}

/** A value that differs from `v` only a little (its case, or a digit more for '1.1'). */
const nearMiss = (v: string) => (v.toUpperCase() !== v ? v.toUpperCase() : `${v}0`);

/** Bad values of every kind for a key, with the word of the message that says why. */
function badValues(spec: KeySpec): [unknown, string, string][] {
  if (spec.kind === 'enum') {
    return [
      ['nope', "'nope'", 'not a known value'],
      [nearMiss(spec.values![0]), `'${nearMiss(spec.values![0])}'`, 'not a known value'],
      [1, '1', 'of the wrong type'],
      [null, 'null', 'of the wrong type'],
    ];
  }
  const out: [unknown, string, string][] = [
    [spec.max! + 1, String(spec.max! + 1), 'out of range'],
    ['5', "'5'", 'of the wrong type'],
    [true, 'true', 'of the wrong type'],
    [[1], '[1]', 'of the wrong type'],
    [{}, '{}', 'of the wrong type'],
  ];
  // Below the minimum, unless 0 = off makes it allowed (then -1 still is not).
  out.push(spec.min! > 0 && !spec.zeroMeansOff ? [spec.min! - 1, String(spec.min! - 1), 'out of range'] : [-1, '-1', 'out of range']);
  if (spec.zeroMeansOff) out.push([spec.min! / 2, String(spec.min! / 2), spec.kind === 'int' && !Number.isInteger(spec.min! / 2) ? 'not an integer' : 'out of range']);
  if (spec.kind === 'int') out.push([spec.min! + 0.5, String(spec.min! + 0.5), 'not an integer']);
  return out;
}

describe('the KEYS-driven check', () => {
  for (const spec of KEYS) {
    it(`${spec.key}: refuses every kind of bad value, naming the key, the value and what is allowed`, () => {
      for (const [value, shown, why] of badValues(spec)) {
        const e = refusal(spec.key, value);
        expect(e.message).toBe(`scenario key '${spec.key}': ${shown} is ${why}; expected ${allowedText(spec)}`);
        expect(e.key).toBe(spec.key);
        expect(e.allowed).toBe(allowedText(spec));
      }
    });

    it(`${spec.key}: accepts its ends, its values and 0 = off`, () => {
      if (spec.kind === 'enum') {
        for (const v of spec.values!) expect(checkValue(spec.key, v)).toBe(v);
        return;
      }
      expect(checkValue(spec.key, spec.min!)).toBe(spec.min);
      expect(checkValue(spec.key, spec.max!)).toBe(spec.max);
      if (spec.zeroMeansOff) expect(checkValue(spec.key, 0)).toBe(0);
    });
  }

  it('refuses the numbers JSON cannot write but a caller can pass: NaN and the infinities', () => {
    expect(refusal('network.latencyMs', NaN).message).toBe("scenario key 'network.latencyMs': NaN is out of range; expected a number from 0 to 10000 ms");
    expect(refusal('network.latencyMs', Infinity).message).toMatch(/^scenario key 'network\.latencyMs': .* is out of range; expected a number from 0 to 10000 ms$/);
    expect(refusal('clients', -Infinity).message).toMatch(/^scenario key 'clients': .* is not an integer; expected an integer from 1 to 1000000$/);
  });

  it('reads -0 as 0, so that it equals the default', () => {
    expect(Object.is(checkValue('network.jitterMs', -0), 0)).toBe(true);
    expect(Object.is(checkValue('websocket.pingIntervalMs', -0), 0)).toBe(true);
  });

  it('names the exact messages of a few keys as a reader sees them', () => {
    expect(refusal('clients', 2.5).message).toBe("scenario key 'clients': 2.5 is not an integer; expected an integer from 1 to 1000000");
    expect(refusal('websocket.pingIntervalMs', 5).message).toBe("scenario key 'websocket.pingIntervalMs': 5 is out of range; expected a number from 10 to 3600000 ms (or 0 = off)");
    expect(refusal('server.updatePattern', 'steady').message).toBe("scenario key 'server.updatePattern': 'steady' is not a known value; expected one of 'periodic', 'poisson', 'bursty'");
  });
});

describe("the keys' meanings (src/sim/scenario/key-help.ts, loaded by the page after its first paint)", () => {
  it('every key has a one-line meaning, and no meaning names a key that does not exist', async () => {
    const { KEY_HELP, helpOf } = await import('../../src/sim/scenario/key-help');
    const keys = new Set(KEYS.map((k) => k.key));
    const missing = KEYS.filter((k) => helpOf(k.key).trim().length < 10).map((k) => k.key);
    expect(missing).toEqual([]);
    expect(Object.keys(KEY_HELP).filter((k) => !keys.has(k))).toEqual([]);
    for (const [k, text] of Object.entries(KEY_HELP)) expect(text, k).not.toMatch(/\n/);
    expect(helpOf('no.such')).toBe('');
  });
});
