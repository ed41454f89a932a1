// The discrete-event kernel: a clock and one ordered event queue, nothing else
// (in the spirit of SimPy's core). Everything that happens in a run is a
// callback scheduled here; machines' delays are turned into kernel events by
// ./clock.ts.
//
// The queue (./event-queue.ts) keeps events in typed arrays: an event is an
// id, not an object, and a hot event (a packet's arrival, a machine's
// timer) is a long-lived target and an integer code, not a closure, so the
// loop allocates nothing per event. One kernel serves client after client
// (`reset`), keeping its arrays.
//
// Each event has an owner (a client, or -1 for none), inherited from the
// event that scheduled it: a client that leaves (src/sim/run/population.ts)
// is dropped, and every event it still has queued is skipped, whatever
// scheduled it, without a search of the queue; a target's event reaches it
// as drop(code) instead, so that it lets go of what waited for the event.

import { EventQueue, type EventAction, type KernelTarget } from './event-queue';
import { MAX_EVENT_TIME, PRIORITY_LEVELS } from './order';
import type { Micros } from './time';

export type { KernelTarget } from './event-queue';

/** A scheduled event, for cancel: an integer naming one use of a queue slot. */
export type EventId = number;

export class Kernel {
  /** Current virtual time (µs). Never decreases. */
  now: Micros = 0;
  /** Events run so far (for benchmarks). */
  processed = 0;
  private seq = 0;
  private readonly queue = new EventQueue();
  /** The owner of the event running now (and of what it schedules); -1 = none. */
  owner = -1;
  /** Owners dropped (dropped[c] = 1), made on the first drop; `droppedList` says which to clear on reset. */
  private dropped: Uint8Array | null = null;
  private readonly droppedList: number[] = [];

  /** Schedule `fire` at absolute time `time` (integer µs, not in the past). */
  at(time: Micros, priority: number, fire: () => void): EventId {
    return this.queue.idOf(this.queued(time, priority, fire, 0));
  }

  /** Schedule `fire` after `delay` µs. */
  after(delay: Micros, priority: number, fire: () => void): EventId {
    return this.at(this.now + delay, priority, fire);
  }

  /** Schedule `target.fire(code)` at `time`: an event with no closure, for the hot paths; it cannot be cancelled. */
  post(time: Micros, priority: number, target: KernelTarget, code: number): void {
    this.queued(time, priority, target, code);
  }

  /** Schedule `target.fire(code)` at `time`, with an id to cancel it by. */
  postCancellable(time: Micros, priority: number, target: KernelTarget, code: number): EventId {
    return this.queue.idOf(this.queued(time, priority, target, code));
  }

  /**
   * Queue an event; returns its slot. (An id is made only when asked for: it
   * is a number beyond V8's small integers, and each one returned would be
   * allocated.)
   */
  private queued(time: Micros, priority: number, target: EventAction, code: number): number {
    if (!Number.isInteger(time) || time < this.now || time > MAX_EVENT_TIME) {
      throw new Error(`kernel: cannot schedule at ${time} µs (now is ${this.now} µs; time must be an integer >= now and <= ${MAX_EVENT_TIME})`);
    }
    if (!(priority >= 0 && priority < PRIORITY_LEVELS && Number.isInteger(priority))) {
      throw new Error(`kernel: priority ${priority} is not an integer from 0 to ${PRIORITY_LEVELS - 1}`);
    }
    return this.queue.push(time, priority, this.seq++, this.owner, target, code);
  }

  /** Cancel a scheduled event. Lazy: it stays queued but never fires. An event that has run is not affected. */
  cancel(id: EventId): void {
    this.queue.cancel(id);
  }

  /** Drop `owner` (a client that left): none of its queued events will run, nor any it would have scheduled. */
  drop(owner: number): void {
    if (owner < 0) return;
    let d = this.dropped;
    if (!d || owner >= d.length) {
      const grown = new Uint8Array(Math.max(owner + 1, (d?.length ?? 0) * 2, 64));
      if (d) grown.set(d);
      this.dropped = d = grown;
    }
    if (d[owner] === 0) this.droppedList.push(owner);
    d[owner] = 1;
  }

  /** Start again from time 0 with nothing pending (the next client's run), keeping the queue's arrays. */
  reset(): void {
    this.queue.clear();
    this.now = 0;
    this.processed = 0;
    this.seq = 0;
    this.owner = -1;
    const d = this.dropped;
    if (d) for (const o of this.droppedList) d[o] = 0;
    this.droppedList.length = 0;
  }

  /** Number of queued events, cancelled ones included. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Run every event with time < until, in order, then set now = until.
   * Boundary (as SimPy's `run(until)`): an event due exactly at `until` does
   * NOT run; it is left queued. Pinned by tests/kernel/kernel.test.ts.
   */
  run(until: Micros): void {
    if (!Number.isInteger(until)) throw new Error(`kernel: run(until) needs an integer time in µs, got ${until}`);
    const q = this.queue;
    // Keys hold time and priority (./order.ts): a time t's events have keys from t · PRIORITY_LEVELS up.
    const untilKey = until * PRIORITY_LEVELS;
    for (;;) {
      const next = q.peek();
      if (next < 0 || q.peekKey() >= untilKey) break;
      const key = q.peekKey();
      const owner = q.owner(next);
      const code = q.code(next);
      const action = q.pop();
      if (action === null) continue;
      const d = this.dropped;
      if (d !== null && owner >= 0 && d[owner] === 1) {
        // Its target lets go of what waited for the event (a packet's slot in the run's table).
        if (typeof action !== 'function') action.drop?.(code);
        continue;
      }
      this.now = Math.floor(key / PRIORITY_LEVELS);
      this.processed++;
      this.owner = owner;
      if (typeof action === 'function') action();
      else action.fire(code);
    }
    if (until > this.now) this.now = until;
  }
}
