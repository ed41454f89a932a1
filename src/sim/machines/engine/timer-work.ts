// The machines' deferred timer work (xstate's: delayed raises and cancels
// run after the macrostep that asked for them, in order): one stack shared by
// every actor of every machine (./actor-table.ts).

/** The code of a cancel in the timer work (a raise's is its index in the machine's `raises`). */
export const CANCELS = -1;

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
 * above the first's.
 */
export const PENDING = new Ops();
