// A small interpreter for the subset of xstate v5 machines that this project
// defines (./connection.ts, ./server.ts, ./clients/*.ts).
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
// snapshots carry only `value`, `context` and `status`.

import type { AnyStateMachine, EventFromLogic, EventObject, StateValue } from 'xstate';
import type { Clock } from '../kernel/clock';

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

/** Runs `machine` like `createActor(machine, { clock, input })`, for the subset described above. */
export function createFastActor<M extends AnyStateMachine>(machine: M, options: { input?: unknown; clock: Clock }): FastActor<EventFromLogic<M>> {
  return new Actor(compile(machine), options.clock, options.input) as unknown as FastActor<EventFromLogic<M>>;
}

/** Compiles (and checks) a machine without running it; throws if it uses an unsupported feature. */
export function assertFastEngineSupports(machine: AnyStateMachine): void {
  compile(machine);
}

// ------------------------------------------------------ xstate's runtime shapes

/** The parts of xstate's StateNode that are read here (see StateMachine-*.js). */
interface RawNode {
  id: string;
  key: string;
  type: string;
  order: number;
  parent?: RawNode;
  states: Record<string, RawNode>;
  entry: unknown[];
  exit: unknown[];
  transitions: Map<string, RawTransition[]>;
  always?: RawTransition[];
  initial: { target: RawNode[]; actions: unknown[] };
  invoke: unknown[];
  config: Record<string, unknown>;
}

interface RawTransition {
  target?: RawNode[];
  actions: unknown[];
  guard?: unknown;
  reenter: boolean;
  source: RawNode;
  [key: string]: unknown;
}

/** xstate's built-in actions are functions carrying these fields. */
interface RawBuiltin {
  type: string;
  resolve: unknown;
  event?: unknown;
  id?: unknown;
  delay?: unknown;
  sendId?: unknown;
}

// ------------------------------------------------------------- compiled form

type Args = { context: unknown; event: EventObject; self: unknown };
type ActionFn = (args: Args, params: undefined) => void;
type GuardFn = (args: { context: unknown; event: EventObject }, params: undefined) => boolean;
type DelayRef = number | ((args: Args, params: undefined) => unknown);

const CUSTOM = 0;
const RAISE = 1;
const CANCEL = 2;
const NOOP = 3;

type Action =
  | { kind: typeof CUSTOM; fn: ActionFn }
  | { kind: typeof RAISE; event: EventObject; id: string | undefined; delay: DelayRef | undefined }
  | { kind: typeof CANCEL; id: string }
  | { kind: typeof NOOP };

interface Step {
  /** Exit actions, transition actions, entry actions (and, on reaching a final state, every exit action). */
  actions: Action[];
  to: Leaf;
}

interface Candidate {
  guard: GuardFn | null;
  step: Step;
}

/** A resting configuration: one atomic or final state and its ancestors. */
interface Leaf {
  node: RawNode;
  value: StateValue;
  done: boolean;
  on: Map<string, Candidate[]>;
  always: Candidate[] | null;
}

interface Compiled {
  id: string;
  initial: Step;
  context: unknown;
}

const cache = new WeakMap<object, Compiled>();

const NODE_KEYS = new Set(['id', 'initial', 'states', 'on', 'entry', 'exit', 'after', 'always', 'type', 'description', 'meta']);
const ROOT_KEYS = new Set([...NODE_KEYS, 'context', 'schemas', 'types', 'version']);
const TRANSITION_KEYS = new Set(['target', 'actions', 'guard', 'reenter', 'description', 'meta', 'source', 'eventType', 'toJSON', 'delay', 'event']);

