// Runs a compiled machine (./tables.ts) as xstate 5.33's actor would
// (../engine.ts lists the semantics kept): run to completion, the deferred
// timer work after each macrostep, observers notified after every event.

import type { EventObject } from 'xstate';
import type { TargetClock } from '../../kernel/clock';
import type { KernelTarget } from '../../kernel/kernel';
import type { FastObserver, FastSnapshot, FastStatus } from '../engine';
import { CANCEL, CUSTOM, NOOP, RAISE, type ActionFn, type Args, type Candidate, type Compiled, type Leaf, type Step } from './tables';

const NOT_STARTED = 0;
const RUNNING = 1;
const STOPPED = 2;

const STOP_EVENT = 'xstate.stop';
const INIT_EVENT = 'xstate.init';
/** What the actions' arguments hold between calls: one event for every actor, so that none keeps its init event (and input) alive. */
const BETWEEN_CALLS: EventObject = Object.freeze({ type: INIT_EVENT });
/** The timer handles of a machine with no timers: one empty list for all its actors. */
const NO_TIMERS: unknown[] = [];

/** The code of a cancel in the timer work (a raise's is its index in the machine's `raises`). */
const CANCELS = -1;

/**
 * Timer work waiting for the end of a macrostep (xstate's deferred queue),
 * as parallel lists: the slot, the raise's code (CANCELS: cancel the slot's
 * timer) and the delay.
 */
class Ops {
  slots: number[] = [];
  codes: number[] = [];
  delays: number[] = [];
  n = 0;

  add(slot: number, code: number, delay: number): void {
    const i = this.n++;
    this.slots[i] = slot;
    this.codes[i] = code;
    this.delays[i] = delay;
  }
}

/**
 * The timer work of every actor, one stack: an actor's macrostep adds its
 * work on top and takes it off after (`afterMacrostep`), and a macrostep run
 * inside another's action (a machine whose action sends to another) does so
 * above the first's, so one set of lists serves all actors, not three per
 * actor (they were a third of a client's memory when clients share the
 * server's cores, docs/model.md).
 */
const PENDING = new Ops();

export class Actor implements KernelTarget {
  private readonly context: unknown;
  private leaf: Leaf;
  private status: FastStatus = 'active';
  /** Made when asked for (getSnapshot, an observer), kept until the state or status changes: no object per step of an unobserved machine. */
  private snapshot: FastSnapshot | null = null;
  private processing = NOT_STARTED;
  private busy = false;
  /** Events sent while it is busy or not yet started (xstate's mailbox), and raised ones (made on first use). */
  private mailbox: EventObject[] | null = null;
  private internal: EventObject[] | null = null;
  /** The arguments of the machine's actions, guards and delays: one object, its event set before each call (none keeps it). */
  private readonly args: Args;
  /** Timer work of the initial state, kept until start() (xstate defers it): slot, code and delay of each; null when none. */
  private initialOps: number[] | null = null;
  /** Custom actions of the initial state, run by start() (xstate defers them the same way). */
  private initialCalls: { fn: ActionFn; event: EventObject }[] | null = null;
  /** Pending timer handles by slot (the machine's timer ids), undefined when none. */
  private readonly timers: unknown[];
  /** Handles of pending timers without an id (rare: they stop only with the actor), by their code past the machine's raises; made on first use. */
  private idless: unknown[] | null = null;
  /** Made on the first subscribe: only traced clients' machines are observed (./trace-actor.ts), so most actors never need a set. */
  private observers: Set<{ next?: (s: FastSnapshot) => void; complete?: () => void }> | null = null;

  constructor(
    private readonly m: Compiled,
    private readonly clock: TargetClock,
    input: unknown,
  ) {
    this.timers = m.timers.length === 0 ? NO_TIMERS : new Array<unknown>(m.timers.length).fill(undefined);
    this.args = { context: undefined, event: BETWEEN_CALLS, self: this };
    this.context = m.context(input, this);
    this.args.context = this.context;
    const init: EventObject = { type: INIT_EVENT, input } as EventObject;
    const base = PENDING.n;
    try {
      this.leaf = this.runActions(m.initial, init);
      this.macrostep(init, true);
      // The initial state's timer work waits for start(), off the shared stack.
      const p = PENDING;
      if (p.n > base) this.initialOps = p.slots.slice(base, p.n).flatMap((slot, i) => [slot, p.codes[base + i], p.delays[base + i]]);
    } finally {
      PENDING.n = base;
      this.args.event = BETWEEN_CALLS;
    }
  }

  start(): this {
    if (this.processing === RUNNING) return this;
    if (this.processing === STOPPED) throw new Error(`fast engine: machine '${this.m.id}': start() after stop() is not supported`);
    this.processing = RUNNING;
    const calls = this.initialCalls;
    this.initialCalls = null;
    this.busy = true;
    const base = PENDING.n;
    try {
      if (calls !== null) {
        for (const c of calls) {
          this.args.event = c.event;
          c.fn(this.args, undefined);
        }
      }
      const ops = this.initialOps;
      this.initialOps = null;
      if (ops !== null) for (let i = 0; i < ops.length; i += 3) PENDING.add(ops[i], ops[i + 1], ops[i + 2]);
      this.afterMacrostep(base);
    } catch (err) {
      PENDING.n = base;
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
      const base = PENDING.n;
      try {
        this.process(event);
      } catch (err) {
        PENDING.n = base;
        this.busy = false;
        throw err;
      }
      this.drain();
      return;
    }
    if (this.processing === STOPPED) return;
    (this.mailbox ??= []).push(event);
  }

  getSnapshot(): FastSnapshot {
    return (this.snapshot ??= { value: this.leaf.value, context: this.context, status: this.status });
  }

