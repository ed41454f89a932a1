// The fast engine (src/sim/machines/engine.ts) against xstate 5.33 itself.
// Every machine of the project, and a test machine that uses every supported
// feature, is driven side by side in two identical worlds (own kernel, own
// port spies): the same random sends with random payloads, re-entrant sends
// from inside actions, sends scheduled on the kernel, kernel advances and
// stops. After every step both worlds must agree on the state value, status,
// the action log (name and virtual time of every port call), the snapshots
// seen by a subscriber, and the pending timers (due times).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { and, assign, cancel, createActor, emit, enqueueActions, log, raise, sendTo, setup, spawnChild, fromPromise, type AnyStateMachine, type EventObject } from 'xstate';
import { Kernel, type EventId, type KernelTarget } from '../../src/sim/kernel/kernel';
import type { TargetClock } from '../../src/sim/kernel/clock';
import { kernelClock } from '../../src/sim/kernel/clock';
import { PRIORITY } from '../../src/sim/kernel/order';
import { fromMs } from '../../src/sim/kernel/time';
import { createFastActor, assertFastEngineSupports } from '../../src/sim/machines/engine';
import { connectionMachine } from '../../src/sim/machines/connection';
import { serverMachine } from '../../src/sim/machines/server';
import { pollingClient } from '../../src/sim/techniques/polling/machine';
import { longPollingClient } from '../../src/sim/techniques/long-polling/machine';
import { persistentClient } from '../../src/sim/techniques/persistent-machine';
import { sseClient } from '../../src/sim/techniques/sse/machine';
import { websocketClient } from '../../src/sim/techniques/websocket/machine';
import { streamingClient } from '../../src/sim/techniques/streaming/machine';

const MS = 1000;

// xstate's development build warns on every event sent to a stopped actor.
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

// ------------------------------------------------------------------ harness

/** What a port method does besides logging itself (consumed in order from a script). */
type Reaction =
  | { kind: 'none' }
  | { kind: 'now'; event: EventObject } // re-entrant send from inside the action
  | { kind: 'later'; delayUs: number; priority: number; event: EventObject }; // send scheduled on the kernel

type Command =
  | { kind: 'send'; event: EventObject & Record<string, unknown> }
  | { kind: 'run'; dtUs: number }
  | { kind: 'stop' };

interface ActorLike {
  start(): unknown;
  send(event: EventObject): void;
  getSnapshot(): { value: unknown; status: string };
  subscribe(fn: (s: { value: unknown; status: string }) => void): unknown;
  stop(): unknown;
}

interface World {
  kernel: Kernel;
  log: string[];
  seen: string[];
  timers: Map<EventId, number>;
  actor: ActorLike;
}

/** kernelClock plus a record of live timers (armed, not yet fired or cleared). */
function recordingClock(kernel: Kernel, timers: Map<EventId, number>): TargetClock {
  return {
    setTimeout: (fn: (...args: unknown[]) => void, delayMs: number) => {
      const due = kernel.now + fromMs(delayMs);
      const h: EventId = kernel.at(due, PRIORITY.timer, () => {
        timers.delete(h);
        fn();
      });
      timers.set(h, due);
      return h;
    },
    clearTimeout: (h: unknown) => {
      timers.delete(h as EventId);
      kernel.cancel(h as EventId);
    },
    // The fast engine's timers without a closure (src/sim/kernel/clock.ts), recorded the same way; xstate never calls it.
    post: (delayMs: number, target: KernelTarget, code: number) => {
      const due = kernel.now + fromMs(delayMs);
      const h: EventId = kernel.at(due, PRIORITY.timer, () => {
        timers.delete(h);
        target.fire(code);
      });
      timers.set(h, due);
      return h;
    },
  };
}

interface Spec {
  machine: AnyStateMachine;
  /** Port method names; the port goes into `input.port`. Null: the machine takes no input. */
  portMethods: string[] | null;
  /** Input besides the port. */
  input: fc.Arbitrary<Record<string, unknown>>;
  events: fc.Arbitrary<EventObject>;
}