function compile(machine: AnyStateMachine): Compiled {
  const hit = cache.get(machine);
  if (hit) return hit;
  const root = (machine as unknown as { root?: RawNode }).root;
  const name = String((machine as unknown as { id?: unknown }).id);
  if (!root || !(root.transitions instanceof Map)) throw new Error(`fast engine: '${name}' is not an xstate v5 state machine`);
  const impl = machine.implementations as unknown as {
    actions: Record<string, unknown>;
    guards: Record<string, unknown>;
    delays: Record<string, unknown>;
  };
  const fail = (node: RawNode, what: string): never => {
    throw new Error(`fast engine: machine '${name}', state '${node.id}': unsupported ${what}`);
  };

  // --- check every node and transition; resolve actions and guards
  const nodes: RawNode[] = [];
  const walk = (n: RawNode) => {
    nodes.push(n);
    for (const c of Object.values(n.states)) walk(c);
  };
  walk(root);

  const actionCache = new Map<unknown, Action>();
  const resolveAction = (node: RawNode, a: unknown): Action => {
    const known = actionCache.get(a);
    if (known) return known;
    let out: Action;
    if (typeof a === 'string') {
      const f = impl.actions[a];
      if (f === undefined) out = { kind: NOOP }; // xstate runs an unimplemented named action as a no-op
      else out = resolveFn(node, f, `action '${a}'`);
    } else if (typeof a === 'function') {
      out = resolveFn(node, a, 'inline action');
    } else {
      return fail(node, `action ${JSON.stringify(a)} (object-form actions / params)`);
    }
    actionCache.set(a, out);
    return out;
  };
  const resolveFn = (node: RawNode, f: unknown, label: string): Action => {
    if (typeof f !== 'function') return fail(node, `${label}: not a function`);
    if (!('resolve' in f)) return { kind: CUSTOM, fn: f as ActionFn };
    const b = f as unknown as RawBuiltin;
    if (b.type === 'xstate.raise') {
      if (typeof b.event !== 'object' || b.event === null) return fail(node, `${label}: raise with an event expression`);
      if (b.id !== undefined && typeof b.id !== 'string') return fail(node, `${label}: raise with a non-string id`);
      let delay: DelayRef | undefined;
      if (b.delay === undefined || typeof b.delay === 'number') delay = b.delay;
      else if (typeof b.delay === 'function') delay = b.delay as DelayRef;
      else if (typeof b.delay === 'string') {
        const d = impl.delays[b.delay];
        if (typeof d !== 'number' && typeof d !== 'function') return fail(node, `${label}: delay '${b.delay}' is not implemented`);
        delay = d as DelayRef;
      } else return fail(node, `${label}: raise with delay ${String(b.delay)}`);
      return { kind: RAISE, event: b.event as EventObject, id: b.id, delay };
    }
    if (b.type === 'xstate.cancel') {
      if (typeof b.sendId !== 'string') return fail(node, `${label}: cancel with a non-string id`);
      return { kind: CANCEL, id: b.sendId };
    }
    return fail(node, `${label}: built-in action '${b.type}'`);
  };
  const resolveGuard = (node: RawNode, g: unknown): GuardFn | null => {
    if (g === undefined) return null;
    let f: unknown = g;
    if (typeof g === 'string') {
      f = impl.guards[g];
      if (f === undefined) return fail(node, `guard '${g}': not implemented`);
    } else if (typeof g !== 'function') return fail(node, `guard ${JSON.stringify(g)} (object-form guards / params)`);
    if (typeof f !== 'function' || 'check' in f) return fail(node, `guard ${typeof g === 'string' ? `'${g}'` : 'inline'}: built-in guard combinators`);
    return f as GuardFn;
  };

  interface Trans {
    source: RawNode;
    target: RawNode | null;
    reenter: boolean;
    guard: GuardFn | null;
    actions: Action[];
  }
  const checkTransition = (node: RawNode, t: RawTransition, where: string): Trans => {
    for (const k of Object.keys(t)) if (!TRANSITION_KEYS.has(k)) fail(node, `transition key '${k}' (${where})`);
    if (t.target && t.target.length > 1) fail(node, `multiple targets (${where})`);
    const target = t.target && t.target.length === 1 ? t.target[0] : null;
    return { source: node, target, reenter: t.reenter === true, guard: resolveGuard(node, t.guard), actions: t.actions.map((a) => resolveAction(node, a)) };
  };

  const on = new Map<RawNode, Map<string, Trans[]>>();
  const always = new Map<RawNode, Trans[]>();
  const entry = new Map<RawNode, Action[]>();
  const exit = new Map<RawNode, Action[]>();
  for (const n of nodes) {
    const allowed = n === root ? ROOT_KEYS : NODE_KEYS;
    for (const k of Object.keys(n.config)) if (!allowed.has(k)) fail(n, `'${k}'`);
    if (n.type === 'parallel' || n.type === 'history') fail(n, `${n.type} state`);
    if (n.type !== 'atomic' && n.type !== 'compound' && n.type !== 'final') fail(n, `state type '${n.type}'`);
    if (n === root && n.type !== 'compound') fail(n, 'machine without child states');
    if (n.type === 'final' && n.parent !== root) fail(n, 'nested final state (xstate.done.state events)');
    if (n.type === 'compound') {
      if (typeof n.config.initial !== 'string') fail(n, 'initial that is not a state key');
      if (n.initial.actions.length) fail(n, 'initial actions');
    }
    if (n.invoke.length) fail(n, 'invoke');
    const table = new Map<string, Trans[]>();
    for (const [type, ts] of n.transitions) {
      if (type.includes('*')) fail(n, `wildcard event descriptor '${type}'`);
      table.set(type, ts.map((t) => checkTransition(n, t, `on '${type}'`)));
    }
    on.set(n, table);
    if (n.always) always.set(n, n.always.map((t) => checkTransition(n, t, 'always')));
    entry.set(n, n.entry.map((a) => resolveAction(n, a)));
    exit.set(n, n.exit.map((a) => resolveAction(n, a)));
  }

  // --- xstate's transition domain / exit set / entry set (stateUtils), for one
  // resting configuration (a chain, as there are no parallel states)
  const isDescendant = (child: RawNode, parent: RawNode | undefined): boolean => {
    let m = child;
    while (m.parent && m.parent !== parent) m = m.parent;
    return m.parent === parent;
  };
  const properAncestors = (n: RawNode, upTo: RawNode | undefined): RawNode[] => {
    const out: RawNode[] = [];
    if (upTo === n) return out;
    for (let m = n.parent; m && m !== upTo; m = m.parent) out.push(m);
    return out;
  };
  const domainOf = (t: Trans): RawNode | undefined => {
    const targets = t.target ? [t.target] : [];
    if (!t.reenter && targets.every((x) => x === t.source || isDescendant(x, t.source))) return t.source;
    const all = [...targets, t.source];
    const [head, ...tail] = all;
    for (const anc of properAncestors(head, undefined)) if (tail.every((x) => isDescendant(x, anc))) return anc;
    return t.reenter ? undefined : root;
  };
  const chainOf = (leaf: RawNode): RawNode[] => [leaf, ...properAncestors(leaf, undefined)];
  const byOrderAsc = (a: RawNode, b: RawNode) => a.order - b.order;

  const leaves = new Map<RawNode, Leaf>();
  const leafOf = (config: Set<RawNode>, node: RawNode): Leaf => {
    const atomic = [...config].filter((s) => s.type === 'atomic' || s.type === 'final');
    if (atomic.length !== 1) return fail(node, 'transition that leaves no single resting state');
    for (const s of chainOf(atomic[0])) if (!config.has(s)) fail(node, 'transition that leaves an inconsistent configuration');
    if (config.size !== chainOf(atomic[0]).length) fail(node, 'transition that leaves an inconsistent configuration');
    return leaves.get(atomic[0])!;
  };
  const addDescendants = (s: RawNode, enter: Set<RawNode>) => {
    if (s.type === 'compound') {
      const init = s.initial.target[0];
      enter.add(init);
      addDescendants(init, enter);
    }
  };
  const flat = (ns: RawNode[], m: Map<RawNode, Action[]>) => ns.flatMap((s) => m.get(s)!);

  /** The microstep for transition t taken in resting state `from` (null: the initial transition). */
  const stepFor = (from: Leaf | null, t: Trans): Step => {
    const active = new Set(from ? chainOf(from.node) : []);
    let exits: RawNode[] = [];
    const enter = new Set<RawNode>();
    if (from === null) {
      // initialMicrostep: enter the root and its initial descendants
      enter.add(root);
      addDescendants(root, enter);
    } else if (t.target) {
      const domain = domainOf(t);
      const ex = new Set<RawNode>();
      if (t.reenter && t.source === domain) ex.add(domain);
      for (const s of active) if (isDescendant(s, domain)) ex.add(s);
      exits = [...ex].sort((a, b) => b.order - a.order);
      const s = t.target;
      if (t.source !== s || t.source !== domain || t.reenter) enter.add(s);
      addDescendants(s, enter);
      const reentrancy = !t.source.parent && t.reenter ? undefined : domain;
      for (const anc of properAncestors(s, domain)) if (!reentrancy || isDescendant(anc, reentrancy)) enter.add(anc);
    }
    const entered = [...enter].sort(byOrderAsc);
    const config = new Set(active);
    for (const s of exits) config.delete(s);
    for (const s of entered) config.add(s);
    const to = leafOf(config, t.source);
    const actions = [...flat(exits, exit), ...t.actions, ...flat(entered, entry)];
    // Reaching a top-level final state: xstate then runs every exit action (innermost first).
    if (to.done) actions.push(...flat([...config].sort((a, b) => b.order - a.order), exit));
    return { actions, to };
  };

  // --- resting states and their tables
  const valueOf = (leaf: RawNode): StateValue => {
    const path = properAncestors(leaf, undefined).reverse().slice(1).concat(leaf).map((s) => s.key);
    let v: StateValue = path[path.length - 1];
    for (let i = path.length - 2; i >= 0; i--) v = Object.freeze({ [path[i]]: v });
    return v;
  };
  for (const n of nodes) {
    if (n.type === 'atomic' || n.type === 'final') {
      leaves.set(n, { node: n, value: valueOf(n), done: n.type === 'final', on: new Map(), always: null });
    }
  }
  for (const leaf of leaves.values()) {
    for (const s of chainOf(leaf.node)) {
      for (const [type, ts] of on.get(s)!) {
        let list = leaf.on.get(type);
        if (!list) leaf.on.set(type, (list = []));
        for (const t of ts) list.push({ guard: t.guard, step: stepFor(leaf, t) });
      }
      const al = always.get(s);
      if (al) {
        leaf.always ??= [];
        for (const t of al) leaf.always.push({ guard: t.guard, step: stepFor(leaf, t) });
      }
    }
  }
  const initial = stepFor(null, { source: root, target: null, reenter: true, guard: null, actions: [] });

  const compiled: Compiled = { id: name, initial, context: root.config.context };
  cache.set(machine, compiled);
  return compiled;
}

