// The discrete-event kernel: a clock and one ordered event queue, nothing else
// (in the spirit of SimPy's core). Everything that happens in a run is a
// callback scheduled here; machines' delays are turned into kernel events by
// ./clock.ts.
//
// Beside the queue, one *lead* slot: at most one pending callback that runs
// before every queued event of its time, as a priority-0 event would
// (PRIORITY.feed: the feed's next update is the only such event). Each update
// reaches a listening client through it with no queue entry and no
// allocation; the order of a run is exactly what the queue gave.
//
// Each event has an owner (a client, or -1 for none), inherited from the
// event that scheduled it: a client that leaves (src/sim/run/population.ts)
// is dropped, and every event it still has queued is skipped, whatever
// scheduled it, without a search of the queue.

import TinyQueue from 'tinyqueue';
import { compareEvents, type Ordered } from './order';
import type { Micros } from './time';

export interface ScheduledEvent extends Ordered {
  readonly fire: () => void;
  cancelled: boolean;
  /** The client whose event this is (-1: none). */
  readonly owner: number;
}

export class Kernel {
  /** Current virtual time (µs). Never decreases. */
  now: Micros = 0;
  /** Events run so far (for benchmarks). */
  processed = 0;
  private seq = 0;
  private readonly queue = new TinyQueue<ScheduledEvent>([], compareEvents);
  private leadTime = Infinity;
  private leadFire: (() => void) | null = null;
  /** The owner of the event running now (and of what it schedules); -1 = none. */
  owner = -1;
  /** Owners dropped (dropped[c] = 1), made on the first drop. */
  private dropped: Uint8Array | null = null;

  /** Schedule `fire` at absolute time `time` (integer µs, not in the past). */
  at(time: Micros, priority: number, fire: () => void): ScheduledEvent {
    if (!Number.isInteger(time) || time < this.now) {
      throw new Error(`kernel: cannot schedule at ${time} µs (now is ${this.now} µs; time must be an integer >= now)`);
    }
    const ev: ScheduledEvent = { time, priority, seq: this.seq++, fire, cancelled: false, owner: this.owner };
    this.queue.push(ev);
    return ev;
  }

  /** Schedule `fire` after `delay` µs. */
  after(delay: Micros, priority: number, fire: () => void): ScheduledEvent {
    return this.at(this.now + delay, priority, fire);
  }

  /**
   * Run `fire` at `time`, before every queued event of that time (it stands
   * for an event of the lowest priority number, which nothing else uses).
   * One at a time: the callback may set the next.
   */
  lead(time: Micros, fire: () => void): void {
    if (!Number.isInteger(time) || time < this.now) {
      throw new Error(`kernel: cannot lead at ${time} µs (now is ${this.now} µs; time must be an integer >= now)`);
    }
    if (this.leadFire !== null) throw new Error(`kernel: a lead event is already pending at ${this.leadTime} µs`);
    this.leadTime = time;
    this.leadFire = fire;
  }

  /** Cancel a scheduled event. Lazy: it stays queued but never fires. */
  cancel(ev: ScheduledEvent): void {
    ev.cancelled = true;
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
    d[owner] = 1;
  }

  /** Number of queued events, cancelled ones included. */
  get pending(): number {
    return this.queue.length + (this.leadFire === null ? 0 : 1);
  }

  /**
   * Run every event with time < until, in order, then set now = until.
   * Boundary (as SimPy's `run(until)`): an event due exactly at `until` does
   * NOT run; it is left queued. Pinned by tests/kernel/kernel.test.ts.
   */
  run(until: Micros): void {
    if (!Number.isInteger(until)) throw new Error(`kernel: run(until) needs an integer time in µs, got ${until}`);
    const q = this.queue;
    for (;;) {
      const next = q.peek();
      const lead = this.leadTime;
      if (lead < until && (next === undefined || lead <= next.time)) {
        const fire = this.leadFire!;
        this.leadTime = Infinity;
        this.leadFire = null;
        this.now = lead;
        this.processed++;
        this.owner = -1;
        fire();
        continue;
      }
      if (next === undefined || next.time >= until) break;
      q.pop();
      if (next.cancelled) continue;
      const d = this.dropped;
      if (d !== null && next.owner >= 0 && d[next.owner] === 1) continue;
      this.now = next.time;
      this.processed++;
      this.owner = next.owner;
      next.fire();
    }
    if (until > this.now) this.now = until;
  }
}
