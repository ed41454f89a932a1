// The data packets of one direction of a connection on their way. TCP
// delivers in order (src/sim/net/tcp.ts: each arrival is no earlier than
// the one before) and arrivals are network events of equal priority, so
// they reach the other end first in, first out: the kernel's arrival event
// needs no closure, only the connection and the direction, and what the
// packet carries waits here, in a ring reused for the connection's life.

import type { Micros } from '../kernel/time';
import type { PacketKind, TracePacket } from '../types';
import type { Channel } from './channel';

type Handler = ((ch: Channel) => void) | undefined;

export class InFlight {
  private at = new Float64Array(4);
  private firsts = new Int32Array(4);
  private counts = new Int32Array(4);
  private channels: (Channel | null)[] = [null, null, null, null];
  private kinds: (PacketKind | null)[] = [null, null, null, null];
  private recs: (TracePacket | null)[] = [null, null, null, null];
  private arrives: Handler[] = [undefined, undefined, undefined, undefined];
  private losts: Handler[] = [undefined, undefined, undefined, undefined];
  private head = 0;
  private size = 0;

  /** The packet at the head, once `take` has run. */
  channel: Channel | null = null;
  kind: PacketKind | null = null;
  first = 0;
  count = 0;
  rec: TracePacket | null = null;
  onArrive: Handler = undefined;
  onLost: Handler = undefined;

  get length(): number {
    return this.size;
  }

  push(at: Micros, ch: Channel, kind: PacketKind, first: number, count: number, rec: TracePacket | null, onArrive: Handler, onLost: Handler): void {
    if (this.size === this.at.length) this.grow();
    const i = (this.head + this.size) & (this.at.length - 1);
    this.at[i] = at;
    this.channels[i] = ch;
    this.kinds[i] = kind;
    this.firsts[i] = first;
    this.counts[i] = count;
    this.recs[i] = rec;
    this.arrives[i] = onArrive;
    this.losts[i] = onLost;
    this.size++;
  }

  /** The packet arriving at `now` leaves the ring; its fields are copied to this object's. */
  take(now: Micros): void {
    const i = this.head;
    // The order is TCP's: a packet out of turn would deliver another's updates, so say so at once.
    if (this.size === 0 || this.at[i] !== now) {
      throw new Error(`in flight: no packet arrives at ${now} µs (next ${this.size === 0 ? 'none' : `at ${this.at[i]} µs`}); arrivals must come in the order sent`);
    }
    this.channel = this.channels[i];
    this.kind = this.kinds[i];
    this.first = this.firsts[i];
    this.count = this.counts[i];
    this.rec = this.recs[i];
    this.onArrive = this.arrives[i];
    this.onLost = this.losts[i];
    this.channels[i] = null;
    this.recs[i] = null;
    this.arrives[i] = undefined;
    this.losts[i] = undefined;
    this.head = (i + 1) & (this.at.length - 1);
    this.size--;
  }

  /** Double the ring (its size stays a power of two), the head moved to 0. */
  private grow(): void {
    const n = this.at.length;
    const order = (k: number) => (this.head + k) & (n - 1);
    const at = new Float64Array(2 * n);
    const firsts = new Int32Array(2 * n);
    const counts = new Int32Array(2 * n);
    const channels: (Channel | null)[] = new Array<Channel | null>(2 * n).fill(null);
    const kinds: (PacketKind | null)[] = new Array<PacketKind | null>(2 * n).fill(null);
    const recs: (TracePacket | null)[] = new Array<TracePacket | null>(2 * n).fill(null);
    const arrives: Handler[] = new Array<Handler>(2 * n).fill(undefined);
    const losts: Handler[] = new Array<Handler>(2 * n).fill(undefined);
    for (let k = 0; k < n; k++) {
      const i = order(k);
      at[k] = this.at[i];
      firsts[k] = this.firsts[i];
      counts[k] = this.counts[i];
      channels[k] = this.channels[i];
      kinds[k] = this.kinds[i];
      recs[k] = this.recs[i];
      arrives[k] = this.arrives[i];
      losts[k] = this.losts[i];
    }
    this.at = at;
    this.firsts = firsts;
    this.counts = counts;
    this.channels = channels;
    this.kinds = kinds;
    this.recs = recs;
    this.arrives = arrives;
    this.losts = losts;
    this.head = 0;
  }
}