// ------------------------------------------------------------------ the actor

const NOT_STARTED = 0;
const RUNNING = 1;
const STOPPED = 2;

const STOP_EVENT = 'xstate.stop';
const INIT_EVENT = 'xstate.init';

/** Timer work, run after the macrostep (xstate's deferred queue). */
type TimerOp = { schedule: true; id: string; event: EventObject; delay: number } | { schedule: false; id: string };

class Actor {
  private readonly context: unknown;
  private leaf: Leaf;
  private status: FastStatus = 'active';
  private snapshot: FastSnapshot;
  private processing = NOT_STARTED;
  private busy = false;
  private readonly mailbox: EventObject[] = [];
  private readonly internal: EventObject[] = [];
  private readonly timerOps: TimerOp[] = [];
  /** Custom actions of the initial state, run by start() (xstate defers them the same way). */
  private initialCalls: { fn: ActionFn; event: EventObject }[] | null = [];
  private readonly timers = new Map<string, unknown>();
  private readonly observers = new Set<{ next?: (s: FastSnapshot) => void; complete?: () => void }>();
  private anonymousIds = 0;

  constructor(
    private readonly m: Compiled,
    private readonly clock: Clock,
    input: unknown,
  ) {
    this.send = this.send.bind(this);
    const c = m.context;
    if (typeof c === 'function') {
      const spawn = () => {
        throw new Error(`fast engine: machine '${m.id}': spawn in context is not supported`);
      };
      this.context = Object.assign({}, c({ spawn, input, self: this }));
    } else {
      this.context = c ?? {};
    }
    const init: EventObject = { type: INIT_EVENT, input } as EventObject;
    this.leaf = this.runActions(m.initial, init);
    this.macrostep(init, true);
    this.snapshot = { value: this.leaf.value, context: this.context, status: this.status };
  }

