// A small interpreter for the subset of xstate v5 machines that this project
// defines (./connection.ts, ./server.ts, ../techniques/*/machine.ts).
//
// Why: profiling the 10,000-client benchmark showed xstate's interpreter
// costing about 10-12 µs per event in the hot loop (macrostep, microstep,
// getTransitionDomain, snapshot cloning, garbage), so that run took 43 s
// against a 10 s target. This engine reads the very same machine objects
// (`machine.root` StateNode tree and `machine.implementations`), compiles each
// machine once (cached per machine object) into flat tables — resting state ->
// event type -> candidate transitions with resolved guards and one flat list
// of actions (exit, transition, entry, in xstate's order) — so that `send` is
// a map lookup, a guard call or two and the action calls.
// bench/engine.bench.ts measures both engines on 10,000 polling clients and
// 10,000 server sessions, 1,000,000 events (Node 20, 2 cores): xstate 6-8
// µs/event, this engine 0.2-0.5 µs/event for the interpreter alone; 8-10
// against 0.5-0.8 µs/event with the kernel driving the timers (12-28x).
// tests/machines/engine.test.ts drives xstate 5.33 and this engine side by
// side (fast-check: random sends, payloads, re-entrant sends and kernel
// advances) and compares state value, status, every action call with its
// virtual time, the snapshots seen by a subscriber and the pending timers
// after each step.
//
// Semantics copied from xstate 5.33 (node_modules/xstate/dist/raise-*.js):
// - run to completion: an external event, then eventless `always` transitions
//   (re-checked after every microstep that changed the state, with the
//   triggering event), then raised events from the internal queue;
// - exit actions (innermost first), transition actions, entry actions
//   (outermost first); the exit/entry sets come from xstate's transition
//   domain rules (targetless, child targets '.x', siblings, `reenter: true`,
//   root-level `on`);
// - custom actions run inline; timer work (delayed `raise`, `after`, `cancel`)
//   runs after the macrostep, in order, then subscribers are notified (after
//   every processed event, changed or not). At start the initial entry actions
//   run first, then their timer work, as xstate's deferred queue does;
// - `after` is what xstate makes of it: an entry `raise` of
//   `xstate.after.<delay>.<stateId>` with that id and an exit `cancel`;
// - a delayed `raise` scheduled again under an id that is still pending does
//   NOT cancel the first timer (xstate 5.33 overwrites its handle): both fire;
//   whichever fires first forgets the id, so a later `cancel(id)` finds
//   nothing. A delayed `raise` without an id gets a per-actor counter id
//   (xstate draws Math.random(); neither can be cancelled);
// - events sent while an event is being processed (from an action or a
//   subscriber) are queued and processed next; events sent before start() are
//   processed at start(); events sent after stop() or a top-level final state
//   are ignored; stop() cancels pending timers without running exit actions
//   and leaves status 'stopped', as xstate's does.
//
// The compiler (./engine/compile.ts) builds the tables (./engine/tables.ts)
// that the actors (./engine/actor-table.ts, a table of them per machine and
// clock) run; this module is their public face.
//
// Supported subset (anything else throws when the machine is compiled, naming
// the machine, state and feature, so that this engine can never silently
// differ from xstate): atomic, compound (string `initial`) and top-level
// `final` states; `on` (exact event types, no wildcards), `always`, `after`
// (number or named delays), `entry`, `exit`; transitions with one target or
// none, `reenter`, guards given by name (`setup({ guards })`) or inline as
// functions; actions given by name or inline as functions, and the built-ins
// `raise({ ...event }, { delay?, id? })` (delay: number, name or function) and
// `cancel('id')`; context as an object or `({ input }) => ...` (never updated:
// `assign` is refused). A named action without an implementation is a no-op,
// as in xstate. Not supported: parallel and history states, nested
// final states and onDone, invoke/spawn, assign, sendTo/sendParent, emit, log,
// enqueueActions, object-form actions and guards (params), guard combinators,
// output, tags, machine options.
//
// Differences left on purpose: a guard or action that throws propagates to the
// caller of send()/start() and leaves the actor unusable (xstate puts it into
// status 'error' and rethrows later); actions receive `{ context, event, self }` (no `system`);
// snapshots carry only `value`, `context` and `status`; with `context: ({
// input }) => input` the context is the input object itself, where xstate
// makes a shallow copy of it. No machine can tell (contexts are never
// updated), and the run's technique clients and server sessions are their
// machines' inputs: a copy was an object per actor, 56 B each, when all
// clients are alive at once.

