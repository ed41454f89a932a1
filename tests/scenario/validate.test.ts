// Scenario resolution and validation (src/sim/scenario/validate.ts) against
// SPEC §3: the defaults of the table, nested and --set style input (--set
// wins, SPEC §5), and refusals whose message names the key, the value and the
// allowed range.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseValue, resolveScenario, ScenarioError } from '../../src/sim/scenario/validate';
import { changedKeys, defaultFlat, nest, toFlat } from '../../src/sim/scenario/flat';
import { KEYS, type KeySpec } from '../../src/sim/scenario/keys';

// SPEC §3's table, copied from the SPEC (not from keys.ts).
const SPEC_DEFAULTS: Record<string, number | string> = {
  seed: 1,
  durationMs: 60000,
  clients: 1,
  'network.latencyMs': 50,
  'network.jitterMs': 0,
  'network.bandwidthKbps': 10000,
  'network.lossRate': 0,
  'server.updateRateHz': 0.2,
  'server.updatePattern': 'poisson',
  'server.payloadBytes': 100,
  'client.sendRateHz': 0,
  'client.payloadBytes': 100,
  // SPEC §3 says 400 and 300. Issue 10 asks for heads from measured browsers
  // and servers by default, the two keys setting every head only when given:
  // 0 = each head from http.headProfile (a deliberate departure, in the note).
  'http.requestHeaderBytes': 0,
  'http.responseHeaderBytes': 0,
  'polling.intervalMs': 1000,
  'longPolling.timeoutMs': 30000,
  'longPolling.reconnectDelayMs': 0,
  'sse.retryMs': 3000,
  'websocket.pingIntervalMs': 0,
};

/** Read a dotted key from a nested object. */
function get(obj: unknown, key: string): unknown {
  let v: unknown = obj;
  for (const p of key.split('.')) v = (v as Record<string, unknown>)?.[p];
  return v;
}

/** Run `f`, expect a ScenarioError, return it. */
function refusal(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('expected a ScenarioError, nothing was thrown');
}

describe('defaults (SPEC §3)', () => {
  it('resolving an empty scenario gives the SPEC table, nested the way keys are dotted', () => {
    const s = resolveScenario();
    for (const [key, value] of Object.entries(SPEC_DEFAULTS)) expect(get(s, key), key).toBe(value);
    expect(s.network.latencyMs).toBe(50);
    expect(s.server.updatePattern).toBe('poisson');
  });

  it('the flat defaults contain every SPEC key with the SPEC value', () => {
    const flat = defaultFlat();
    for (const [key, value] of Object.entries(SPEC_DEFAULTS)) expect(flat.get(key), key).toBe(value);
  });

  it('extra keys are dotted with the unit in the name, and have a default in range', () => {
    for (const spec of KEYS) {
      expect(spec.key).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/);
      if (spec.kind !== 'enum' && !(spec.zeroMeansOff && spec.default === 0)) {
        expect(spec.default as number, spec.key).toBeGreaterThanOrEqual(spec.min!);
        expect(spec.default as number, spec.key).toBeLessThanOrEqual(spec.max!);
      }
    }
  });

  it('changedKeys of the defaults is empty', () => {
    expect(changedKeys(resolveScenario()).size).toBe(0);
  });
});

describe('resolution', () => {
  it('takes nested values (a JSON scenario file)', () => {
    const s = resolveScenario({ clients: 50, network: { latencyMs: 20, lossRate: 0.01 }, server: { updatePattern: 'bursty' } });
    expect(s.clients).toBe(50);
    expect(s.network.latencyMs).toBe(20);
    expect(s.network.lossRate).toBe(0.01);
    expect(s.network.bandwidthKbps).toBe(10000);
    expect(s.server.updatePattern).toBe('bursty');
    expect(s.server.updateRateHz).toBe(0.2);
  });

  it('takes --set KEY=VALUE text', () => {
    const s = resolveScenario({}, [
      ['network.latencyMs', '12.5'],
      ['clients', '3'],
      ['server.updatePattern', 'periodic'],
      ['seed', '42'],
    ]);
    expect(s.network.latencyMs).toBe(12.5);
    expect(s.clients).toBe(3);
    expect(s.server.updatePattern).toBe('periodic');
    expect(s.seed).toBe(42);
  });

  it('--set wins over the scenario file (SPEC §5)', () => {
    const s = resolveScenario({ network: { latencyMs: 20 }, clients: 5 }, [['network.latencyMs', '80']]);
    expect(s.network.latencyMs).toBe(80);
    expect(s.clients).toBe(5);
  });

  it('a later --set of the same key wins over an earlier one', () => {
    const s = resolveScenario({}, [
      ['clients', '2'],
      ['clients', '7'],
    ]);
    expect(s.clients).toBe(7);
  });

  it('accepts the ends of a range and 0 for an "off" key', () => {
    expect(resolveScenario({ network: { lossRate: 0 } }).network.lossRate).toBe(0);
    expect(resolveScenario({ websocket: { pingIntervalMs: 0 } }).websocket.pingIntervalMs).toBe(0);
    expect(resolveScenario({}, [['websocket.pingIntervalMs', '0']]).websocket.pingIntervalMs).toBe(0);
  });
});


