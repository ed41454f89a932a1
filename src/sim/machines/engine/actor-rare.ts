// What few actors need, made on first use (./actor-table.ts keeps one per
// row that needs it): a mailbox, raised events, observers, a snapshot, the
// initial state's deferred work, timers without an id.

import type { EventObject } from 'xstate';
import type { KernelTarget } from '../../kernel/kernel';
import type { FastSnapshot } from '../engine';
import type { ActorTable } from './actor-table';
import type { ActionFn } from './tables';

export type Observer = { next?: (s: FastSnapshot) => void; complete?: () => void };

/** A timer without an id (rare: it stops only with its actor), with a target of its own so that its firing says which one it was. */
export class IdlessTimer implements KernelTarget {
  handle: unknown = undefined;
  constructor(
    private readonly table: ActorTable,
    private readonly id: number,
    private readonly raise: number,
  ) {}

  fire(): void {
    this.table.idlessFired(this.id, this, this.raise);
  }
}

/** What few actors need, made on first use. */
export class Rare {
  /** Made when asked for (getSnapshot, an observer), kept until the state or status changes. */
  snapshot: FastSnapshot | null = null;
  /** Events sent while it is busy or not yet started (xstate's mailbox). */
  mailbox: EventObject[] | null = null;
  /** Raised events (a raise without a delay). */
  internal: EventObject[] | null = null;
  /** Timer work of the initial state, kept until start() (xstate defers it): slot, code and delay of each. */
  initialOps: number[] | null = null;
  /** Custom actions of the initial state, run by start() (xstate defers them the same way). */
  initialCalls: { fn: ActionFn; event: EventObject }[] | null = null;
  idless: IdlessTimer[] | null = null;
  observers: Set<Observer> | null = null;
  /**
   * A timer was scheduled under an id still pending: as in xstate the first
   * one still fires, with no handle left to cancel it, so this actor's row is
   * never reused (that timer would reach another actor).
   */
  pinned = false;
}
