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
  /** Per slot: orderKey(time, priority) and sequence (`order`, two each); owner, code and generation (`ints`, three each). */
  private order = new Float64Array(128);
  private ints = new Int32Array(192);
  /** Each slot's action (null: cancelled or free). */
  private action: (EventAction | null)[] = new Array<EventAction | null>(64).fill(null);
  /** The heap (slot numbers, least first), then the free slots from the end down (`free` of them). */
  private heap = new Int32Array(64);
  private free = 0;
  /** Slots ever used (those beyond are free and not listed). */
  private used = 0;
  /** Events in the heap (cancelled ones included). */
  size = 0;

  /** Queue an event; returns its slot (`idOf` names it for cancel). */
  push(time: number, priority: number, seq: number, owner: number, action: EventAction, code: number): number {
    const s = this.free > 0 ? this.heap[this.heap.length - this.free--] : this.fresh();
    this.order[2 * s] = orderKey(time, priority);
    this.order[2 * s + 1] = seq;
    this.ints[3 * s] = owner;
    this.ints[3 * s + 1] = code;
    this.action[s] = action;
    this.siftUp(this.size++, s);
    return s;
  }

  /** The id of the event now in `slot`: the slot and its generation. */
  idOf(slot: number): number {
    return this.ints[3 * slot + 2] * SLOT_SPAN + slot;
  }

  /** Cancel the event with this id, if it is still pending. Lazy: it stays in the heap and is skipped. */
  cancel(id: number): void {
    const s = id % SLOT_SPAN;
    if (s < this.used && this.idOf(s) === id) this.action[s] = null;
  }

  /** The least event's slot, or -1 when the heap is empty. */
  peek(): number {
    return this.size > 0 ? this.heap[0] : -1;
  }

  keyOf(slot: number): number {
    return this.order[2 * slot];
  }

  owner(slot: number): number {
    return this.ints[3 * slot];
  }

  code(slot: number): number {
    return this.ints[3 * slot + 1];
  }

  /** Take the least event out of the heap and free its slot; returns its action (null: it was cancelled). */
  pop(): EventAction | null {
    const h = this.heap;
    const s = h[0];
    const last = h[--this.size];
    if (this.size > 0) this.siftDown(0, last);
    const a = this.action[s];
    this.release(s);
    return a;
  }

  /** Forget every pending event (their actions are released); the arrays keep their size. */
  clear(): void {
    // Released from the last: each freed slot takes the heap's place it leaves (the free list grows down from the end).
    while (this.size > 0) this.release(this.heap[--this.size]);
  }

  /** The slot's event is gone: a new generation (its old id names nothing), on the free list. */
  private release(s: number): void {
    this.action[s] = null;
    this.ints[3 * s + 2] = (this.ints[3 * s + 2] + 1) % GENERATIONS;
    this.heap[this.heap.length - ++this.free] = s;
  }

  /** A never-used slot, growing the arrays when they are full. */
  private fresh(): number {
    if (this.used === this.action.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const n = this.action.length;
    if (2 * n > SLOT_SPAN) throw new Error(`kernel: more than ${SLOT_SPAN} events pending at once; run fewer clients together (server.cores) or a shorter run`);
    const order = new Float64Array(4 * n);
    order.set(this.order);
    const ints = new Int32Array(6 * n);
    ints.set(this.ints);
    // Nothing is free when the arrays grow (every slot is used), so the heap alone moves.
    const heap = new Int32Array(2 * n);
    heap.set(this.heap.subarray(0, this.size));
    this.order = order;
    this.ints = ints;
    this.heap = heap;
    for (let i = n; i < 2 * n; i++) this.action.push(null);
  }

  /** Slot a's event runs before slot b's (./order.ts). */
  private less(a: number, b: number): boolean {
    const o = this.order;
    return runsBefore(o[2 * a], o[2 * a + 1], o[2 * b], o[2 * b + 1]);
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
