// The data packets on their way, for every connection of a run. TCP delivers
// in order (src/sim/net/tcp.ts: each arrival is no earlier than the one
// before) and arrivals are network events of equal priority, so one
// direction of a connection (a lane) gets its packets first in, first out:
// the kernel's arrival event needs no closure, only the connection and the
// direction, and what the packet carries waits here. One table serves the
// whole run, a column per field (struct-of-arrays), each lane a linked list
// through it, its head and tail kept by the connection (four numbers on it,
// no object per lane: 80 B a connection when all clients are alive at
// once). The clients that share the server keep their packets in the same
// few arrays, and a slot is reused as soon as its packet has arrived.

import type { Micros } from '../kernel/time';
import type { PacketKind, TracePacket } from '../types';
import type { ArrivalHandler, Channel } from './channel';
import type { UpstreamMessage } from './client-host';

type Handler = ArrivalHandler | undefined;
type Ref = Channel | PacketKind | TracePacket | Handler | UpstreamMessage | null;

/** A connection's packets on their way, each direction (a lane): its first and last slot in the table (-1: none). */
export interface Lanes {
  upHead: number;
  upTail: number;
  downHead: number;
  downTail: number;
}

/** Which lane of a connection. */
export type Direction = 'up' | 'down';

const headOf = (l: Lanes, d: Direction) => (d === 'down' ? l.downHead : l.upHead);
const tailOf = (l: Lanes, d: Direction) => (d === 'down' ? l.downTail : l.upTail);
function setHead(l: Lanes, d: Direction, s: number): void {
  if (d === 'down') l.downHead = s;
  else l.upHead = s;
}
function setTail(l: Lanes, d: Direction, s: number): void {
  if (d === 'down') l.downTail = s;
  else l.upTail = s;
}

/** Per packet, its references: channel, kind, trace record, upstream handlers and message. */
const REFS = 6;

export class InFlight {
  /**
   * Per slot: arrival time, first update, update count, the next slot of its
   * lane (or of the free list; -1: none). Plain arrays: they grow as slots are
   * first used, and one table per run costs no buffer per connection.
   */
  private readonly arrivals: number[] = [];
  private readonly firsts: number[] = [];
  private readonly counts: number[] = [];
  private readonly next: number[] = [];
  private readonly refs: Ref[] = [];
  /** Slots ever used, the free list's first slot, and the packets on their way. */
  private used = 0;
  private free = -1;
  size = 0;

  /** The packet taken last (`take`). */
  channel: Channel | null = null;
  kind: PacketKind | null = null;
  first = 0;
  count = 0;
  rec: TracePacket | null = null;
  onArrive: Handler = undefined;
  onLost: Handler = undefined;
  msg: UpstreamMessage | null = null;

  /** A packet sent on lane `d` of `l`, arriving at `at`: last in its lane. */
  push(l: Lanes, d: Direction, at: Micros, ch: Channel, kind: PacketKind, first: number, count: number, rec: TracePacket | null, onArrive: Handler, onLost: Handler, msg: UpstreamMessage | null): void {
    const s = this.slot();
    this.arrivals[s] = at;
    this.firsts[s] = first;
    this.counts[s] = count;
    this.next[s] = -1;
    this.setRefs(s * REFS, ch, kind, rec, onArrive, onLost, msg);
    const tail = tailOf(l, d);
    if (tail >= 0) this.next[tail] = s;
    else setHead(l, d, s);
    setTail(l, d, s);
    this.size++;
  }

  /** The packet of lane `d` of `l` arriving at `now` leaves the table; its fields are copied to this object's. */
  take(l: Lanes, d: Direction, now: Micros): void {
    const s = headOf(l, d);
    // The order is TCP's: a packet out of turn would deliver another's updates, so say so at once.
    if (s < 0 || this.arrivals[s] !== now) {
      throw new Error(`in flight: no packet arrives at ${now} µs (next ${s < 0 ? 'none' : `at ${this.arrivals[s]} µs`}); arrivals must come in the order sent`);
    }
    this.first = this.firsts[s];
    this.count = this.counts[s];
    const r = this.refs;
    const j = s * REFS;
    this.channel = r[j] as Channel;
    this.kind = r[j + 1] as PacketKind;
    this.rec = r[j + 2] as TracePacket | null;
    this.onArrive = r[j + 3] as Handler;
    this.onLost = r[j + 4] as Handler;
    this.msg = r[j + 5] as UpstreamMessage | null;
    this.leave(l, d, s);
  }

  /** The first packet of `lane` will never arrive (its client left the run: the kernel drops its events): its slot is let go. */
  discard(l: Lanes, d: Direction): void {
    const s = headOf(l, d);
    if (s >= 0) this.leave(l, d, s);
  }

  /** Nothing on its way any more (the kernel starts afresh for the next client). */
  reset(): void {
    this.refs.fill(null, 0, this.used * REFS);
    this.used = 0;
    this.free = -1;
    this.size = 0;
  }

  /** Slot s, the head of its lane, leaves it and goes back on the free list. */
  private leave(l: Lanes, d: Direction, s: number): void {
    // Six stores, not refs.fill(): fill is a call into the runtime, a tenth of a long poll's run in a profile.
    this.setRefs(s * REFS, null, null, null, undefined, undefined, null);
    const head = this.next[s];
    setHead(l, d, head);
    if (head < 0) setTail(l, d, -1);
    this.next[s] = this.free;
    this.free = s;
    this.size--;
  }

  /** A slot's references, from index j of `refs`. */
  private setRefs(j: number, ch: Channel | null, kind: PacketKind | null, rec: TracePacket | null, onArrive: Handler, onLost: Handler, msg: UpstreamMessage | null): void {
    const r = this.refs;
    r[j] = ch;
    r[j + 1] = kind;
    r[j + 2] = rec;
    r[j + 3] = onArrive;
    r[j + 4] = onLost;
    r[j + 5] = msg;
  }

  private slot(): number {
    const s = this.free;
    if (s < 0) return this.used++;
    this.free = this.next[s];
    return s;
  }
}
