// The kernel's queue of pending events, with no object per event: an event
// is a slot, whose owner, code, generation and action live in parallel
// arrays, and the binary min-heap holds each event's order (orderKey and
// sequence) beside its slot, so that a sift compares entries in place
// rather than reading them through their slots (10,000 independent polling
// clients: 0.96-1.22 s before, 0.82-0.89 s after, measured side by side;
// clients sharing the server's cores did not change: their time is in
// their scattered state, docs/model.md). The heap's order is ./order.ts's
// (time and priority in one key, then the sequence), so the tie-break is
// still written in one place. Slots are reused once their event has run, and the arrays grow by
// doubling, so a run allocates nothing per event once the queue has reached
// its largest size.
//
// What an event does is either a closure (for rare events: a restart, a
// client's start) or a long-lived target and an integer code (for the hot
// ones: a packet's arrival, a machine's timer), which costs no allocation.

import { orderKey, runsBefore } from './order';

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
  /** The heap, least first: each entry's orderKey(time, priority), its sequence and its slot. */
  private hKey = new Float64Array(64);
  private hSeq = new Float64Array(64);
  private hSlot = new Int32Array(64);
  /** Events in the heap (cancelled ones included). */
  size = 0;

  /** Queue an event; returns its slot (`idOf` names it for cancel). */
  push(time: number, priority: number, seq: number, owner: number, action: EventAction, code: number): number {
    const s = this.free > 0 ? this.freeSlots[--this.free] : this.fresh();
    this.ints[3 * s] = owner;
    this.ints[3 * s + 1] = code;
    this.action[s] = action;
    if (this.size === this.hSlot.length) this.growHeap();
    this.siftUp(this.size++, orderKey(time, priority), seq, s);
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
    return this.size > 0 ? this.hSlot[0] : -1;
  }

  /** The least event's orderKey (peek() first: the heap must not be empty). */
  peekKey(): number {
    return this.hKey[0];
  }

  owner(slot: number): number {
    return this.ints[3 * slot];
  }

  code(slot: number): number {
    return this.ints[3 * slot + 1];
  }

  /** Take the least event out of the heap and free its slot; returns its action (null: it was cancelled). */
  pop(): EventAction | null {
    const s = this.hSlot[0];
    const last = --this.size;
    if (last > 0) this.siftDown(this.hKey[last], this.hSeq[last], this.hSlot[last]);
    const a = this.action[s];
    this.release(s);
    return a;
  }

  /** Forget every pending event (their actions are released); the arrays keep their size. */
  clear(): void {
    while (this.size > 0) this.release(this.hSlot[--this.size]);
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
    // Nothing is free when the slots grow (every slot is used): the free stack only needs the room.
    this.freeSlots = new Int32Array(2 * n);
    for (let i = n; i < 2 * n; i++) this.action.push(null);
  }

  private growHeap(): void {
    const n = this.hSlot.length;
    const key = new Float64Array(2 * n);
    key.set(this.hKey);
    const seq = new Float64Array(2 * n);
    seq.set(this.hSeq);
    const slot = new Int32Array(2 * n);
    slot.set(this.hSlot);
    this.hKey = key;
    this.hSeq = seq;
    this.hSlot = slot;
  }

  /** Put the entry (key, seq, slot) at `pos` or above it. */
  private siftUp(pos: number, key: number, seq: number, slot: number): void {
    const { hKey, hSeq, hSlot } = this;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pk = hKey[parent];
      const ps = hSeq[parent];
      if (!runsBefore(key, seq, pk, ps)) break;
      hKey[pos] = pk;
      hSeq[pos] = ps;
      hSlot[pos] = hSlot[parent];
      pos = parent;
    }
    hKey[pos] = key;
    hSeq[pos] = seq;
    hSlot[pos] = slot;
  }

  /** Put the entry (key, seq, slot) at the root's place or below it. */
  private siftDown(key: number, seq: number, slot: number): void {
    const { hKey, hSeq, hSlot } = this;
    const n = this.size;
    const half = n >> 1;
    let pos = 0;
    while (pos < half) {
      let child = 2 * pos + 1;
      const right = child + 1;
      if (right < n && runsBefore(hKey[right], hSeq[right], hKey[child], hSeq[child])) child = right;
      const ck = hKey[child];
      const cs = hSeq[child];
      if (!runsBefore(ck, cs, key, seq)) break;
      hKey[pos] = ck;
      hSeq[pos] = cs;
      hSlot[pos] = hSlot[child];
      pos = child;
    }
    hKey[pos] = key;
    hSeq[pos] = seq;
    hSlot[pos] = slot;
  }
}