function makeWorld(engine: 'xstate' | 'fast', spec: Spec, inputRest: Record<string, unknown>, reactions: Reaction[]): World {
  const kernel = new Kernel();
  const timers = new Map<EventId, number>();
  const w = { kernel, log: [] as string[], seen: [] as string[], timers } as World;
  let next = 0;
  const port: Record<string, () => void> = {};
  for (const name of spec.portMethods ?? []) {
    port[name] = () => {
      w.log.push(`${name}@${kernel.now}`);
      // Each scripted reaction is used once (cycling could make an endless chain of sends).
      const r = next < reactions.length ? reactions[next++] : { kind: 'none' as const };
      if (r.kind === 'now') w.actor.send(r.event);
      else if (r.kind === 'later') kernel.after(r.delayUs, r.priority, () => w.actor.send(r.event));
    };
  }
  const clock = recordingClock(kernel, timers);
  const input = spec.portMethods ? { ...inputRest, port } : undefined;
  w.actor = (engine === 'xstate' ? createActor(spec.machine, { clock, input }) : createFastActor(spec.machine, { clock, input })) as unknown as ActorLike;
  w.actor.subscribe((s) => w.seen.push(`${JSON.stringify(s.value)}/${s.status}@${kernel.now}`));
  return w;
}

function observe(w: World) {
  const s = w.actor.getSnapshot();
  return {
    value: s.value,
    status: s.status,
    log: [...w.log],
    seen: [...w.seen],
    timers: [...w.timers.values()].sort((a, b) => a - b),
    now: w.kernel.now,
  };
}

function apply(w: World, c: Command): void {
  if (c.kind === 'send') w.actor.send(c.event);
  else if (c.kind === 'run') w.kernel.run(w.kernel.now + c.dtUs);
  else w.actor.stop();
}

const dtUs = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3_000 * MS }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 100 * MS, 500 * MS, 1_000 * MS) },
);

function commands(events: fc.Arbitrary<EventObject>) {
  return fc.array(
    fc.oneof(
      { weight: 6, arbitrary: events.map((event): Command => ({ kind: 'send', event })) },
      { weight: 4, arbitrary: dtUs.map((d): Command => ({ kind: 'run', dtUs: d })) },
      { weight: 1, arbitrary: fc.constant<Command>({ kind: 'stop' }) },
    ),
    { maxLength: 40, size: 'max' },
  );
}

function reactions(events: fc.Arbitrary<EventObject>) {
  return fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<Reaction>({ kind: 'none' }) },
      { weight: 1, arbitrary: events.map((event): Reaction => ({ kind: 'now', event })) },
      {
        weight: 2,
        // Same priority as machine timers too: then the kernel's FIFO order shows whether timers are armed
        // before or after the actions of the same macrostep.
        arbitrary: fc
          .record({ delayUs: fc.oneof(dtUs, fc.constantFrom(0, 100 * MS)), priority: fc.constantFrom(PRIORITY.network, PRIORITY.timer), event: events })
          .map((r): Reaction => ({ kind: 'later', ...r })),
      },
    ),
    { maxLength: 8 },
  );
}

/** Drives both engines with the same script; returns the number of compared steps. */
function checkEquivalent(spec: Spec, numRuns = 150): number {
  let steps = 0;
  fc.assert(
    fc.property(
      spec.input,
      reactions(spec.events),
      fc.array(spec.events, { maxLength: 3 }),
      commands(spec.events),
      fc.integer({ min: 0, max: 3_000 * MS }),
      (inputRest, script, preStart, cmds, finalRun) => {
        const a = makeWorld('xstate', spec, inputRest, script);
        const b = makeWorld('fast', spec, inputRest, script);
        expect(observe(b)).toEqual(observe(a)); // initial snapshot, before start
        for (const e of preStart) {
          a.actor.send(e);
          b.actor.send(e);
        }
        a.actor.start();
        b.actor.start();
        expect(observe(b)).toEqual(observe(a));
        for (const c of [...cmds, { kind: 'run', dtUs: finalRun } as Command]) {
          apply(a, c);
          apply(b, c);
          expect(observe(b)).toEqual(observe(a));
          steps++;
        }
      },
    ),
    { numRuns },
  );
  return steps;
}

