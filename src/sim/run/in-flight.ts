// The data packets of one direction of a connection on their way. TCP
// delivers in order (src/sim/net/tcp.ts: each arrival is no earlier than
// the one before) and arrivals are network events of equal priority, so
// they reach the other end first in, first out: the kernel's arrival event
// needs no closure, only the connection and the direction, and what the
// packet carries waits here, in a ring reused for the connection's life
// (two arrays, a packet's numbers in one and its references in the other).

import type { Micros } from '../kernel/time';
import type { PacketKind, TracePacket } from '../types';
import type { ArrivalHandler, Channel } from './channel';
import type { UpstreamMessage } from './client-host';

type Handler = ArrivalHandler | undefined;
type Ref = Channel | PacketKind | TracePacket | Handler | UpstreamMessage | null;

/** Per packet: its arrival time, first update and count; its channel, kind, trace record, upstream handlers and message. */
const NUMS = 3;
const REFS = 6;

export class InFlight {
  // A plain array of doubles, not a typed array: its buffer would cost an ArrayBuffer per connection and direction.
  private nums: number[] = new Array<number>(4 * NUMS).fill(0);
  private refs: Ref[] = new Array<Ref>(4 * REFS).fill(null);
  /** Slots in the ring (a power of two), the head's slot, packets in it. */
  private slots = 4;
  private head = 0;
  private size = 0;

  /** The packet taken last (`take`). */
  channel: Channel | null = null;
  kind: PacketKind | null = null;
  first = 0;
  count = 0;
  rec: TracePacket | null = null;
  onArrive: Handler = undefined;
  onLost: Handler = undefined;
  msg: UpstreamMessage | null = null;

  get length(): number {
    return this.size;
  }

  push(at: Micros, ch: Channel, kind: PacketKind, first: number, count: number, rec: TracePacket | null, onArrive: Handler, onLost: Handler, msg: UpstreamMessage | null): void {
    if (this.size === this.slots) this.grow();
    const i = (this.head + this.size++) & (this.slots - 1);
    const n = this.nums;
    n[i * NUMS] = at;
    n[i * NUMS + 1] = first;
    n[i * NUMS + 2] = count;
    const r = this.refs;
    const j = i * REFS;
    r[j] = ch;
    r[j + 1] = kind;
    r[j + 2] = rec;
    r[j + 3] = onArrive;
    r[j + 4] = onLost;
    r[j + 5] = msg;
  }

  /** The packet arriving at `now` leaves the ring; its fields are copied to this object's. */
  take(now: Micros): void {
    const i = this.head;
    const at = this.nums[i * NUMS];
    // The order is TCP's: a packet out of turn would deliver another's updates, so say so at once.
    if (this.size === 0 || at !== now) {
      throw new Error(`in flight: no packet arrives at ${now} µs (next ${this.size === 0 ? 'none' : `at ${at} µs`}); arrivals must come in the order sent`);
    }
    this.first = this.nums[i * NUMS + 1];
    this.count = this.nums[i * NUMS + 2];
    const r = this.refs;
    const j = i * REFS;
    this.channel = r[j] as Channel;
    this.kind = r[j + 1] as PacketKind;
    this.rec = r[j + 2] as TracePacket | null;
    this.onArrive = r[j + 3] as Handler;
    this.onLost = r[j + 4] as Handler;
    this.msg = r[j + 5] as UpstreamMessage | null;
    r.fill(null, j, j + REFS);
    this.head = (i + 1) & (this.slots - 1);
    this.size--;
  }

  /** Double the ring, its packets in order from slot 0. */
  private grow(): void {
    const s = this.slots;
    const nums = new Array<number>(2 * s * NUMS).fill(0);
    const refs = new Array<Ref>(2 * s * REFS).fill(null);
    for (let k = 0; k < s; k++) {
      const i = (this.head + k) & (s - 1);
      for (let f = 0; f < NUMS; f++) nums[k * NUMS + f] = this.nums[i * NUMS + f];
      for (let f = 0; f < REFS; f++) refs[k * REFS + f] = this.refs[i * REFS + f];
    }
    this.nums = nums;
    this.refs = refs;
    this.slots = 2 * s;
    this.head = 0;
  }
}