describe('refusals name the key, the value and the allowed range', () => {
  // Each case: how to trigger it, the key, the value as it should appear, and
  // text that must be in the allowed-range part of the message.
  // `bug` marks a case that fails because of a known bug in src (reported, not
  // fixed here): it runs as it.fails, and turns red once the bug is fixed, so
  // that the marker is removed.
  const cases: { name: string; run: () => unknown; key: string; value: string; allowed: string[]; bug?: string }[] = [
    // unknown key
    { name: 'unknown top-level key', run: () => resolveScenario({ bogus: 3 }), key: 'bogus', value: '3', allowed: ['durationMs', 'network.*', 'faults.*', '--help'] },
    { name: 'unknown nested key (typo)', run: () => resolveScenario({ network: { latncyMs: 20 } }), key: 'network.latncyMs', value: '20', allowed: ['network.latencyMs'] },
    { name: 'unknown --set key', run: () => resolveScenario({}, [['polling.interval', '500']]), key: 'polling.interval', value: '500', allowed: ['polling.intervalMs'] },
    // wrong type
    { name: 'string for a number', run: () => resolveScenario({ clients: '3' }), key: 'clients', value: '3', allowed: ['1', '10000'] },
    { name: 'boolean for a number', run: () => resolveScenario({ network: { latencyMs: true } }), key: 'network.latencyMs', value: 'true', allowed: ['0', '10000'] },
    { name: 'null for a number', run: () => resolveScenario({ network: { jitterMs: null } }), key: 'network.jitterMs', value: 'null', allowed: ['0', '10000'] },
    { name: 'object for a number', run: () => resolveScenario({ durationMs: { a: 1 } }), key: 'durationMs', value: '"a"', allowed: ['3600000'] },
    { name: 'number for an enum', run: () => resolveScenario({ server: { updatePattern: 5 } }), key: 'server.updatePattern', value: '5', allowed: ['periodic', 'poisson', 'bursty'] },
    { name: '--set text that is not a number', run: () => resolveScenario({}, [['clients', 'many']]), key: 'clients', value: 'many', allowed: ['1', '10000'] },
    { name: '--set hex number', run: () => resolveScenario({}, [['clients', '0x10']]), key: 'clients', value: '0x10', allowed: ['1', '10000'] },
    { name: '--set empty value', run: () => resolveScenario({}, [['network.latencyMs', '']]), key: 'network.latencyMs', value: "''", allowed: ['0', '10000'] },
    // out of range
    { name: 'zero clients', run: () => resolveScenario({ clients: 0 }), key: 'clients', value: '0', allowed: ['1', '10000'] },
    { name: 'negative latency', run: () => resolveScenario({ network: { latencyMs: -1 } }), key: 'network.latencyMs', value: '-1', allowed: ['0', '10000'] },
    { name: 'loss rate above 1 (not a probability)', run: () => resolveScenario({ network: { lossRate: 1.5 } }), key: 'network.lossRate', value: '1.5', allowed: ['0', '0.5'] },
    { name: '--set out of range', run: () => resolveScenario({}, [['network.lossRate', '0.75']]), key: 'network.lossRate', value: '0.75', allowed: ['0', '0.5'] },
    { name: 'ping interval below the minimum, not 0', run: () => resolveScenario({ websocket: { pingIntervalMs: 5 } }), key: 'websocket.pingIntervalMs', value: '5', allowed: ['10', '3600000', '0'] },
    { name: 'header smaller than a minimal request head', run: () => resolveScenario({ http: { requestHeaderBytes: 10 } }), key: 'http.requestHeaderBytes', value: '10', allowed: ['65536'] },
    { name: '--set a number too large for a double', run: () => resolveScenario({}, [['network.latencyMs', '1e400']]), key: 'network.latencyMs', value: '1e400', allowed: ['0', '10000'] },
    // non-integer for int keys
    { name: 'fractional clients', run: () => resolveScenario({ clients: 1.5 }), key: 'clients', value: '1.5', allowed: ['integer', '1', '10000'] },
    { name: 'fractional seed', run: () => resolveScenario({ seed: 0.25 }), key: 'seed', value: '0.25', allowed: ['integer', '2147483647'] },
    { name: '--set fractional payload', run: () => resolveScenario({}, [['server.payloadBytes', '99.5']]), key: 'server.payloadBytes', value: '99.5', allowed: ['integer', '16777216'] },
    // bad enum
    { name: 'unknown update pattern', run: () => resolveScenario({ server: { updatePattern: 'random' } }), key: 'server.updatePattern', value: 'random', allowed: ['periodic', 'poisson', 'bursty'] },
    { name: '--set unknown update pattern', run: () => resolveScenario({}, [['server.updatePattern', 'Poisson']]), key: 'server.updatePattern', value: 'Poisson', allowed: ['periodic', 'poisson', 'bursty'] },
    // a non-object in place of a group
    { name: 'number for a group', run: () => resolveScenario({ network: 5 }), key: 'network', value: '5', allowed: ['object'] },
    { name: 'string for a group', run: () => resolveScenario({ server: 'fast' }), key: 'server', value: 'fast', allowed: ['object'] },
    { name: 'null for a group', run: () => resolveScenario({ polling: null }), key: 'polling', value: 'null', allowed: ['object'] },
    { name: 'array for a group', run: () => resolveScenario({ http: [400] }), key: 'http', value: '400', allowed: ['object'] },
  ];

  for (const c of cases) {
    (c.bug ? it.fails : it)(c.bug ? `${c.name} [known bug: ${c.bug}]` : c.name, () => {
      const e = refusal(c.run);
      expect(e.key).toBe(c.key);
      expect(e.message).toContain(`'${c.key}'`);
      expect(e.message).toContain(c.value);
      for (const a of c.allowed) expect(e.message).toContain(a);
      // One line: the CLI prints it as is (SPEC §5).
      expect(e.message).not.toContain('\n');
    });
  }

  it('refuses a scenario that is not an object', () => {
    for (const bad of [5, 'x', null, [1]]) refusal(() => resolveScenario(bad));
  });

  it('the first refusal wins: nothing is partly applied', () => {
    // A refused resolve must throw, not return a scenario with the bad key defaulted.
    expect(() => resolveScenario({ clients: 2, network: { latencyMs: -5 } })).toThrow(ScenarioError);
  });
});

