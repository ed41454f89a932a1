// Timer work when one machine's action drives another (src/sim/machines/engine/actor-table.ts
// keeps every actor's deferred timer work on one shared stack): a machine
// that, inside a macrostep, sends to a second machine and makes and starts a
// third, each arming timers in that same call. xstate 5.33 itself is the
// reference: every timer must fire at the same virtual time, in the same
// order, with the same action log, under both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActor, raise, setup, type AnyStateMachine, type EventObject } from 'xstate';
import { Kernel } from '../../src/sim/kernel/kernel';
import { kernelClock } from '../../src/sim/kernel/clock';
import { createFastActor } from '../../src/sim/machines/engine';

// xstate warns when an action drives another actor (as the run's machines do not: their ports do).
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

type Log = (s: string) => void;
type Sendable = { send(e: EventObject): void; start(): unknown; stop(): unknown };
type Make = (m: AnyStateMachine, input: unknown) => Sendable;

const inner = setup({
  types: { input: {} as { log: Log; name: string }, context: {} as { log: Log; name: string } },
  actions: {
    tick: ({ context }) => context.log(`${context.name} tick`),
    poked: ({ context }) => context.log(`${context.name} poked`),
    x: ({ context }) => context.log(`${context.name} x`),
  },
}).createMachine({
  id: 'inner',
  context: ({ input }) => input,
  initial: 'a',
  states: {
    a: {
      // Armed while the actor is made (inside the outer machine's action), fired after start().
      entry: raise({ type: 'TICK' }, { delay: 30, id: 't' }),
      on: {
        TICK: { actions: 'tick' },
        POKE: { actions: ['poked', raise({ type: 'X' }, { delay: 70, id: 'x' }), raise({ type: 'X' }, { delay: 20 })] },
        X: { actions: 'x' },
      },
    },
  },
});

function outer(make: Make, log: Log) {
  let first: Sendable | null = null;
  return setup({
    actions: {
      poke: () => {
        // Inside this macrostep: a send to one machine, another made and started.
        first ??= make(inner, { log, name: 'first' });
        first.start();
        first.send({ type: 'POKE' });
        make(inner, { log, name: 'second' }).start();
        log('outer poke done');
      },
      late: () => log('outer late'),
      early: () => log('outer early'),
    },
  }).createMachine({
    id: 'outer',
    initial: 'a',
    states: {
      a: {
        on: {
          GO: { target: 'b', actions: [raise({ type: 'LATE' }, { delay: 100, id: 'late' }), 'poke', raise({ type: 'EARLY' }, { delay: 10 })] },
        },
      },
      b: { on: { LATE: { actions: 'late' }, EARLY: { actions: 'early' }, GO: { actions: 'poke' } } },
    },
  });
}

function runWith(engine: 'xstate' | 'fast'): string[] {
  const kernel = new Kernel();
  const clock = kernelClock(kernel);
  const log: string[] = [];
  const note: Log = (s) => log.push(`${s} @${kernel.now}`);
  const make: Make = (m, input) => (engine === 'xstate' ? createActor(m, { clock, input }) : createFastActor(m, { clock, input })) as unknown as Sendable;
  const o = make(outer(make, note), undefined);
  o.start();
  o.send({ type: 'GO' });
  kernel.run(50_000);
  o.send({ type: 'GO' }); // again, from state b: the first inner machine re-armed, a third one made
  kernel.run(500_000);
  return log;
}

describe('timers of machines driven from another machine’s action', () => {
  it('fire as in xstate 5.33: same order, same virtual times', () => {
    const fast = runWith('fast');
    expect(fast).toEqual(runWith('xstate'));
    // Independent of either engine: the first GO at 0 arms outer's LATE at 100 ms and EARLY at 10 ms,
    // the inner machines' TICK at 30 ms and first's X at 20 ms (no id) and 70 ms.
    expect(fast).toContain('outer early @10000');
    expect(fast).toContain('outer late @100000');
    expect(fast).toContain('first tick @30000');
    expect(fast).toContain('second tick @30000');
    expect(fast).toContain('first x @20000');
    expect(fast).toContain('first x @70000');
  });
});
