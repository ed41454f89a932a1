// Runs every actor of one compiled machine (./tables.ts) on one clock, as
// xstate 5.33's actors would (../engine.ts lists the semantics kept): run to
// completion, the deferred timer work after each macrostep, observers
// notified after every event. An actor is a row of columns (its resting
// state's index, its flags, its timers' handles in slots, its context), not
// an object: when the clients share the server's cores every actor of the
// run is alive at once, and three objects each (the actor, its arguments,
// its timer list) were a fifth of a client's memory (docs/model.md). What
// few actors need (a mailbox, observers, a snapshot, deferred start work) is
// made on first use (./actor-rare.ts). `ActorRef` (./actor-ref.ts) is the
// handle the runtime holds; the deferred timer work is ./timer-work.ts.

import type { EventObject } from 'xstate';
import type { TargetClock } from '../../kernel/clock';
import type { KernelTarget } from '../../kernel/kernel';
import type { FastSnapshot, FastStatus } from '../engine';
import { ActorRef, startAfterStop } from './actor-ref';
import { IdlessTimer, Rare, type Observer } from './actor-rare';
import { CANCEL, CUSTOM, NOOP, RAISE, type Args, type Candidate, type Compiled, type Step } from './tables';
import { CANCELS, PENDING } from './timer-work';

// An actor's processing (xstate's ProcessingStatus).
const NOT_STARTED = 0;
const RUNNING = 1;
const STOPPED = 2;

// Its status, by index.
const ACTIVE = 0;
const DONE = 1;
const STATUS: readonly FastStatus[] = ['active', 'done', 'stopped'];
const STOPPED_STATUS = 2;

/** A timer slot with no pending timer. */
const NO_TIMER = -1;
/** The row of a handle whose actor's row was let go. */
const NO_ROW = -1;

const STOP_EVENT = 'xstate.stop';
const INIT_EVENT = 'xstate.init';
/** What a depth's arguments hold before their first call, and after a reset (so that they keep no run's event alive). */
const BETWEEN_CALLS: EventObject = Object.freeze({ type: INIT_EVENT });

export class ActorTable implements KernelTarget {
  /** Per row: its resting state's index in the machine's `leaves`, its processing, status and busy flag. */
  private leafOf = new Int32Array(16);
  private processing = new Uint8Array(16);
  private status = new Uint8Array(16);
  private busy = new Uint8Array(16);
  /** Per row, `slotsPerActor` pending timer handles (the kernel's event ids; NO_TIMER when none). */
  private timers: Float64Array;
  private readonly slotsPerActor: number;
  private readonly contexts: unknown[] = [];
  private readonly refs: (ActorRef | null)[] = [];
  private readonly rare: (Rare | null)[] = [];
  /** Rows let go, to reuse; rows ever used. */
  private freeRows: number[] = [];
  private used = 0;
  /** The arguments of the machine's functions, one object per depth of calls (an action of one actor may run another's). */
  private readonly argsAt: Args[] = [];
  private depth = 0;
  /** Codes a row's timers post to the kernel: row · span + the raise's index. */
  private readonly span: number;

  constructor(
    readonly m: Compiled,
    private readonly clock: TargetClock,
  ) {
    this.slotsPerActor = m.timers.length;
    this.timers = new Float64Array(16 * this.slotsPerActor);
    this.span = Math.max(1, m.raises.length);
  }

  /** A new actor made from `input`, not started: its initial state entered, its custom actions and timer work kept for start(). */
  spawn(input: unknown): ActorRef {
    const id = this.freeRows.length > 0 ? this.freeRows.pop()! : this.row();
    const ref = new ActorRef(this, id);
    this.refs[id] = ref;
    this.rare[id] = null;
    this.processing[id] = NOT_STARTED;
    this.status[id] = ACTIVE;
    this.busy[id] = 0;
    this.leafOf[id] = this.m.initial.to.index;
    this.timers.fill(NO_TIMER, id * this.slotsPerActor, (id + 1) * this.slotsPerActor);
    this.contexts[id] = undefined;
    // Busy while it is made: a stop() meanwhile (from its context maker or a guard) lets the row go only after.
    this.busy[id] = 1;
    const init: EventObject = { type: INIT_EVENT, input } as EventObject;
    const base = PENDING.n;
    const depth = this.depth;
    try {
      this.contexts[id] = this.m.context(input, ref);
      const args = this.enter(id);
      this.runActions(id, args, this.m.initial, init);
      this.macrostep(id, args, init, true);
      // The initial state's timer work waits for start(), off the shared stack.
      const p = PENDING;
      if (p.n > base) this.rareOf(id).initialOps = p.slots.slice(base, p.n).flatMap((slot, i) => [slot, p.codes[base + i], p.delays[base + i]]);
    } catch (err) {
      // Never made (its context maker or an initial function threw): nothing of it was posted, so its row is free again.
      this.busy[id] = 0;
      this.free(id, null);
      throw err;
    } finally {
      PENDING.n = base;
      this.depth = depth;
    }
    this.busy[id] = 0;
    if (this.processing[id] === STOPPED) this.letGo(id);
    return ref;
  }

