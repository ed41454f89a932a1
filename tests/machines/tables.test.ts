// The generated tables (src/sim/machines/tables.generated.ts) are what the
// page and the command line run; they must be exactly what compiling the
// xstate definitions gives now. If this fails, a machine changed: run
// `npm run machines` and commit the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollingBehaviour } from '../../src/sim/techniques/polling/machine';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { MACHINE_TABLES } from '../../src/sim/machines/tables.generated';
import { checkXstateVersion, machineTables, renderTables, XSTATE_MACHINES } from '../../src/sim/machines/oracle';
import { link } from '../../src/sim/machines/engine/link';
import { compile, XSTATE_VERSION } from '../../src/sim/machines/engine/compile';
import { createRequire } from 'node:module';

const file = join(import.meta.dirname, '..', '..', 'src', 'sim', 'machines', 'tables.generated.ts');

describe('generated machine tables', () => {
  it('hold every machine, as compiled from its xstate definition now', () => {
    expect(Object.keys(MACHINE_TABLES).sort()).toEqual(XSTATE_MACHINES.map((m) => m.id).sort());
    expect(MACHINE_TABLES).toEqual(machineTables());
  });

  it('are the generator’s text, byte for byte (run npm run machines when this fails)', () => {
    expect(readFileSync(file, 'utf8')).toBe(renderTables());
  });

  it('name timers by the ids xstate gives them (the `after` of a state: xstate.after.<delay>.<state id>)', () => {
    const text = JSON.stringify(MACHINE_TABLES.server);
    expect(text).toContain('"cancel":"xstate.after.longPollTimeout.server.holding"');
    expect(JSON.stringify(MACHINE_TABLES['polling-client'])).toContain('"id":"tick","delay":"interval"');
  });

  it('refuse a machine with inline functions, which a generated table cannot name', () => {
    const m = setup({}).createMachine({ id: 'inline', initial: 'a', states: { a: { entry: () => {} } } });
    expect(compile(m).inline).toHaveLength(1);
    expect(() => machineTables([m])).toThrow("machine 'inline': 1 inline function(s); name every action");
  });

  it('link only with a behaviour that has every function they name', () => {
    expect(() => link(MACHINE_TABLES['polling-client'], { ...pollingBehaviour, actions: {} } as unknown as Parameters<typeof link>[1])).toThrow(
      "fast engine: machine 'polling-client': action 'sendPoll' is named by its table but its behaviour has no such function",
    );
  });

  // Issue 9: pin the xstate version that the compiler reads, refuse others, and say what is supported in docs/model.md exactly.
  it('come from the xstate release the compiler reads: installed, pinned exactly, and no other accepted', () => {
    const root = join(import.meta.dirname, '..', '..');
    const installed = (createRequire(join(root, 'package.json'))('xstate/package.json') as { version: string }).version;
    const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> });
    expect(installed).toBe(XSTATE_VERSION);
    expect(pinned.devDependencies?.xstate ?? pinned.dependencies?.xstate).toBe(XSTATE_VERSION);
    expect(() => checkXstateVersion(XSTATE_VERSION)).not.toThrow();
    expect(() => checkXstateVersion('5.34.0')).toThrow(`xstate 5.34.0 is installed, but the machine compiler reads xstate ${XSTATE_VERSION}'s internals`);
  });

  it('are documented in docs/model.md with the supported subset word for word as the engine states it', () => {
    const root = join(import.meta.dirname, '..', '..');
    const comment = readFileSync(join(root, 'src', 'sim', 'machines', 'engine.ts'), 'utf8').split('\n');
    const start = comment.findIndex((l) => l.startsWith('// Supported subset'));
    expect(start).toBeGreaterThan(0);
    const end = comment.findIndex((l, i) => i > start && !/^\/\/ \S/.test(l));
    const words = (t: string) => t.replace(/\s+/g, ' ').trim();
    const subset = words(comment.slice(start, end).map((l) => l.slice(3)).join(' '));
    expect(subset).toContain('Not supported: parallel and history states');
    expect(words(readFileSync(join(root, 'docs', 'model.md'), 'utf8'))).toContain(subset);
    expect(readFileSync(join(root, 'docs', 'model.md'), 'utf8')).toContain(`xstate ${XSTATE_VERSION}, pinned exactly`);
  });
});