// ------------------------------------------------------------------ machines

const n03 = fc.integer({ min: 0, max: 3 });
const delayMs = fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.constantFrom(0, 562.5, 1_000));
/** Periods of re-arming timers: not too short, or a 3 s advance runs thousands of events. */
const periodMs = fc.oneof(fc.integer({ min: 20, max: 3_000 }), fc.constantFrom(562.5, 1_000));
const ev = (type: string) => fc.constant<EventObject>({ type });
const unknownEvent = ev('NOT_HANDLED');

const persistentEvents = fc.oneof(ev('START'), ev('OPENED'), ev('DROPPED'), unknownEvent);
const persistentSpec = (machine: AnyStateMachine): Spec => ({
  machine,
  portMethods: ['connect'],
  input: fc.record({ reconnectDelayMs: delayMs }),
  events: persistentEvents,
});

const specs: Record<string, Spec> = {
  connection: {
    machine: connectionMachine,
    portMethods: null,
    input: fc.constant({}),
    events: fc.oneof(ev('ESTABLISHED'), ev('CLOSE'), ev('DROP'), unknownEvent),
  },
  server: {
    machine: serverMachine,
    portMethods: ['respond', 'respondEmpty', 'subscribe', 'unsubscribe', 'openStream', 'push', 'sendPing', 'upstream'],
    input: fc.record({ longPollTimeoutMs: delayMs, pingIntervalMs: fc.oneof(fc.constant(0), periodMs) }),
    events: fc.oneof(
      ev('POLL'),
      n03.map((queued) => ({ type: 'LONG_POLL', queued })),
      ev('OPEN_STREAM'),
      ev('UPDATE'),
      ev('CLOSED'),
      ev('UPSTREAM'),
      unknownEvent,
    ),
  },
  polling: {
    machine: pollingClient,
    portMethods: ['sendPoll'],
    input: fc.record({ intervalMs: periodMs }),
    events: fc.oneof(
      ev('START'),
      ev('TICK'),
      n03.map((outstanding) => ({ type: 'RESPONSE', outstanding })),
      n03.map((outstanding) => ({ type: 'DROPPED', outstanding })),
      unknownEvent,
    ),
  },
  'long-polling': {
    machine: longPollingClient,
    portMethods: ['sendLongPoll'],
    input: fc.record({ reconnectDelayMs: fc.oneof(fc.constant(0), delayMs) }),
    events: fc.oneof(ev('START'), ev('RESPONSE'), ev('DROPPED'), unknownEvent),
  },
  'persistent (shared shape)': persistentSpec(persistentClient('persistent-test')),
  sse: persistentSpec(sseClient),
  websocket: persistentSpec(websocketClient),
  streaming: persistentSpec(streamingClient),
};

