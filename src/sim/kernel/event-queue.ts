// The kernel's queue of pending events, with no object per event: an event
// is a slot, whose owner, code, generation, sequence and action live in
// parallel arrays, and the binary min-heap holds each event's orderKey
// beside its slot, so that a sift compares entries in place rather than
// reading them through their slots (10,000 independent polling clients:
// 0.96-1.22 s before, 0.82-0.89 s after, measured side by side). Key and
// slot sit side by side in one array, the root at 1, so that a node's two
// children share a cache line; the sequence, which breaks ties between
// equal keys only, is read from its slot on a tie. With the clients sharing
// the server's cores the heap holds an event or more per client, and a
// sift down touched three arrays at every level. The heap's order is
// ./order.ts's (time and priority in one key, then the sequence), so the
// tie-break is still written in one place. Slots are reused once their
// event has run, and the arrays grow by doubling, so a run allocates
// nothing per event once the queue has reached its largest size.
//
// What an event does is either a closure (for rare events: a restart, a
// client's start) or a long-lived target and an integer code (for the hot
// ones: a packet's arrival, a machine's timer), which costs no allocation.

import { orderKey, slotRunsBefore } from './order';

/** A long-lived object that kernel events call with an integer saying what happened (no closure per event). */
export interface KernelTarget {
  fire(code: number): void;
  /** The event will never fire (its owner was dropped: src/sim/kernel/kernel.ts): let go of what waits for it. */
  drop?(code: number): void;
}

export type EventAction = KernelTarget | (() => void);

/** Slots per generation in an event's id: at most 2^24 (16.7 M) events pending at once. */
const SLOT_SPAN = 2 ** 24;
/** Generations wrap at 2^29, so that an id (generation · 2^24 + slot) is an exact integer. */
const GENERATIONS = 2 ** 29;

export class EventQueue {
  /** Per slot: owner, code and generation (three each). */
  private ints = new Int32Array(192);
  /** Each slot's action (null: cancelled or free). */
  private action: (EventAction | null)[] = new Array<EventAction | null>(64).fill(null);
  /** Free slots, a stack of `free` of them. */
  private freeSlots = new Int32Array(64);
  private free = 0;
  /** Slots ever used (those beyond are free and not listed). */
  private used = 0;
  /** Per slot: its event's sequence (the tie-break among equal keys, read only on a tie). */
  private seqOf = new Float64Array(64);
  /**
   * The heap, least first, from index 1 (a node i's children are 2i and
   * 2i + 1): each entry is two numbers side by side, its orderKey(time,
   * priority) and its slot, so that a node's two children share one 64-byte
   * cache line (when the buffer starts on one, as V8's large buffers do: it
   * promises no alignment) and a sift step reads one line, not one per field.
   */
  private heap = new Float64Array(2 * 64);
  /** Events in the heap (cancelled ones included). */
  size = 0;

  /** Queue an event; returns its slot (`idOf` names it for cancel). */
  push(time: number, priority: number, seq: number, owner: number, action: EventAction, code: number): number {
    const s = this.free > 0 ? this.freeSlots[--this.free] : this.fresh();
    this.ints[3 * s] = owner;
    this.ints[3 * s + 1] = code;
    this.action[s] = action;
    this.seqOf[s] = seq;
    if (2 * (this.size + 2) > this.heap.length) this.growHeap();
    this.siftUp(++this.size, orderKey(time, priority), s);
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
    return this.size > 0 ? this.heap[3] : -1;
  }

  /** The least event's orderKey (peek() first: the heap must not be empty). */
  peekKey(): number {
    return this.heap[2];
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
    const s = h[3];
    const last = this.size--;
    if (last > 1) this.siftDown(h[2 * last], h[2 * last + 1]);
    const a = this.action[s];
    this.release(s);
    return a;
  }

  /** Forget every pending event (their actions are released); the arrays keep their size. */
  clear(): void {
    while (this.size > 0) this.release(this.heap[2 * this.size-- + 1]);
  }

  /** The slot's event is gone: a new generation (its old id names nothing), on the free list. */
  private release(s: number): void {
    this.action[s] = null;
    this.ints[3 * s + 2] = (this.ints[3 * s + 2] + 1) % GENERATIONS;
    this.freeSlots[this.free++] = s;
  }

  /** A never-used slot, growing the slot arrays when they are full. */
  private fresh(): number {
    if (this.used === this.action.length) this.growSlots();
    return this.used++;
  }

  private growSlots(): void {
    const n = this.action.length;
    if (2 * n > SLOT_SPAN) throw new Error(`kernel: more than ${SLOT_SPAN} events pending at once; run fewer clients together (server.cores) or a shorter run`);
    const ints = new Int32Array(6 * n);
    ints.set(this.ints);
    this.ints = ints;
    const seqOf = new Float64Array(2 * n);
    seqOf.set(this.seqOf);
    this.seqOf = seqOf;
    // Nothing is free when the slots grow (every slot is used): the free stack only needs the room.
    this.freeSlots = new Int32Array(2 * n);
    for (let i = n; i < 2 * n; i++) this.action.push(null);
  }

  private growHeap(): void {
    const heap = new Float64Array(2 * this.heap.length);
    heap.set(this.heap);
    this.heap = heap;
  }

  /** Put the entry (key, slot) at node `pos` or above it. */
  private siftUp(pos: number, key: number, slot: number): void {
    const { heap, seqOf } = this;
    while (pos > 1) {
      const parent = pos >> 1;
      const pk = heap[2 * parent];
      const ps = heap[2 * parent + 1];
      if (!slotRunsBefore(key, slot, pk, ps, seqOf)) break;
      heap[2 * pos] = pk;
      heap[2 * pos + 1] = ps;
      pos = parent;
    }
    heap[2 * pos] = key;
    heap[2 * pos + 1] = slot;
  }

  /** Put the entry (key, slot) at the root's place or below it. */
  private siftDown(key: number, slot: number): void {
    const { heap, seqOf } = this;
    const n = this.size;
    let pos = 1;
    for (;;) {
      let child = 2 * pos;
      if (child > n) break;
      let ck = heap[2 * child];
      let cs = heap[2 * child + 1];
      if (child < n) {
        const rk = heap[2 * child + 2];
        const rs = heap[2 * child + 3];
        if (slotRunsBefore(rk, rs, ck, cs, seqOf)) {
          child++;
          ck = rk;
          cs = rs;
        }
      }
      if (!slotRunsBefore(ck, cs, key, slot, seqOf)) break;
      heap[2 * pos] = ck;
      heap[2 * pos + 1] = cs;
      pos = child;
    }
    heap[2 * pos] = key;
    heap[2 * pos + 1] = slot;
  }
}
