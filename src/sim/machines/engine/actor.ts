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

export class Actor implements KernelTarget {
  private readonly context: unknown;
  private leaf: Leaf;
  private status: FastStatus = 'active';
  /** Made when asked for (getSnapshot, an observer), kept until the state or status changes: no object per step of an unobserved machine. */
  private snapshot: FastSnapshot | null = null;
  private processing = NOT_STARTED;
  private busy = false;
  private readonly mailbox: EventObject[] = [];
  private readonly internal: EventObject[] = [];
  /**
   * Timer work, run after the macrostep (xstate's deferred queue), as
   * parallel lists (no object per op): the slot (-1: a timer without an id),
   * the event (null: cancel the slot's timer) and the delay.
   */
  private readonly opSlots: number[] = [];
  private readonly opEvents: (EventObject | null)[] = [];
  private readonly opDelays: number[] = [];
  private ops = 0;
  /** The arguments of the machine's actions, guards and delays: one object, its event set before each call (none keeps it). */
  private readonly args: Args;
  /** Timers posted to the kernel, by code: the event each sends and its slot; codes free for reuse; each slot's pending code. */
  private readonly codeEvents: (EventObject | null)[] = [];
  private readonly codeSlots: number[] = [];
  private readonly freeCodes: number[] = [];
  private readonly slotCodes: number[];
  /** The handles of timers without an id, by code (to stop them with the actor). */
  private readonly codeHandles: unknown[] = [];
  /** Custom actions of the initial state, run by start() (xstate defers them the same way). */
  private initialCalls: { fn: ActionFn; event: EventObject }[] | null = [];
  /** Pending timer handles by slot (the machine's timer ids), undefined when none. */
  private readonly timers: unknown[];
  /** Made on the first subscribe: only traced clients' machines are observed (./trace-actor.ts), so most actors never need a set. */
  private observers: Set<{ next?: (s: FastSnapshot) => void; complete?: () => void }> | null = null;

  constructor(
    private readonly m: Compiled,
    private readonly clock: TargetClock,
    input: unknown,
  ) {
    this.timers = new Array<unknown>(m.timers.length).fill(undefined);
    this.slotCodes = new Array<number>(m.timers.length).fill(-1);
    this.args = { context: undefined, event: { type: INIT_EVENT }, self: this };
    this.context = m.context(input, this);
    this.args.context = this.context;
    const init: EventObject = { type: INIT_EVENT, input } as EventObject;
    this.leaf = this.runActions(m.initial, init);
    this.macrostep(init, true);
  }

  start(): this {
    if (this.processing === RUNNING) return this;
    if (this.processing === STOPPED) throw new Error(`fast engine: machine '${this.m.id}': start() after stop() is not supported`);
    this.processing = RUNNING;
    const calls = this.initialCalls!;
    this.initialCalls = null;
    this.busy = true;
    try {
      for (const c of calls) {
        this.args.event = c.event;
        c.fn(this.args, undefined);
      }
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
      this.snapshot = null;
      this.stopProcedure();
      return;
    }
    this.macrostep(event, false);
    this.afterMacrostep();
  }

  /** After a macrostep: timer work, new snapshot, observers; a final state stops the actor. */
  private afterMacrostep(): void {
    // A count, not the lists' length: setting length is a runtime call even when nothing changes (measured 7% of an SSE run).
    const n = this.ops;
    for (let i = 0; i < n; i++) {
      const event = this.opEvents[i];
      this.opEvents[i] = null;
      if (event === null) this.cancel(this.opSlots[i]);
      else this.schedule(this.opSlots[i], event, this.opDelays[i]);
    }
    this.ops = 0;
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
    const events = this.codeEvents;
    for (let c = 0; c < events.length; c++) {
      if (events[c] !== null && this.codeSlots[c] < 0) {
        this.clock.clearTimeout(this.codeHandles[c]);
        this.release(c);
      }
    }
    this.mailbox.length = 0;
    this.processing = STOPPED;
    if (this.observers === null) return;
    for (const o of this.observers) o.complete?.();
    this.observers.clear();
  }

  /**
   * A timer on the kernel's clock: this actor and a code naming its event and
   * slot (-1: no id, as xstate's own random one; it stops only with the
   * actor), no closure. As xstate 5.33's scheduler, a second timer under a
   * pending id overwrites the slot's handle, and the first still fires.
   */
  private schedule(slot: number, event: EventObject, delay: number): void {
    const code = this.freeCodes.length > 0 ? this.freeCodes.pop()! : this.codeEvents.length;
    this.codeEvents[code] = event;
    this.codeSlots[code] = slot;
    const handle = this.clock.post(delay, this, code);
    if (slot < 0) this.codeHandles[code] = handle;
    else {
      this.slotCodes[slot] = code;
      this.timers[slot] = handle;
    }
  }

  /** A timer fires: it forgets its slot's handle (whichever timer holds it now, as xstate does) and sends its event. */
  fire(code: number): void {
    const event = this.codeEvents[code]!;
    const slot = this.codeSlots[code];
    this.release(code);
    if (slot >= 0) {
      this.timers[slot] = undefined;
      this.slotCodes[slot] = -1;
    }
    this.send(event);
  }

  private release(code: number): void {
    this.codeEvents[code] = null;
    this.freeCodes.push(code);
  }

  private cancel(slot: number): void {
    const handle = this.timers[slot];
    this.timers[slot] = undefined;
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    const code = this.slotCodes[slot];
    if (code >= 0) {
      this.slotCodes[slot] = -1;
      this.release(code);
    }
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
    if (queue.length > 0) queue.length = 0;
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

  /** Queue timer work for after the macrostep. */
  private op(slot: number, event: EventObject | null, delay: number): void {
    const i = this.ops++;
    this.opSlots[i] = slot;
    this.opEvents[i] = event;
    this.opDelays[i] = delay;
  }

  /** Runs a microstep's actions; returns the new resting state (and sets status 'done' on a final one). */
  private runActions(step: Step, event: EventObject): Leaf {
    const actions = step.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      switch (a.kind) {
        case CUSTOM:
          if (this.initialCalls !== null) this.initialCalls.push({ fn: a.fn, event });
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
          if (typeof delay !== 'number') this.internal.push(a.event);
          else this.op(a.slot, a.event, delay);
          break;
        }
        case CANCEL:
          this.op(a.slot, null, 0);
          break;
        case NOOP:
          break;
      }
    }
    if (step.to.done) this.status = 'done';
    return step.to;
  }
}
