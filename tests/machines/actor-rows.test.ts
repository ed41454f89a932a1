// The actors of one machine on one clock are rows of a table
// (src/sim/machines/engine/actor-table.ts): a stopped actor's row is reused,
// so these check what reuse must never change. A handle of a stopped actor
// still ignores what it is sent (xstate 5.33: events after stop are dropped)
// and still reads its last snapshot; a timer left pending by xstate's
// overwrite rule (a second timer under a pending id: the first still fires,
// ../../src/sim/machines/engine.ts) must not reach the actor that takes the
// row next; an action that drives another actor of the same machine still
// reads its own event afterwards (xstate gives each call its arguments);
// after a run's reset, an old handle says so. xstate itself is the
// reference where it has an answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActor, raise, setup, type AnyStateMachine, type EventObject } from 'xstate';
import { Kernel } from '../../src/sim/kernel/kernel';
import { kernelClock } from '../../src/sim/kernel/clock';
import { createFastActor, releaseActors, startMachine } from '../../src/sim/machines/engine';
import { connectionDef } from '../../src/sim/machines/connection';
import { ActorTable } from '../../src/sim/machines/engine/actor-table';
import { link } from '../../src/sim/machines/engine/link';
import { MACHINE_TABLES } from '../../src/sim/machines/tables.generated';