  /** Every actor's run is over (the kernel starts afresh): their rows are free and their handles dead. */
  reset(): void {
    for (let id = 0; id < this.used; id++) {
      const ref = this.refs[id];
      if (ref !== null) ref.id = NO_ROW;
      this.refs[id] = null;
      this.contexts[id] = undefined;
      this.rare[id] = null;
    }
    for (const args of this.argsAt) {
      args.context = undefined;
      args.self = undefined;
      args.event = BETWEEN_CALLS;
    }
    this.used = 0;
    this.freeRows.length = 0;
  }

  /** A fresh row, the columns grown by doubling when full. */
  private row(): number {
    const id = this.used++;
    if (id === this.leafOf.length) {
      const n = id * 2;
      const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      this.leafOf = grow(this.leafOf, n);
      this.processing = grow(this.processing, n);
      this.status = grow(this.status, n);
      this.busy = grow(this.busy, n);
      this.timers = grow(this.timers, n * this.slotsPerActor);
    }
    // By index, not push: after a reset the lists keep their length, and rows start again from 0.
    this.refs[id] = null;
    this.contexts[id] = undefined;
    this.rare[id] = null;
    return id;
  }

  private rareOf(id: number): Rare {
    return (this.rare[id] ??= new Rare());
  }

  /** The row's actor stopped and none of its work is on the stack: its handle keeps its last snapshot, its row is reused (unless pinned). */
  private letGo(id: number): void {
    const rare = this.rare[id];
    if (rare !== null && rare.pinned) return;
    this.free(id, rare?.snapshot ?? this.freshSnapshot(id));
  }

  /** Row `id` is free: its handle is dead (keeping `ended`, its last snapshot, if any). */
  private free(id: number, ended: FastSnapshot | null): void {
    const ref = this.refs[id]!;
    ref.ended = ended;
    ref.id = NO_ROW;
    this.refs[id] = null;
    this.contexts[id] = undefined;
    this.rare[id] = null;
    this.freeRows.push(id);
  }

  start(id: number): void {
    if (this.processing[id] === RUNNING) return;
    // A pinned row outlives its actor's stop (its handle still names it): it stays stopped.
    if (this.processing[id] === STOPPED) throw startAfterStop(this.m.id);
    this.processing[id] = RUNNING;
    const rare = this.rare[id];
    const calls = rare === null ? null : rare.initialCalls;
    const ops = rare === null ? null : rare.initialOps;
    if (rare !== null) {
      rare.initialCalls = null;
      rare.initialOps = null;
    }
    this.busy[id] = 1;
    const base = PENDING.n;
    const depth = this.depth;
    try {
      if (calls !== null) {
        const args = this.enter(id);
        for (const c of calls) {
          args.event = c.event;
          c.fn(args, undefined);
        }
        this.depth = depth;
      }
      if (ops !== null) for (let i = 0; i < ops.length; i += 3) PENDING.add(ops[i], ops[i + 1], ops[i + 2]);
      this.afterMacrostep(id, base);
    } catch (err) {
      this.abandon(id, base, depth);
      throw err;
    }
    this.drain(id);
  }

  send(id: number, event: EventObject): void {
    const processing = this.processing[id];
    if (processing === RUNNING && this.busy[id] === 0) {
      // The common case: nothing queued, process at once.
      this.busy[id] = 1;
      const base = PENDING.n;
      const depth = this.depth;
      try {
        this.process(id, event);
      } catch (err) {
        this.abandon(id, base, depth);
        throw err;
      }
      this.drain(id);
      return;
    }
    if (processing === STOPPED) return;
    (this.rareOf(id).mailbox ??= []).push(event);
  }

  /** The row's snapshot, kept until its state or status changes. */
  snapshot(id: number): FastSnapshot {
    const rare = this.rareOf(id);
    return (rare.snapshot ??= this.freshSnapshot(id));
  }