import type { AnyStateMachine, EventFromLogic, EventObject, StateValue } from 'xstate';
import type { TargetClock } from '../kernel/clock';
import { ActorTable } from './engine/actor-table';
import { compile } from './engine/compile';
import { link } from './engine/link';
import type { Behaviour, Compiled, MachineDef } from './engine/tables';
import { MACHINE_TABLES } from './tables.generated';

export type { Behaviour, MachineDef } from './engine/tables';

// ---------------------------------------------------------------- public API

export type FastStatus = 'active' | 'done' | 'stopped';

export interface FastSnapshot {
  readonly value: StateValue;
  readonly context: unknown;
  readonly status: FastStatus;
}

export type FastObserver = ((snapshot: FastSnapshot) => void) | { next?: (snapshot: FastSnapshot) => void; complete?: () => void };

export interface FastActor<TEvent extends EventObject = EventObject> {
  start(): FastActor<TEvent>;
  send(event: TEvent): void;
  getSnapshot(): FastSnapshot;
  subscribe(observer: FastObserver): { unsubscribe(): void };
  stop(): FastActor<TEvent>;
}

const linkedAtStart = new WeakMap<object, Compiled>();

/**
 * Runs `machine` like `createActor(machine, { clock, input })`, for the subset
 * described above: compiled now into a table, linked with the machine's own
 * implementations (what the equivalence tests drive beside xstate).
 */
export function createFastActor<M extends AnyStateMachine>(machine: M, options: { input?: unknown; clock: TargetClock }): FastActor<EventFromLogic<M>> {
  let c = linkedAtStart.get(machine);
  if (!c) {
    const { table, inline } = compile(machine);
    linkedAtStart.set(machine, (c = link(table, machine.implementations as unknown as Behaviour<unknown>, inline)));
  }
  return tableOf(c, options.clock).spawn(options.input) as unknown as FastActor<EventFromLogic<M>>;
}

const linkedTables = new Map<string, Compiled>();

/**
 * Runs a machine of this project from its generated table
 * (./tables.generated.ts, made from the xstate definitions by
 * `npm run machines`) linked with its behaviour: no xstate at run time.
 */
export function startMachine<TEvent extends EventObject, TInput>(def: MachineDef<TEvent, TInput>, clock: TargetClock, input: TInput): FastActor<TEvent> {
  let c = linkedTables.get(def.id);
  if (!c) {
    const table = MACHINE_TABLES[def.id as keyof typeof MACHINE_TABLES];
    if (!table) throw new Error(`fast engine: no generated table for machine '${def.id}' (run npm run machines)`);
    linkedTables.set(def.id, (c = link(table, def.behaviour as Behaviour<unknown>)));
  }
  return tableOf(c, clock).spawn(input).start() as unknown as FastActor<TEvent>;
}

/** The actors of each machine started on each clock (a run's kernel): one table each. */
const tablesByClock = new WeakMap<TargetClock, Map<Compiled, ActorTable>>();

function tableOf(c: Compiled, clock: TargetClock): ActorTable {
  let tables = tablesByClock.get(clock);
  if (tables === undefined) tablesByClock.set(clock, (tables = new Map()));
  let t = tables.get(c);
  if (t === undefined) tables.set(c, (t = new ActorTable(c, clock)));
  return t;
}

/**
 * The run on `clock` starts afresh (its kernel was reset: src/sim/run/world.ts
 * beginClient): every actor started on it is over, and their rows are reused.
 */
export function releaseActors(clock: TargetClock): void {
  const tables = tablesByClock.get(clock);
  if (tables !== undefined) for (const t of tables.values()) t.reset();
}

/** Compiles (and checks) a machine without running it; throws if it uses an unsupported feature. */
export function assertFastEngineSupports(machine: AnyStateMachine): void {
  compile(machine);
}