// ---------------------------------------------------------------------------
// Properties over every key (the extra keys of keys.ts included).

function inRange(spec: KeySpec): fc.Arbitrary<number | string> {
  if (spec.kind === 'enum') return fc.constantFrom(...spec.values!);
  const range =
    spec.kind === 'int'
      ? fc.integer({ min: spec.min!, max: spec.max! })
      : fc.double({ min: spec.min!, max: spec.max!, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
  return spec.zeroMeansOff ? fc.oneof(fc.constant(0), range) : range;
}

const flatArb: fc.Arbitrary<Map<string, number | string>> = fc
  .tuple(...KEYS.map((spec) => inRange(spec)))
  .map((values) => new Map(KEYS.map((spec, i) => [spec.key, values[i]])));

describe('scenario properties', () => {
  it('any in-range values round-trip through nest / toFlat', () => {
    fc.assert(
      fc.property(flatArb, (flat) => {
        expect(toFlat(nest(flat))).toEqual(flat);
      }),
      { numRuns: 300 },
    );
  });

  it('any in-range nested scenario resolves to itself', () => {
    fc.assert(
      fc.property(flatArb, (flat) => {
        const s = nest(flat);
        expect(resolveScenario(structuredClone(s))).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('any in-range value written as --set text resolves to the same value', () => {
    fc.assert(
      fc.property(flatArb, (flat) => {
        const sets: [string, string][] = [...flat].map(([k, v]) => [k, String(v)]);
        expect(toFlat(resolveScenario({}, sets))).toEqual(flat);
      }),
      { numRuns: 300 },
    );
  });

  it('changedKeys lists exactly the keys that differ from the default', () => {
    const changesArb = fc
      .subarray(KEYS as KeySpec[])
      .chain((specs) =>
        fc.tuple(
          fc.constant(specs),
          fc.tuple(...specs.map((spec) => inRange(spec).filter((v) => v !== spec.default))),
        ),
      );
    fc.assert(
      fc.property(changesArb, ([specs, values]) => {
        const overrides = new Map(specs.map((spec, i) => [spec.key, values[i] as number | string]));
        const flat = defaultFlat();
        for (const [k, v] of overrides) flat.set(k, v);
        expect(changedKeys(nest(flat))).toEqual(overrides);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ScenarioError says what is wrong as data, not only in its sentence', () => {
  const refusal = (f: () => unknown): ScenarioError => {
    try {
      f();
    } catch (e) {
      if (e instanceof ScenarioError) return e;
      throw e;
    }
    throw new Error('not refused');
  };
  it.each([
    [() => resolveScenario({}, [['clients', 'many']]), 'clients', 'not a number'],
    [() => resolveScenario({}, [['clients', '1e400']]), 'clients', 'out of range'],
    [() => resolveScenario({ clients: 2.5 }), 'clients', 'not an integer'],
    [() => resolveScenario({ clients: 0 }), 'clients', 'out of range'],
    [() => resolveScenario({ clients: '3' }), 'clients', 'of the wrong type'],
    [() => resolveScenario({ server: { updatePattern: 'steady' } }), 'server.updatePattern', 'not a known value'],
    [() => resolveScenario({ network: 5 }), 'network', 'not an object'],
    [() => resolveScenario({ 'network.latencyMs': 1, network: { latencyMs: 2 } }), 'network.latencyMs', 'given twice'],
    [() => resolveScenario({ netwrok: {} }), 'netwrok', 'unknown key'],
  ] as const)('%#: %s', (f, key, problem) => {
    const e = refusal(f);
    expect(e.key).toBe(key);
    expect(e.problem).toBe(problem);
    // The sentence still says it, for the one-line messages of the command line.
    expect(e.message).toContain(problem === 'unknown key' ? 'unknown scenario key' : problem);
  });

  // A control names itself by its label and shows the rest of the sentence (KeyControl.svelte): `detail` is that rest, not read back out of the message.
  it.each([
    ['clients', 'many', `'many' is not a number; expected`],
    ['clients', '1e400', `'1e400' is out of range; expected`],
    ['clients', '2.5', '2.5 is not an integer; expected'],
    ['network.latencyMs', '-1', '-1 is out of range; expected'],
    ['server.updatePattern', 'steady', `'steady' is not a known value; expected`],
  ])('a refused %s = %s: the sentence is the subject, then `detail`', (key, text, start) => {
    const e = refusal(() => parseValue(key, text));
    expect(e.detail.startsWith(start), e.detail).toBe(true);
    expect(e.detail).toContain(e.allowed);
    expect(e.message).toBe(`scenario key '${key}': ${e.detail}`);
  });
});

describe('one number syntax and one typo hint for the command line and the URL', () => {
  it('reads decimal numbers with sign, fraction and exponent, and nothing else', async () => {
    const { readNumber } = await import('../../src/sim/scenario/validate');
    expect([' 5 ', '+5', '-2.5', '5.', '.5', '1e3', '2E-2'].map(readNumber)).toEqual([5, 5, -2.5, 5, 0.5, 1000, 0.02]);
    for (const t of ['', '0x10', '1_000', 'Infinity', 'NaN', '1e400', '1e-400', '5 ms', '--5']) expect(readNumber(t), t).toBeNull();
    expect(readNumber('0')).toBe(0);
    expect(readNumber('0e5')).toBe(0);
  });

  it('suggests the same key for the same typo in both', async () => {
    const { runCli } = await import('../../src/cli/run');
    const { decode } = await import('../../src/app/url/decode');
    const cli = runCli(['--set', 'network.latencyMss=10']).stderr;
    const url = decode('network.latencyMss=10').issues[0];
    expect(cli).toContain("did you mean 'network.latencyMs'?");
    expect(JSON.stringify(url)).toContain('network.latencyMs');
    expect(runCli(['--set', 'qqqqqqqqqqqq=1']).stderr).not.toContain('did you mean');
  });
});