beforeAll(() => {
  // xstate warns when an action drives another actor.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

type Sendable = { send(e: EventObject): void; start(): unknown; getSnapshot(): { value: unknown; status: string } };
type Make = (m: AnyStateMachine, input: unknown) => Sendable;
const engines: [string, (kernel: Kernel) => Make][] = [
  ['xstate', (k) => (m, input) => createActor(m, { clock: kernelClock(k), input } as never) as unknown as Sendable],
  ['fast', (k) => {
    const clock = kernelClock(k);
    return (m, input) => createFastActor(m, { clock, input }) as unknown as Sendable;
  }],
];

describe('actor rows', () => {
  it('a closed connection lets its row go: the next one takes it, and the old handle ignores sends and keeps its last state', () => {
    const clock = kernelClock(new Kernel());
    const a = startMachine(connectionDef, clock, undefined) as unknown as { id: number } & Sendable;
    const row = a.id;
    expect(row).toBeGreaterThanOrEqual(0);
    a.send({ type: 'CLOSE' });
    expect(a.getSnapshot()).toMatchObject({ value: 'closed', status: 'done' });
    expect(a.id).toBe(-1);
    const b = startMachine(connectionDef, clock, undefined) as unknown as { id: number } & Sendable;
    expect(b.id).toBe(row);
    // The stopped one's sends reach nobody: b stays opening.
    a.send({ type: 'ESTABLISHED' });
    expect(b.getSnapshot().value).toBe('opening');
    b.send({ type: 'ESTABLISHED' });
    expect(b.getSnapshot().value).toBe('open');
    expect(a.getSnapshot()).toMatchObject({ value: 'closed', status: 'done' });
  });

  it('10,000 connections opened and closed one after another use one row', () => {
    const clock = kernelClock(new Kernel());
    const ids = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const c = startMachine(connectionDef, clock, undefined) as unknown as { id: number } & Sendable;
      ids.add(c.id);
      c.send({ type: i % 2 === 0 ? 'CLOSE' : 'DROP' });
    }
    expect([...ids]).toEqual([0]);
  });

  // GO arms timer 'x' twice: xstate overwrites the handle, so the first still fires later (after the actor has stopped).
  const twice = setup({
    types: { input: {} as { log: (s: string) => void; name: string }, context: {} as { log: (s: string) => void; name: string } },
    actions: { got: ({ context, event }) => context.log(`${context.name} ${event.type}`) },
  }).createMachine({
    id: 'twice',
    context: ({ input }) => input,
    initial: 'a',
    states: {
      a: {
        on: {
          GO: { actions: [raise({ type: 'T' }, { delay: 100, id: 'x' }), raise({ type: 'T' }, { delay: 200, id: 'x' })] },
          T: { actions: 'got' },
          END: 'done',
        },
      },
      done: { type: 'final' },
    },
  });

  for (const [name, engine] of engines) {
    it(`${name}: a timer orphaned by the overwrite rule never reaches the actor made after its own stopped`, () => {
      const k = new Kernel();
      const make = engine(k);
      const log: string[] = [];
      const first = make(twice, { log: (s: string) => log.push(`${s}@${k.now}`), name: 'first' });
      first.start();
      first.send({ type: 'GO' });
      first.send({ type: 'END' });
      const second = make(twice, { log: (s: string) => log.push(`${s}@${k.now}`), name: 'second' });
      second.start();
      k.run(1_000_000);
      // Both timers were for the first actor, which had stopped: nobody hears them.
      expect(log).toEqual([]);
      expect(second.getSnapshot().value).toBe('a');
    });
  }

  // An action drives another actor of the same machine, then reads its own event.
  const relay = setup({
    types: { input: {} as { log: (s: string) => void; peer: () => Sendable | null }, context: {} as { log: (s: string) => void; peer: () => Sendable | null } },
    actions: {
      pass: (args) => {
        args.context.peer()?.send({ type: 'PING', n: 2 } as EventObject);
        args.context.log(`after ${(args.event as EventObject & { n: number }).n}`);
      },
      note: ({ context, event }) => context.log(`got ${(event as EventObject & { n: number }).n}`),
    },
  }).createMachine({ id: 'relay', context: ({ input }) => input, initial: 'a', states: { a: { on: { PING: { actions: ['note', 'pass'] } } } } });

  it('an action that drives another actor of its machine reads its own event after (same log as xstate)', () => {
    const logs = engines.map(([, engine]) => {
      const make = engine(new Kernel());
      const log: string[] = [];
      const b = make(relay, { log: (s: string) => log.push(`b ${s}`), peer: () => null });
      const a = make(relay, { log: (s: string) => log.push(`a ${s}`), peer: () => b });
      a.start();
      b.start();
      a.send({ type: 'PING', n: 1 } as EventObject);
      return log;
    });
    expect(logs[1]).toEqual(['a got 1', 'b got 2', 'b after 2', 'a after 1']);
    expect(logs[1]).toEqual(logs[0]);
  });

  it('after the run starts afresh an old handle says it belongs to a run that is over, and ignores sends', () => {
    const clock = kernelClock(new Kernel());
    const a = startMachine(connectionDef, clock, undefined);
    releaseActors(clock);
    expect(() => a.getSnapshot()).toThrow(/an actor of a run that is over/);
    const b = startMachine(connectionDef, clock, undefined);
    a.send({ type: 'CLOSE' });
    expect(b.getSnapshot().value).toBe('opening');
  });

  it('a table reset a thousand times over (a client after another) keeps lists the size of one client', () => {
    const t = new ActorTable(link(MACHINE_TABLES.connection, connectionDef.behaviour), kernelClock(new Kernel()));
    for (let client = 0; client < 1000; client++) {
      // Three actors that never stop, as a client's that is alive at the end of its run.
      for (let i = 0; i < 3; i++) t.spawn(undefined).start();
      t.reset();
    }
    const lists = t as unknown as { refs: unknown[]; contexts: unknown[]; rare: unknown[] };
    expect([lists.refs.length, lists.contexts.length, lists.rare.length]).toEqual([3, 3, 3]);
  });

  it('a stopped actor whose row stays taken (an orphaned timer) still refuses to start again', () => {
    const make = engines[1][1](new Kernel());
    const a = make(twice, { log: () => {}, name: 'a' }) as Sendable & { stop(): unknown };
    a.start();
    a.send({ type: 'GO' });
    a.stop();
    expect(() => a.start()).toThrow(/start\(\) after stop\(\) is not supported/);
    expect(a.getSnapshot().status).toBe('stopped');
  });

  it('an actor whose making throws leaves its row free for the next', () => {
    const flaky = setup({}).createMachine({
      id: 'flaky',
      // Its context maker refuses one input: that making throws, the next one (same table) succeeds.
      context: ({ input }) => {
        if (input === 'refused') throw new Error('no context');
        return {};
      },
      initial: 'a',
      states: { a: {} },
    });
    const clock = kernelClock(new Kernel());
    expect(() => createFastActor(flaky, { clock, input: 'refused' })).toThrow('no context');
    const next = createFastActor(flaky, { clock, input: 'fine' }) as unknown as { id: number };
    expect(next.id).toBe(0);
  });
});
