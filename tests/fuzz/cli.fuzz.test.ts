// Fuzz of the command line (issue 7): random argument lists (options with
// and without values, inline `=` forms, scenario keys and hostile text) and
// random scenario files (valid JSON, mangled JSON, hostile values), run
// in-process through src/cli/run.ts. Every case must end in exit 0 with one
// valid JSON document on stdout (or the usage text for --help) and nothing
// on stderr, or in exit 2 with nothing on stdout and one short printable
// line on stderr that names what it refuses. No exception may escape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEYS, TECHNIQUES } from '../../src/sim';
import { UsageError } from '../../src/cli/args';
import { MAX_MESSAGE_CHARS, runCli } from '../../src/cli/run';
import { checkLine, hostileText, numberText, runs, tallied } from './fuzz';

/** Keep every run that does start small, so thousands of cases take seconds. */
const FUZZ_MAX_WORK = 20_000;

const keyName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS.map((k) => k.key)) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom(...KEYS.map((k) => k.key)).map((k) => k.slice(0, -1)) },
);
const keyValue = fc.oneof(numberText, fc.constantFrom('periodic', 'poisson', 'bursty', 'Poisson'), hostileText);
const setArg = fc.tuple(keyName, keyValue).map(([k, v]) => `${k}=${v}`);
const technique = fc.oneof(fc.constantFrom(...TECHNIQUES, 'all', 'ALL', 'comet'), hostileText);
const option = fc.constantFrom('--technique', '--set', '--scenario', '--trace', '--help', '-h', '--max-work', '--bogus', '-x', '--');

const token: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 5, arbitrary: setArg.map((kv) => ['--set', kv]) },
  { weight: 1, arbitrary: setArg.map((kv) => [`--set=${kv}`]) },
  { weight: 2, arbitrary: technique.map((t) => ['--technique', t]) },
  { weight: 1, arbitrary: fc.constantFrom(['--trace'], ['--trace=no'], ['--help=0'], ['-h']) },
  { weight: 2, arbitrary: fc.constantFrom('a.json', 'b.json', 'missing.json').map((f) => ['--scenario', f]) },
  { weight: 1, arbitrary: fc.oneof(numberText, fc.constantFrom('20000', '1', '5000')).map((n) => ['--max-work', n]) },
  { weight: 1, arbitrary: option.map((o) => [o]) },
  { weight: 1, arbitrary: hostileText.map((t) => [t]) },
);

/** Scenario values: mostly keys with plausible values, sometimes anything JSON can hold. */
const scenarioValue = fc.oneof(fc.double(), fc.integer({ min: -10, max: 20000 }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 10 }), fc.constantFrom('periodic', 'bursty'));
const scenarioObject = fc.dictionary(keyName, fc.oneof({ weight: 4, arbitrary: scenarioValue }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }), { maxKeys: 6 });
const nestedScenario = fc.record({ network: fc.dictionary(fc.constantFrom('latencyMs', 'jitterMs', 'lossRate', 'bogus'), scenarioValue, { maxKeys: 3 }), durationMs: fc.integer({ min: 1, max: 5000 }) }, { requiredKeys: [] });
const fileText: fc.Arbitrary<string> = fc.oneof(
  scenarioObject.map((o) => JSON.stringify(o)),
  nestedScenario.map((o) => JSON.stringify(o)),
  fc.json(),
  fc.tuple(fc.json(), fc.nat(), fc.constantFrom(',', '}', '"', ':', '\u0000', '/*')).map(([t, i, c]) => t.slice(0, i % (t.length + 1)) + c + t.slice(i % (t.length + 1))),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('\ufeff{"clients": 2}', '{"seed": 1e400}', '{"clients":1,"clients":2}', '{"network.latencyMs":1,"network":{"latencyMs":2}}', '[[[[[[[[[[]]]]]]]]]]', ''),
);

describe('command-line fuzz', () => {
  it('every argument list ends in JSON (exit 0) or one short refusal line (exit 2)', () => {
    const tally = { cases: 0, 'exit 0': 0, 'exit 2': 0, failures: 0 };
    tallied('command line', tally, () => {
      fc.assert(
        fc.property(fc.array(token, { maxLength: 6 }), fileText, fileText, (tokens, a, b) => {
          tally.cases++;
          const argv = tokens.flat();
          const files: Record<string, string> = { 'a.json': a, 'b.json': b };
          const readFile = (path: string): string => {
            if (path in files) return files[path];
            throw new UsageError(`--scenario: cannot read '${path.slice(0, 40)}': ENOENT`);
          };
          // Small runs only: a bigger one is refused by the work limit, which is an outcome like any other.
          const o = runCli(argv, { readFile, defaultMaxWork: FUZZ_MAX_WORK });
          if (o.code === 0) {
            tally['exit 0']++;
            expect(o.stderr).toBe('');
            if (argv.includes('--help') || argv.includes('-h')) expect(o.stdout.startsWith('usage:')).toBe(true);
            else {
              const lines = o.stdout.split('\n');
              expect(lines).toHaveLength(2);
              const doc = JSON.parse(lines[0]);
              expect(Object.keys(doc)).toEqual(['scenario', 'results']);
              expect(Object.keys(doc.results).length).toBeGreaterThan(0);
            }
          } else {
            tally['exit 2']++;
            expect(o.code).toBe(2);
            expect(o.stdout).toBe('');
            const line = checkLine(o.stderr, MAX_MESSAGE_CHARS + 10);
            expect(line.startsWith('sim: ')).toBe(true);
            // It names what it refuses: an option, a scenario key, the scenario file or the work limit.
            expect(line).toMatch(/--[a-z-]+|scenario key|the scenario|unknown argument|work units|option /);
          }
        }),
        { numRuns: runs(400) },
      );
    });
    // Both outcomes occur: the generator reaches real runs, not only refusals.
    expect(tally['exit 0']).toBeGreaterThan(0);
    expect(tally['exit 2']).toBeGreaterThan(0);
  }, 120_000 + runs(0) * 100);
});