  private freshSnapshot(id: number): FastSnapshot {
    return { value: this.m.leaves[this.leafOf[id]].value, context: this.contexts[id], status: STATUS[this.status[id]] };
  }

  subscribe(id: number, o: Observer): { unsubscribe(): void } {
    if (this.processing[id] === STOPPED) {
      if (this.status[id] === DONE) o.complete?.();
      return { unsubscribe: () => {} };
    }
    const rare = this.rareOf(id);
    (rare.observers ??= new Set()).add(o);
    return { unsubscribe: () => void rare.observers?.delete(o) };
  }

  stop(id: number): void {
    const processing = this.processing[id];
    if (processing === STOPPED) return;
    const rare = this.rare[id];
    if (rare !== null && rare.mailbox !== null) rare.mailbox.length = 0;
    if (processing === NOT_STARTED) {
      this.processing[id] = STOPPED;
      // Stopped while it is made: spawn lets the row go when it is done.
      if (this.busy[id] === 0) this.letGo(id);
      return;
    }
    (this.rareOf(id).mailbox ??= []).push({ type: STOP_EVENT });
    if (this.busy[id] === 0) {
      this.busy[id] = 1;
      this.drain(id);
    }
  }

  // --- internals

  /** A function of the machine threw: the shared stack and depth go back to where the call began, the row is no longer busy (the actor is unusable, as engine.ts says). */
  private abandon(id: number, base: number, depth: number): void {
    PENDING.n = base;
    this.depth = depth;
    this.busy[id] = 0;
  }

  /** Processes queued events one at a time (xstate's Mailbox); `busy` is set by the caller. Its row is let go here if it stopped: nothing of it is on the stack any more. */
  private drain(id: number): void {
    const rare = this.rare[id];
    const q = rare === null ? null : rare.mailbox;
    if (q !== null) {
      const base = PENDING.n;
      const depth = this.depth;
      try {
        while (q.length > 0 && this.processing[id] === RUNNING) this.process(id, q.shift()!);
      } finally {
        PENDING.n = base;
        this.depth = depth;
        this.busy[id] = 0;
      }
    } else this.busy[id] = 0;
    if (this.processing[id] === STOPPED) this.letGo(id);
  }

  /** One event from the mailbox (xstate's Actor._process). */
  private process(id: number, event: EventObject): void {
    if (event.type === STOP_EVENT) {
      this.status[id] = STOPPED_STATUS;
      const rare = this.rare[id];
      if (rare !== null) rare.snapshot = null;
      this.stopProcedure(id);
      return;
    }
    const base = PENDING.n;
    const depth = this.depth;
    this.macrostep(id, this.enter(id), event, false);
    this.depth = depth;
    this.afterMacrostep(id, base);
  }

  /** After a macrostep: its timer work (the shared stack's from `base`), new snapshot, observers; a final state stops the actor. */
  private afterMacrostep(id: number, base: number): void {
    // A count, not the lists' length: setting length is a runtime call even when nothing changes (measured 7% of an SSE run).
    const ops = PENDING;
    const n = ops.n;
    for (let i = base; i < n; i++) {
      const code = ops.codes[i];
      if (code === CANCELS) this.cancel(id, ops.slots[i]);
      else this.schedule(id, ops.slots[i], code, ops.delays[i]);
    }
    ops.n = base;
    const rare = this.rare[id];
    if (rare !== null) {
      const s = rare.snapshot;
      if (s !== null && (s.value !== this.m.leaves[this.leafOf[id]].value || s.status !== STATUS[this.status[id]])) rare.snapshot = null;
      if (rare.observers !== null && rare.observers.size > 0) {
        const snap = this.snapshot(id);
        for (const o of rare.observers) o.next?.(snap);
      }
    }
    if (this.status[id] === DONE) this.stopProcedure(id);
  }

  private stopProcedure(id: number): void {
    for (let slot = 0; slot < this.slotsPerActor; slot++) this.cancel(id, slot);
    this.processing[id] = STOPPED;
    const rare = this.rare[id];
    if (rare === null) return;
    // Timers without an id stop with the actor.
    if (rare.idless !== null) for (const t of rare.idless) this.clock.clearTimeout(t.handle);
    rare.idless = null;
    if (rare.mailbox !== null) rare.mailbox.length = 0;
    if (rare.observers === null) return;
    for (const o of rare.observers) o.complete?.();
    rare.observers.clear();
  }