// A machine that uses every feature the engine supports.
interface SinkInput {
  port: Record<string, () => void>;
  flag: boolean;
  d1: number;
}
type SinkEvent = { type: string; n?: number };
const SINK_ACTIONS = [
  'rootEntry', 'rootExit', 'onReset', 'rootSelf', 'aEntry', 'aExit', 'toB', 'aTimeout', 'gotGo', 'bEntry', 'bExit', 'gotLate',
  'xEntry', 'xExit', 'yEntry', 'zExit', 'zSelf', 'cToB', 'gotPing', 'dEntry', 'dToC', 'endEntry', 'endExit', 'inline', 'pinged',
] as const;
const portAction = (name: string) => ({ context }: { context: SinkInput }) => context.port[name]();
const sinkMachine = setup({
  types: {} as { context: SinkInput; input: SinkInput; events: SinkEvent },
  actions: {
    ...(Object.fromEntries(SINK_ACTIONS.map((n) => [n, portAction(n)])) as Record<(typeof SINK_ACTIONS)[number], ReturnType<typeof portAction>>),
    raiseGo: raise({ type: 'GO' }),
    later: raise({ type: 'LATE' }, { delay: 'd1', id: 'late' }),
    laterFn: raise({ type: 'LATE' }, { delay: ({ context }) => context.d1 * 2 + 1, id: 'late2' }),
    laterAnonymous: raise({ type: 'PING' }, { delay: 50 }),
    cancelLate: cancel('late'),
  },
  guards: {
    even: ({ event }) => (event.n ?? 0) % 2 === 0,
    flag: ({ context }) => context.flag,
  },
  delays: { d1: ({ context }) => context.d1 },
}).createMachine({
  id: 'sink',
  context: ({ input }) => input,
  initial: 'a',
  entry: 'rootEntry',
  exit: 'rootExit',
  on: {
    RESET: { target: '.a', reenter: true, actions: 'onReset' },
    JUMP: '.b.y',
    ROOTSELF: { actions: 'rootSelf' },
    END: '.end',
    LATER: { actions: 'later' },
    LATER2: { actions: ['laterFn', 'laterAnonymous'] },
    CANCEL: { actions: 'cancelLate' },
    PING: { actions: 'pinged' },
  },
  states: {
    a: {
      entry: 'aEntry',
      exit: 'aExit',
      after: { 100: 'b', d1: { target: 'c', actions: 'aTimeout' } },
      on: {
        NEXT: [{ guard: 'even', target: 'b', actions: 'toB' }, { target: 'c' }],
        SELF: { target: 'a', reenter: true },
        SELFSOFT: 'a',
        RAISE: { actions: 'raiseGo' },
        GO: { actions: ['gotGo', ({ context }) => context.port.inline()] },
      },
    },
    b: {
      initial: 'x',
      entry: 'bEntry',
      exit: 'bExit',
      after: { 300: { target: 'b', reenter: true } },
      on: { NEXT: '.y', BACK: 'a', GO: 'c', LATE: { actions: 'gotLate' } },
      states: {
        x: { entry: 'xEntry', exit: 'xExit', on: { NEXT: 'y', UP: { target: '#sink.b', reenter: true } } },
        y: { entry: 'yEntry', always: [{ guard: 'flag', target: 'z' }] },
        z: { exit: 'zExit', after: { d1: 'x' }, on: { RAISE: { actions: ['raiseGo', 'zSelf'] }, SELF: { target: 'z', reenter: true } } },
      },
    },
    c: {
      always: { guard: 'flag', target: 'b', actions: 'cToB' },
      on: { NEXT: 'b', LATE: 'a', TRANSIENT: 'd', INLINE: { guard: ({ event }) => (event.n ?? 0) > 1, target: 'b' } },
    },
    d: { entry: 'dEntry', always: { target: 'c', actions: 'dToC' } },
    end: { type: 'final', entry: 'endEntry', exit: 'endExit' },
  },
});
const sinkSpec: Spec = {
  machine: sinkMachine,
  portMethods: [...SINK_ACTIONS],
  input: fc.record({ flag: fc.boolean(), d1: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000 })) }),
  events: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('RESET', 'JUMP', 'ROOTSELF', 'LATER', 'LATER2', 'CANCEL', 'SELF', 'SELFSOFT', 'RAISE', 'GO', 'BACK', 'UP', 'LATE', 'TRANSIENT', 'PING', 'NOT_HANDLED').map((type) => ({ type })) },
    { weight: 4, arbitrary: fc.constantFrom('NEXT', 'INLINE').chain((type) => n03.map((n) => ({ type, n }))) },
    { weight: 1, arbitrary: ev('END') },
  ),
};

// ------------------------------------------------------------------ tests

