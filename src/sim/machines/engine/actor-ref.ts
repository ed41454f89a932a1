// The handle of one actor of an actor table (./actor-table.ts): what the
// runtime holds and sends to, and what a machine's functions get as `self`.

import type { EventObject } from 'xstate';
import type { FastActor, FastObserver, FastSnapshot } from '../engine';
import type { Observer } from './actor-rare';
import type { ActorTable } from './actor-table';

/** What start() after stop() throws (xstate restarts a stopped actor; this engine does not, and says so). */
export const startAfterStop = (machine: string): Error => new Error(`fast engine: machine '${machine}': start() after stop() is not supported`);

/** The handle of one actor: its table and its row (-1 once the row is let go: a stopped actor, which ignores what it is sent). */
export class ActorRef implements FastActor {
  /** Its last snapshot, taken when its row was let go (null: its run is over, ./actor-table.ts `reset`). */
  ended: FastSnapshot | null = null;

  constructor(
    private readonly table: ActorTable,
    public id: number,
  ) {}

  start(): this {
    if (this.id < 0) throw startAfterStop(this.table.m.id);
    this.table.start(this.id);
    return this;
  }

  send(event: EventObject): void {
    if (this.id >= 0) this.table.send(this.id, event);
  }

  getSnapshot(): FastSnapshot {
    if (this.id >= 0) return this.table.snapshot(this.id);
    if (this.ended === null) throw new Error(`fast engine: machine '${this.table.m.id}': an actor of a run that is over`);
    return this.ended;
  }

  subscribe(observer: FastObserver): { unsubscribe(): void } {
    const o: Observer = typeof observer === 'function' ? { next: observer } : observer;
    if (this.id >= 0) return this.table.subscribe(this.id, o);
    if (this.ended?.status === 'done') o.complete?.();
    return { unsubscribe: () => {} };
  }

  stop(): this {
    if (this.id >= 0) this.table.stop(this.id);
    return this;
  }
}
