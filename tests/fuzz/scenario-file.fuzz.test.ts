// Fuzz of the scenario file reader (issue 7) on real files: random bytes,
// random and mangled JSON, a secret marker inside. Through the real reader
// (src/cli/scenario-file.ts) and the command line: exit 0 with JSON or exit
// 2 with one short printable line; a file that is not JSON is located by
// line and column, and nothing of its content is echoed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, runCli } from '../../src/cli/run';
import { checkLine, runs, tallied } from './fuzz';

const SECRET = 'Zq7SECRETx';
const dir = mkdtempSync(join(tmpdir(), 'push-sim-fuzz-'));

const content: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json().map((t) => new TextEncoder().encode(t)),
  fc.tuple(fc.json(), fc.nat(), fc.constantFrom(SECRET, `"${SECRET}"`, `{${SECRET}`, `\ufeff`, '\u0000')).map(([t, i, ins]) => new TextEncoder().encode(t.slice(0, i % (t.length + 1)) + ins + t.slice(i % (t.length + 1)))),
  fc.constantFrom(`${SECRET}:x:0:0:root:/root:/bin/bash\n`, `{"clients": 2, ${SECRET}}`, '\ufeff{"durationMs": 1000}').map((t) => new TextEncoder().encode(t)),
);

describe('scenario file fuzz', () => {
  it('every file gives JSON (exit 0) or one short line (exit 2); syntax errors never echo the content', () => {
    const tally = { cases: 0, 'exit 0': 0, 'exit 2': 0, 'not JSON': 0, failures: 0 };
    let n = 0;
    tallied('scenario file', tally, () => {
      fc.assert(
        fc.property(content, (bytes) => {
          tally.cases++;
          const path = join(dir, `s${n++}.json`);
          writeFileSync(path, bytes);
          const o = runCli(['--scenario', path, '--technique', 'sse'], { defaultMaxWork: 20_000 });
          if (o.code === 0) {
            tally['exit 0']++;
            expect(o.stderr).toBe('');
            expect(JSON.parse(o.stdout).results.sse).toBeDefined();
          } else {
            tally['exit 2']++;
            expect(o.stdout).toBe('');
            const line = checkLine(o.stderr, MAX_MESSAGE_CHARS + 10);
            expect(line).toMatch(/--scenario|scenario key|the scenario|work units/);
            if (line.includes('not JSON')) {
              tally['not JSON']++;
              expect(line).toMatch(/line \d+, column \d+/);
              expect(line).not.toContain(SECRET);
            }
          }
        }),
        { numRuns: runs(150) },
      );
    });
  }, 120_000);
});
