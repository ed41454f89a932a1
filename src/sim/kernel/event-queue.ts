// The kernel's queue of pending events, with no object per event: an event
// is a slot, its fields live in parallel typed arrays, and the binary
// min-heap holds slot numbers. The heap's order is ./order.ts's (time and
// priority in one key, then the sequence), so the tie-break is still
// written in one place. Slots are reused once their event has run, and the
// arrays grow by doubling, so a run allocates nothing per event once the
// queue has reached its largest size.
//
// What an event does is either a closure (for rare events: a restart, a
// client's start) or a long-lived target and an integer code (for the hot
// ones: a packet's arrival, a machine's timer), which costs no allocation.

import { orderKey, runsBefore } from './order';

/** A long-lived object that kernel events call with an integer saying what happened (no closure per event). */
export interface KernelTarget {
  fire(code: number): void;
}

export type EventAction = KernelTarget | (() => void);

/** Slots per generation in an event's id: at most 2^24 (16.7 M) events pending at once. */
const SLOT_SPAN = 2 ** 24;
/** Generations wrap at 2^29, so that an id (generation · 2^24 + slot) is an exact integer. */
const GENERATIONS = 2 ** 29;

export class EventQueue {
  /** orderKey(time, priority) and sequence of each slot's event. */
  private key = new Float64Array(64);
  private seq = new Float64Array(64);
  /** The owner and code of each slot's event; its action (null: cancelled or free). */
  private ownerOf = new Int32Array(64);
  private codeOf = new Int32Array(64);
  private action: (EventAction | null)[] = new Array<EventAction | null>(64).fill(null);
  /** Each slot's generation: an id names one use of a slot, so cancelling an event that has run does nothing. */
  private gen = new Uint32Array(64);
  /** The heap: slot numbers, least first. */
  private heap = new Int32Array(64);
  /** Slots free for reuse (a stack). */
  private free = new Int32Array(64);
  private freeCount = 0;
  /** Slots ever used (those beyond are free and not in `free`). */
  private used = 0;
  /** Events in the heap (cancelled ones included). */
  size = 0;

  /** Queue an event; returns its slot (`idOf` names it for cancel). */
  push(time: number, priority: number, seq: number, owner: number, action: EventAction, code: number): number {
    const s = this.freeCount > 0 ? this.free[--this.freeCount] : this.fresh();
    this.key[s] = orderKey(time, priority);
    this.seq[s] = seq;
    this.ownerOf[s] = owner;
    this.codeOf[s] = code;
    this.action[s] = action;
    this.siftUp(this.size++, s);
    return s;
  }

  /** The id of the event now in `slot`: the slot and its generation. */
  idOf(slot: number): number {
    return this.gen[slot] * SLOT_SPAN + slot;
  }

  /** Cancel the event with this id, if it is still pending. Lazy: it stays in the heap and is skipped. */
  cancel(id: number): void {
    const s = id % SLOT_SPAN;
    if (s < this.used && this.gen[s] * SLOT_SPAN + s === id) this.action[s] = null;
  }

  /** The least event's slot, or -1 when the heap is empty. */
  peek(): number {
    return this.size > 0 ? this.heap[0] : -1;
  }

  keyOf(slot: number): number {
    return this.key[slot];
  }

  owner(slot: number): number {
    return this.ownerOf[slot];
  }

  code(slot: number): number {
    return this.codeOf[slot];
  }

  /** Take the least event out of the heap and free its slot; returns its action (null: it was cancelled). */
  pop(): EventAction | null {
    const s = this.heap[0];
    const last = this.heap[--this.size];
    if (this.size > 0) this.siftDown(0, last);
    const a = this.action[s];
    this.action[s] = null;
    this.gen[s] = (this.gen[s] + 1) % GENERATIONS;
    this.free[this.freeCount++] = s;
    return a;
  }

  /** Forget every pending event (their actions are released); the arrays keep their size. */
  clear(): void {
    for (let i = 0; i < this.size; i++) {
      const s = this.heap[i];
      this.action[s] = null;
      this.gen[s] = (this.gen[s] + 1) % GENERATIONS;
      this.free[this.freeCount++] = s;
    }
    this.size = 0;
  }

  /** A never-used slot, growing the arrays when they are full. */
  private fresh(): number {
    if (this.used === this.key.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const n = this.key.length * 2;
    if (n > SLOT_SPAN) throw new Error(`kernel: more than ${SLOT_SPAN} events pending at once; run fewer clients together (server.cores) or a shorter run`);
    const more = <T extends Float64Array | Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.key = more(this.key, (k) => new Float64Array(k));
    this.seq = more(this.seq, (k) => new Float64Array(k));
    this.ownerOf = more(this.ownerOf, (k) => new Int32Array(k));
    this.codeOf = more(this.codeOf, (k) => new Int32Array(k));
    this.gen = more(this.gen, (k) => new Uint32Array(k));
    this.heap = more(this.heap, (k) => new Int32Array(k));
    this.free = more(this.free, (k) => new Int32Array(k));
    for (let i = this.action.length; i < n; i++) this.action.push(null);
  }

  /** Slot a's event runs before slot b's (./order.ts). */
  private less(a: number, b: number): boolean {
    return runsBefore(this.key[a], this.seq[a], this.key[b], this.seq[b]);
  }

  private siftUp(pos: number, s: number): void {
    const h = this.heap;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = h[parent];
      if (!this.less(s, p)) break;
      h[pos] = p;
      pos = parent;
    }
    h[pos] = s;
  }

  private siftDown(pos: number, s: number): void {
    const h = this.heap;
    const n = this.size;
    const half = n >> 1;
    while (pos < half) {
      let child = 2 * pos + 1;
      let c = h[child];
      const right = child + 1;
      if (right < n && this.less(h[right], c)) {
        child = right;
        c = h[right];
      }
      if (!this.less(c, s)) break;
      h[pos] = c;
      pos = child;
    }
    h[pos] = s;
  }
}
