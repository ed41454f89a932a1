// Shared pieces of the fuzz suites (issue 7): how many cases to run, hostile
// text, and the check every refusal must pass. `npm test` runs a few
// seconds' worth; FUZZ_RUNS=N (e.g. FUZZ_RUNS=20000 npx vitest run tests/fuzz)
// runs N cases per suite and prints what they did.
import fc from 'fast-check';
import { expect } from 'vitest';

/** Cases per property: FUZZ_RUNS when set (the deep run), else `quick`. */
export function runs(quick: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : quick;
}

export const deep = (): boolean => Number(process.env.FUZZ_RUNS) > 0;

/** Run a suite, counting a failure in its tally, and print the tally (one line, deep run or not). */
export function tallied(name: string, tally: Record<string, number>, run: () => void): void {
  try {
    run();
  } catch (e) {
    tally.failures = (tally.failures ?? 0) + 1;
    throw e;
  } finally {
    console.log(`fuzz ${name}: ${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Text a hostile user would type: control characters, escapes, markup, long runs, odd Unicode. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u001b[31m', '\u0007', '\r\n', '\u0000', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '${7*7}', '%00', '\u202e', '\ud800', '💥', '=', '==', '--', '-'),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers as text, around and past every range. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 20000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('0', '1', '1.5', '0.5', '-0', '1e400', '-1e400', '1e-400', '5e-324', 'NaN', 'Infinity', '0x10', '1_000', ' 7 ', '', '.', '1e', '3600000', '3600001', '10000', '10001', '16777216'),
);

/** A refusal's one line: short, printable, prefixed. */
export function checkLine(stderr: string, maxChars: number): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  expect(line.includes('\n')).toBe(false);
  expect(line.length).toBeLessThanOrEqual(maxChars);
  expect(CONTROL.test(line)).toBe(false);
  return line;
}
