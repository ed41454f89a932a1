// One home per technique (issue 9): what a technique does lives in its file
// under src/sim/techniques/; the runtime (src/sim/run) and the machines ask
// the technique and never test which one it is running.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/sim';
import { TECHNIQUE_DEFS } from '../../src/sim/techniques';

const ROOT = join(import.meta.dirname, '..', '..', 'src', 'sim');
const sources = (dir: string) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => [`${dir}/${f}`, readFileSync(join(ROOT, dir, f), 'utf8')] as const);

describe('one home per technique', () => {
  it('the runtime and the machines never compare against a technique id', () => {
    const ids = TECHNIQUES.map((t) => t.replace('-', '\\-')).join('|');
    const test = new RegExp(`[!=]==?\\s*'(${ids})'|'(${ids})'\\s*[!=]==?|case '(${ids})'`);
    // The work estimate too (src/sim/run/work.ts): each technique states its own share (Technique.work).
    const offenders = [...sources('run'), ...sources('machines'), ...sources('http2')].filter(([, text]) => test.test(text)).map(([f]) => f);
    expect(offenders).toEqual([]);
  });

  it('every technique has its definition, under its own id; push techniques say what their stream carries', () => {
    expect(Object.keys(TECHNIQUE_DEFS)).toEqual([...TECHNIQUES]);
    for (const id of TECHNIQUES) expect(TECHNIQUE_DEFS[id].id).toBe(id);
    const pushes = TECHNIQUES.filter((id) => TECHNIQUE_DEFS[id].stream);
    expect(pushes).toEqual(['sse', 'websocket', 'streaming']);
  });

  it('each technique is one folder: its client machine (an xstate definition) and its technique, nothing of it elsewhere', () => {
    for (const id of TECHNIQUES) {
      const dir = join(ROOT, 'techniques', id);
      expect(readdirSync(dir).sort(), id).toEqual(['index.ts', 'machine.ts', 'packets.ts']);
      expect(readFileSync(join(dir, 'machine.ts'), 'utf8'), id).toMatch(/\bsetup\(|\bpersistentClient\(/);
    }
    // The runtime's machine folder holds the shared machines only (the connection's and the server's).
    expect(existsSync(join(ROOT, 'machines', 'clients'))).toBe(false);
  });
});