  start(): this {
    if (this.processing === RUNNING) return this;
    if (this.processing === STOPPED) throw new Error(`fast engine: machine '${this.m.id}': start() after stop() is not supported`);
    this.processing = RUNNING;
    const calls = this.initialCalls!;
    this.initialCalls = null;
    this.busy = true;
    try {
      for (const c of calls) c.fn({ context: this.context, event: c.event, self: this }, undefined);
      this.afterMacrostep();
    } catch (err) {
      this.busy = false;
      throw err;
    }
    this.drain();
    return this;
  }

  send(event: EventObject): void {
    if (this.processing === RUNNING && !this.busy) {
      // The common case: nothing queued, process at once.
      this.busy = true;
      try {
        this.process(event);
      } catch (err) {
        this.busy = false;
        throw err;
      }
      this.drain();
      return;
    }
    if (this.processing === STOPPED) return;
    this.mailbox.push(event);
  }

  getSnapshot(): FastSnapshot {
    return this.snapshot;
  }

  subscribe(observer: FastObserver): { unsubscribe(): void } {
    const o = typeof observer === 'function' ? { next: observer } : observer;
    if (this.processing !== STOPPED) this.observers.add(o);
    else if (this.status === 'done') o.complete?.();
    return { unsubscribe: () => void this.observers.delete(o) };
  }