  /**
   * A timer on the kernel's clock: this table and a code naming the row and
   * the raise (its event and slot in the machine), no closure. As xstate
   * 5.33's scheduler, a second timer under a pending id overwrites the
   * slot's handle, and the first still fires. A timer without an id (slot
   * -1, as xstate's own random one) stops only with the actor.
   */
  private schedule(id: number, slot: number, code: number, delay: number): void {
    if (slot >= 0) {
      const k = id * this.slotsPerActor + slot;
      if (this.timers[k] !== NO_TIMER) this.rareOf(id).pinned = true;
      this.timers[k] = this.clock.post(delay, this, id * this.span + code);
      return;
    }
    const t = new IdlessTimer(this, id, code);
    t.handle = this.clock.post(delay, t, 0);
    (this.rareOf(id).idless ??= []).push(t);
  }

  /** A timer fires: it forgets its slot's handle (whichever timer holds it now, as xstate does) and sends its event. */
  fire(code: number): void {
    const id = Math.floor(code / this.span);
    const r = this.m.raises[code - id * this.span];
    if (r.slot >= 0) this.timers[id * this.slotsPerActor + r.slot] = NO_TIMER;
    this.send(id, r.event);
  }

  /** A timer without an id fired. */
  idlessFired(id: number, t: IdlessTimer, raise: number): void {
    const list = this.rare[id]!.idless!;
    list.splice(list.indexOf(t), 1);
    this.send(id, this.m.raises[raise].event);
  }

  private cancel(id: number, slot: number): void {
    const k = id * this.slotsPerActor + slot;
    const handle = this.timers[k];
    this.timers[k] = NO_TIMER;
    if (handle !== NO_TIMER) this.clock.clearTimeout(handle);
  }

  /**
   * The arguments of the machine's functions for row `id`'s macrostep, one
   * object per depth: an action that drives another actor of this machine
   * runs that one's macrostep a level deeper, so its own arguments are left
   * as they were (the caller puts the depth back). Each call sets the event.
   */
  private enter(id: number): Args {
    const args = (this.argsAt[this.depth++] ??= { context: undefined, event: BETWEEN_CALLS, self: undefined });
    args.context = this.contexts[id];
    args.self = this.refs[id];
    return args;
  }

  /** xstate's macrostep (stateUtils.macrostep) on the compiled tables. */
  private macrostep(id: number, args: Args, event: EventObject, isInit: boolean): void {
    const leaves = this.m.leaves;
    let ev = event;
    if (!isInit) {
      const cands = leaves[this.leafOf[id]].on.get(ev.type);
      if (cands !== undefined) {
        const step = this.select(args, cands, ev);
        if (step !== null) this.runActions(id, args, step, ev);
      }
    }
    let eventless = true;
    while (this.status[id] === ACTIVE) {
      const leaf = leaves[this.leafOf[id]];
      let step: Step | null = null;
      let fromEventless = false;
      if (eventless && leaf.always !== null) {
        step = this.select(args, leaf.always, ev);
        fromEventless = step !== null;
      }
      if (!fromEventless) {
        const rare = this.rare[id];
        const queue = rare === null ? null : rare.internal;
        if (queue === null || queue.length === 0) break;
        ev = queue.shift()!;
        const cands = leaf.on.get(ev.type);
        step = cands === undefined ? null : this.select(args, cands, ev);
      }
      const before = this.leafOf[id];
      if (step !== null) this.runActions(id, args, step, ev);
      eventless = fromEventless ? this.leafOf[id] !== before : true;
    }
    const rare = this.rare[id];
    if (rare !== null && rare.internal !== null && rare.internal.length > 0) rare.internal.length = 0;
  }

  private select(args: Args, cands: Candidate[], event: EventObject): Step | null {
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      if (c.guard === null) return c.step;
      args.event = event;
      if (c.guard(args, undefined)) return c.step;
    }
    return null;
  }

  /** Runs a microstep's actions and moves the row to its resting state (status 'done' on a final one). */
  private runActions(id: number, args: Args, step: Step, event: EventObject): void {
    const actions = step.actions;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      switch (a.kind) {
        case CUSTOM:
          if (this.processing[id] === NOT_STARTED) (this.rareOf(id).initialCalls ??= []).push({ fn: a.fn, event });
          else {
            args.event = event;
            a.fn(args, undefined);
          }
          break;
        case RAISE: {
          const d = a.delay;
          let delay: unknown = d;
          if (typeof d === 'function') {
            args.event = event;
            delay = d(args, undefined);
          }
          if (typeof delay !== 'number') (this.rareOf(id).internal ??= []).push(a.event);
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
    this.leafOf[id] = step.to.index;
    if (step.to.done) this.status[id] = DONE;
  }
}