describe('fast engine = xstate 5.33, random scripts', () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: same states, status, action log with times, snapshots seen and pending timers after every step`, () => {
      expect(checkEquivalent(spec)).toBeGreaterThan(1000);
    });
  }
  it('test machine using every supported feature (reenter, child targets, root on, always, raise, cancel, after, final)', () => {
    expect(checkEquivalent(sinkSpec, 400)).toBeGreaterThan(3000);
  });
});

describe('fast engine = xstate 5.33, pinned cases', () => {
  function both(spec: Spec, inputRest: Record<string, unknown>, script: Command[]) {
    const a = makeWorld('xstate', spec, inputRest, []);
    const b = makeWorld('fast', spec, inputRest, []);
    a.actor.start();
    b.actor.start();
    for (const c of script) {
      apply(a, c);
      apply(b, c);
    }
    expect(observe(b)).toEqual(observe(a));
    return observe(b);
  }

  it('polling: a tick every intervalMs at exactly start + k·interval', () => {
    const o = both(specs.polling, { intervalMs: 100 }, [{ kind: 'send', event: { type: 'START' } }, { kind: 'run', dtUs: 350 * MS }]);
    expect(o.log).toEqual([0, 100, 200, 300].map((t) => `sendPoll@${t * MS}`));
    expect(o.timers).toEqual([400 * MS]);
  });

  it('server: ping timer re-armed by the reenter self-transition; CLOSED cancels it and unsubscribes', () => {
    const o = both(specs.server, { longPollTimeoutMs: 30_000, pingIntervalMs: 15 }, [
      { kind: 'send', event: { type: 'OPEN_STREAM' } },
      { kind: 'run', dtUs: 40 * MS },
      { kind: 'send', event: { type: 'CLOSED' } },
    ]);
    expect(o.log).toEqual(['openStream@0', 'subscribe@0', `sendPing@${15 * MS}`, `sendPing@${30 * MS}`, `unsubscribe@${40 * MS}`]);
    expect(o.value).toBe('idle');
    expect(o.timers).toEqual([]);
  });

  it('server: the value of a nested state is an object', () => {
    const o = both(specs.server, { longPollTimeoutMs: 30_000, pingIntervalMs: 0 }, [{ kind: 'send', event: { type: 'OPEN_STREAM' } }]);
    expect(o.value).toEqual({ streaming: 'quiet' });
  });

  it('a delayed raise scheduled twice under one id: both timers fire, as in xstate 5.33; cancel(id) only reaches the later one', () => {
    const o = both(sinkSpec, { flag: false, d1: 100 }, [
      { kind: 'send', event: { type: 'BACK' } }, // to b (no a-timers)
      { kind: 'send', event: { type: 'LATER' } }, // late @100 ms
      { kind: 'run', dtUs: 10 * MS },
      { kind: 'send', event: { type: 'LATER' } }, // late again @110 ms, overwrites the handle
      { kind: 'run', dtUs: 5 * MS },
      { kind: 'send', event: { type: 'CANCEL' } }, // clears the @110 ms one only
      { kind: 'run', dtUs: 200 * MS },
    ]);
    expect(o.log.filter((l) => l.startsWith('gotLate'))).toEqual([`gotLate@${100 * MS}`]);
    const p = both(sinkSpec, { flag: false, d1: 100 }, [
      { kind: 'send', event: { type: 'BACK' } },
      { kind: 'send', event: { type: 'LATER' } },
      { kind: 'run', dtUs: 10 * MS },
      { kind: 'send', event: { type: 'LATER' } },
      { kind: 'run', dtUs: 200 * MS },
    ]);
    expect(p.log.filter((l) => l.startsWith('gotLate'))).toEqual([`gotLate@${100 * MS}`, `gotLate@${110 * MS}`]);
  });

  it('a final state: status done, exit actions run, timers cancelled, later events ignored', () => {
    const o = both(sinkSpec, { flag: false, d1: 100 }, [
      { kind: 'send', event: { type: 'LATER' } },
      { kind: 'send', event: { type: 'END' } },
      { kind: 'send', event: { type: 'RESET' } },
      { kind: 'run', dtUs: 1000 * MS },
    ]);
    expect(o.status).toBe('done');
    expect(o.value).toBe('end');
    expect(o.timers).toEqual([]);
    expect(o.log).toEqual(['rootEntry@0', 'aEntry@0', 'aExit@0', 'endEntry@0', 'endExit@0', 'rootExit@0']);
  });

  it('stop(): status stopped, no exit actions, timers cancelled, later sends ignored', () => {
    const o = both(specs.server, { longPollTimeoutMs: 1000, pingIntervalMs: 0 }, [
      { kind: 'send', event: { type: 'LONG_POLL', queued: 0 } },
      { kind: 'stop' },
      { kind: 'send', event: { type: 'UPDATE' } },
      { kind: 'run', dtUs: 2000 * MS },
    ]);
    expect(o.status).toBe('stopped');
    expect(o.log).toEqual(['subscribe@0']);
    expect(o.timers).toEqual([]);
  });
});

describe('context from input: the one difference in contexts, left on purpose (src/sim/machines/engine.ts)', () => {
  // A class instance as input, as a run's technique clients are: its methods
  // live on its prototype, its parameters in its fields.
  class Client {
    readonly port = this;
    readonly intervalMs = 250;
    readonly firstRequest = 'immediate' as const;
    polls = 0;
    sendPoll(): void {
      this.polls++;
    }
  }

  it('xstate copies the input into a plain object; the fast engine keeps the input itself, and both drive the same port', () => {
    const xs = new Client();
    const a = createActor(pollingClient, { input: xs });
    const fast = new Client();
    const b = createFastActor(pollingClient, { clock: kernelClock(new Kernel()), input: fast });
    a.start();
    b.start();
    a.send({ type: 'START' });
    b.send({ type: 'START' });
    // xstate: a shallow copy (a new plain object), whose port is still the client.
    expect(a.getSnapshot().context).not.toBe(xs);
    expect(a.getSnapshot().context.port).toBe(xs);
    // The fast engine: the client itself, so a client costs no context object.
    expect(b.getSnapshot().context).toBe(fast);
    expect([xs.polls, fast.polls]).toEqual([1, 1]);
    expect(b.getSnapshot().value).toEqual(a.getSnapshot().value);
  });
});

describe('fast engine refuses what it does not support, at compile time', () => {
  const refuse = (machine: AnyStateMachine, feature: RegExp) => {
    expect(() => assertFastEngineSupports(machine)).toThrow(feature);
    expect(() => createFastActor(machine, { clock: recordingClock(new Kernel(), new Map()) })).toThrow(/fast engine: machine '/);
  };

  it('names the machine, the state and the feature', () => {
    const m = setup({}).createMachine({ id: 'par', initial: 'a', states: { a: { type: 'parallel', states: { x: {}, y: {} } } } });
    expect(() => assertFastEngineSupports(m)).toThrow("fast engine: machine 'par', state 'par.a': unsupported parallel state");
  });

  it('parallel root', () => {
    refuse(setup({}).createMachine({ id: 'p', type: 'parallel', states: { x: {}, y: {} } }), /parallel/);
  });
  it('history states', () => {
    refuse(setup({}).createMachine({ id: 'h', initial: 'a', states: { a: { initial: 'x', states: { x: {}, hist: { type: 'history' } } } } }), /history/);
  });
  it('invoke', () => {
    refuse(setup({ actors: { p: fromPromise(async () => 1) } }).createMachine({ id: 'i', initial: 'a', states: { a: { invoke: { src: 'p' } } } }), /'invoke'/);
  });
  it('assign (context is never updated by this engine)', () => {
    refuse(
      setup({ types: {} as { context: { n: number } } }).createMachine({ id: 'as', context: { n: 0 }, initial: 'a', states: { a: { on: { X: { actions: assign({ n: 1 }) } } } } }),
      /built-in action 'xstate.assign'/,
    );
  });
  it('named assign action', () => {
    refuse(
      setup({ types: {} as { context: { n: number } }, actions: { bump: assign({ n: 1 }) } }).createMachine({ id: 'as2', context: { n: 0 }, initial: 'a', states: { a: { entry: 'bump' } } }),
      /action 'bump': built-in action 'xstate.assign'/,
    );
  });
  it('sendTo, emit, log, spawnChild, enqueueActions', () => {
    refuse(setup({}).createMachine({ id: 's', initial: 'a', states: { a: { entry: sendTo('x', { type: 'Y' }) } } }), /xstate.sendTo/);
    refuse(setup({}).createMachine({ id: 'e', initial: 'a', states: { a: { entry: emit({ type: 'Y' }) } } }), /xstate.emit/);
    refuse(setup({}).createMachine({ id: 'l', initial: 'a', states: { a: { entry: log('hi') } } }), /xstate.log/);
    refuse(setup({ actors: { p: fromPromise(async () => 1) } }).createMachine({ id: 'sp', initial: 'a', states: { a: { entry: spawnChild('p') } } }), /xstate.spawnChild/);
    refuse(setup({}).createMachine({ id: 'en', initial: 'a', states: { a: { entry: enqueueActions(() => {}) } } }), /xstate.enqueueActions/);
  });
  it('object-form guards with params, and guard combinators', () => {
    refuse(
      setup({ guards: { g: (_: unknown, p: { n: number }) => p.n > 0 } }).createMachine({ id: 'gp', initial: 'a', states: { a: { on: { X: { guard: { type: 'g', params: { n: 1 } }, target: 'b' } } }, b: {} } }),
      /object-form guards/,
    );
    refuse(
      setup({ guards: { g: () => true } }).createMachine({ id: 'gc', initial: 'a', states: { a: { on: { X: { guard: and(['g', 'g']), target: 'b' } } }, b: {} } }),
      /guard combinators/,
    );
  });
  it('object-form actions with params', () => {
    refuse(
      setup({ actions: { f: (_: unknown, p: { n: number }) => void p } }).createMachine({ id: 'ap', initial: 'a', states: { a: { entry: { type: 'f', params: { n: 1 } } } } }),
      /object-form actions/,
    );
  });
  it('unimplemented guards and delays', () => {
    refuse(setup({}).createMachine({ id: 'ug', initial: 'a', states: { a: { on: { X: { guard: 'nope' as never, target: 'b' } } }, b: {} } }), /guard 'nope': not implemented/);
    refuse(setup({}).createMachine({ id: 'ud', initial: 'a', states: { a: { after: { nope: 'b' } }, b: {} } }), /delay 'nope' is not implemented/);
  });
  it('wildcard events', () => {
    refuse(setup({}).createMachine({ id: 'w', initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } }), /wildcard/);
  });
  it('nested final states, onDone and output', () => {
    refuse(setup({}).createMachine({ id: 'nf', initial: 'a', states: { a: { initial: 'x', states: { x: { type: 'final' } } } } }), /nested final/);
    refuse(setup({}).createMachine({ id: 'od', initial: 'a', states: { a: { initial: 'x', onDone: 'b', states: { x: {} } }, b: {} } }), /'onDone'/);
    refuse(setup({}).createMachine({ id: 'out', initial: 'a', output: 1, states: { a: { type: 'final' } } }), /'output'/);
  });
  it('raise with an event expression', () => {
    refuse(setup({}).createMachine({ id: 're', initial: 'a', states: { a: { entry: raise(() => ({ type: 'X' })) } } }), /event expression/);
  });
  it('not a state machine', () => {
    expect(() => assertFastEngineSupports(fromPromise(async () => 1) as unknown as AnyStateMachine)).toThrow(/not an xstate v5 state machine/);
  });
  it('accepts every machine of the project', () => {
    for (const m of [connectionMachine, serverMachine, pollingClient, longPollingClient, persistentClient('x'), sseClient, websocketClient, streamingClient, sinkMachine]) {
      expect(() => assertFastEngineSupports(m)).not.toThrow();
    }
  });
});