  stop(): this {
    if (this.processing === STOPPED) return this;
    this.mailbox.length = 0;
    if (this.processing === NOT_STARTED) {
      this.processing = STOPPED;
      return this;
    }
    this.mailbox.push({ type: STOP_EVENT });
    if (!this.busy) {
      this.busy = true;
      this.drain();
    }
    return this;
  }

  // --- internals

  /** Processes queued events one at a time (xstate's Mailbox); `busy` is set by the caller. */
  private drain(): void {
    const q = this.mailbox;
    try {
      while (q.length > 0 && this.processing === RUNNING) this.process(q.shift()!);
    } finally {
      this.busy = false;
    }
  }

  /** One event from the mailbox (xstate's Actor._process). */
  private process(event: EventObject): void {
    if (event.type === STOP_EVENT) {
      this.status = 'stopped';
      this.snapshot = { value: this.leaf.value, context: this.context, status: 'stopped' };
      this.stopProcedure();
      return;
    }
    this.macrostep(event, false);
    this.afterMacrostep();
  }

  /** After a macrostep: timer work, new snapshot, observers; a final state stops the actor. */
  private afterMacrostep(): void {
    const ops = this.timerOps;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.schedule) this.schedule(op.id, op.event, op.delay);
      else this.cancel(op.id);
    }
    ops.length = 0;
    const s = this.snapshot;
    if (s.value !== this.leaf.value || s.status !== this.status) {
      this.snapshot = { value: this.leaf.value, context: this.context, status: this.status };
    }
    if (this.observers.size > 0) {
      const snap = this.snapshot;
      for (const o of this.observers) o.next?.(snap);
    }
    if (this.status === 'done') this.stopProcedure();
  }

  private stopProcedure(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
    this.mailbox.length = 0;
    this.processing = STOPPED;
    for (const o of this.observers) o.complete?.();
    this.observers.clear();
  }

  private schedule(id: string, event: EventObject, delay: number): void {
    // As xstate 5.33's scheduler: a second timer under a pending id overwrites the handle, the first still fires.
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(id);
      this.send(event);
    }, delay);
    this.timers.set(id, handle);
  }

  private cancel(id: string): void {
    const handle = this.timers.get(id);
    this.timers.delete(id);
    if (handle !== undefined) this.clock.clearTimeout(handle);
  }

  /** xstate's macrostep (stateUtils.macrostep) on the compiled tables. */
  private macrostep(event: EventObject, isInit: boolean): void {
    let ev = event;
    if (!isInit) {
      const cands = this.leaf.on.get(ev.type);
      if (cands !== undefined) {
        const step = this.select(cands, ev);
        if (step !== null) this.leaf = this.runActions(step, ev);
      }
    }
    let eventless = true;
    const queue = this.internal;
    while (this.status === 'active') {
      let step: Step | null = null;
      let fromEventless = false;
      if (eventless && this.leaf.always !== null) {
        step = this.select(this.leaf.always, ev);
        fromEventless = step !== null;
      }
      if (!fromEventless) {
        if (queue.length === 0) break;
        ev = queue.shift()!;
        const cands = this.leaf.on.get(ev.type);
        step = cands === undefined ? null : this.select(cands, ev);
      }
      const before = this.leaf;
      if (step !== null) this.leaf = this.runActions(step, ev);
      eventless = fromEventless ? this.leaf !== before : true;
    }
    queue.length = 0;
  }

  private select(cands: Candidate[], event: EventObject): Step | null {
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      if (c.guard === null || c.guard({ context: this.context, event }, undefined)) return c.step;
    }
    return null;
  }

  /** Runs a microstep's actions; returns the new resting state (and sets status 'done' on a final one). */
  private runActions(step: Step, event: EventObject): Leaf {
    const actions = step.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      switch (a.kind) {
        case CUSTOM:
          if (this.initialCalls !== null) this.initialCalls.push({ fn: a.fn, event });
          else a.fn({ context: this.context, event, self: this }, undefined);
          break;
        case RAISE: {
          const d = a.delay;
          const delay = typeof d === 'function' ? d({ context: this.context, event, self: this }, undefined) : d;
          if (typeof delay !== 'number') this.internal.push(a.event);
          else this.timerOps.push({ schedule: true, id: a.id ?? `fast-engine.anonymous.${this.anonymousIds++}`, event: a.event, delay });
          break;
        }
        case CANCEL:
          this.timerOps.push({ schedule: false, id: a.id });
          break;
        case NOOP:
          break;
      }
    }
    if (step.to.done) this.status = 'done';
    return step.to;
  }
}
