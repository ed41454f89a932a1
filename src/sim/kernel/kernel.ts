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

import TinyQueue from 'tinyqueue';
import { compareEvents, type Ordered } from './order';
import type { Micros } from './time';

export interface ScheduledEvent extends Ordered {
  readonly fire: () => void;
  cancelled: boolean;
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

  /** Schedule `fire` at absolute time `time` (integer µs, not in the past). */
  at(time: Micros, priority: number, fire: () => void): ScheduledEvent {
    if (!Number.isInteger(time) || time < this.now) {
      throw new Error(`kernel: cannot schedule at ${time} µs (now is ${this.now} µs; time must be an integer >= now)`);
    }
    const ev: ScheduledEvent = { time, priority, seq: this.seq++, fire, cancelled: false };
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
        fire();
        continue;
      }
      if (next === undefined || next.time >= until) break;
      q.pop();
      if (next.cancelled) continue;
      this.now = next.time;
      this.processed++;
      next.fire();
    }
    if (until > this.now) this.now = until;
  }
}