  subscribe(observer: FastObserver): { unsubscribe(): void } {
    const o = typeof observer === 'function' ? { next: observer } : observer;
    if (this.processing !== STOPPED) (this.observers ??= new Set()).add(o);
    else if (this.status === 'done') o.complete?.();
    return { unsubscribe: () => void this.observers?.delete(o) };
  }

  stop(): this {
    if (this.processing === STOPPED) return this;
    if (this.mailbox !== null) this.mailbox.length = 0;
    if (this.processing === NOT_STARTED) {
      this.processing = STOPPED;
      return this;
    }
    (this.mailbox ??= []).push({ type: STOP_EVENT });
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
    if (q === null) {
      this.busy = false;
      return;
    }
    const base = PENDING.n;
    try {
      while (q.length > 0 && this.processing === RUNNING) this.process(q.shift()!);
    } finally {
      PENDING.n = base;
      this.busy = false;
    }
  }

  /** One event from the mailbox (xstate's Actor._process). */
  private process(event: EventObject): void {
    if (event.type === STOP_EVENT) {
      this.status = 'stopped';
      this.snapshot = null;
      this.stopProcedure();
      return;
    }
    const base = PENDING.n;
    this.macrostep(event, false);
    this.afterMacrostep(base);
  }

  /** After a macrostep: its timer work (the shared stack's from `base`), new snapshot, observers; a final state stops the actor. */
  private afterMacrostep(base: number): void {
    // A count, not the lists' length: setting length is a runtime call even when nothing changes (measured 7% of an SSE run).
    const ops = PENDING;
    const n = ops.n;
    for (let i = base; i < n; i++) {
      const code = ops.codes[i];
      if (code === CANCELS) this.cancel(ops.slots[i]);
      else this.schedule(ops.slots[i], code, ops.delays[i]);
    }
    ops.n = base;
    const s = this.snapshot;
    if (s !== null && (s.value !== this.leaf.value || s.status !== this.status)) this.snapshot = null;
    if (this.observers !== null && this.observers.size > 0) {
      const snap = this.getSnapshot();
      for (const o of this.observers) o.next?.(snap);
    }
    if (this.status === 'done') this.stopProcedure();
  }

  private stopProcedure(): void {
    for (let slot = 0; slot < this.timers.length; slot++) this.cancel(slot);
    // Timers without an id stop with the actor.
    const idless = this.idless;
    if (idless !== null) for (const h of idless) if (h !== undefined) this.clock.clearTimeout(h);
    this.idless = null;
    if (this.mailbox !== null) this.mailbox.length = 0;
    this.processing = STOPPED;
    if (this.observers === null) return;
    for (const o of this.observers) o.complete?.();
    this.observers.clear();
  }

  /**
   * A timer on the kernel's clock: this actor and the raise's code (which
   * names its event and slot in the machine), no closure. As xstate 5.33's
   * scheduler, a second timer under a pending id overwrites the slot's
   * handle, and the first still fires. A timer without an id (slot -1, as
   * xstate's own random one) stops only with the actor: its code also says
   * where its handle is kept (past the machine's raises, one span each).
   */
  private schedule(slot: number, code: number, delay: number): void {
    if (slot >= 0) {
      this.timers[slot] = this.clock.post(delay, this, code);
      return;
    }
    const idless = (this.idless ??= []);
    let k = idless.indexOf(undefined);
    if (k < 0) k = idless.length;
    idless[k] = this.clock.post(delay, this, code + this.m.raises.length * (k + 1));
  }

  /** A timer fires: it forgets its slot's handle (whichever timer holds it now, as xstate does) and sends its event. */
  fire(code: number): void {
    const raises = this.m.raises;
    const r = raises[code % raises.length];
    if (code >= raises.length) this.idless![Math.floor(code / raises.length) - 1] = undefined;
    else if (r.slot >= 0) this.timers[r.slot] = undefined;
    this.send(r.event);
  }

  private cancel(slot: number): void {
    const handle = this.timers[slot];
    this.timers[slot] = undefined;
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
    while (this.status === 'active') {
      let step: Step | null = null;
      let fromEventless = false;
      if (eventless && this.leaf.always !== null) {
        step = this.select(this.leaf.always, ev);
        fromEventless = step !== null;
      }
      if (!fromEventless) {
        const queue = this.internal;
        if (queue === null || queue.length === 0) break;
        ev = queue.shift()!;
        const cands = this.leaf.on.get(ev.type);
        step = cands === undefined ? null : this.select(cands, ev);
      }
      const before = this.leaf;
      if (step !== null) this.leaf = this.runActions(step, ev);
      eventless = fromEventless ? this.leaf !== before : true;
    }
    if (this.internal !== null && this.internal.length > 0) this.internal.length = 0;
  }

  private select(cands: Candidate[], event: EventObject): Step | null {
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      if (c.guard === null) return c.step;
      const args = this.args;
      args.event = event;
      if (c.guard(args, undefined)) return c.step;
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
          if (this.processing === NOT_STARTED) (this.initialCalls ??= []).push({ fn: a.fn, event });
          else {
            const args = this.args;
            args.event = event;
            a.fn(args, undefined);
          }
          break;
        case RAISE: {
          const d = a.delay;
          let delay: unknown = d;
          if (typeof d === 'function') {
            const args = this.args;
            args.event = event;
            delay = d(args, undefined);
          }
          if (typeof delay !== 'number') (this.internal ??= []).push(a.event);
          else PENDING.add(a.slot, a.code, delay);
          break;
        }
        case CANCEL:
          PENDING.add(a.slot, CANCELS, 0);
          break;
        case NOOP:
          break;
      }
    }
    if (step.to.done) this.status = 'done';
    return step.to;
  }
}

