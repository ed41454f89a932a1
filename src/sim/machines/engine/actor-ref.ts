// The handle of one actor of an actor table (./actor-table.ts): what the
// runtime holds and sends to, and what a machine's functions get as `self`.

import type { EventObject } from 'xstate';
import type { FastActor, FastObserver, FastSnapshot } from '../engine';
import type { Observer } from './actor-rare';
import type { ActorTable } from './actor-table';

/** The handle of one actor: its table and its row (-1 once the row is let go: a stopped actor, which ignores what it is sent). */
export class ActorRef implements FastActor {
  /** Its last snapshot, taken when its row was let go (null: its run is over, ./actor-table.ts `reset`). */
  ended: FastSnapshot | null = null;

  constructor(
    private readonly table: ActorTable,
    public id: number,
  ) {}

  start(): this {
    if (this.id >= 0) this.table.start(this.id);
    else throw new Error(`fast engine: machine '${this.table.m.id}': start() after stop() is not supported`);
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
