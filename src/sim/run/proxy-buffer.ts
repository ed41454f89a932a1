// A buffering intermediary (proxy.buffering), in one home: what it holds of
// one streamed response (the packets the server has written since the last
// flush, in order, and their bytes), how it takes a packet in, and how it
// forwards the lot in one write once the bytes reach the buffer's size,
// when the response ends, or before the connection is cut. RFC 6202 §3.2:
// an intermediary may buffer a streamed response, which breaks streaming.
// An engine part (./parts.ts): only a run with proxy.buffering needs it, so
// the page's first visit does not ship it.

import type { Micros } from '../kernel/time';
import type { TracePacket } from '../types';
import type { Channel } from './channel';
import type { PacketSpec } from './encode';
import { installPart } from './parts';
import type { World } from './world';

export class HeldBody {
  specs: PacketSpec[] = [];
  /** Per packet: the first update it carries and how many. */
  firsts: number[] = [];
  counts: number[] = [];
  /** Their trace records (null: not traced), written when the server sent them; they arrive with the flush. */
  recs: (TracePacket | null)[] = [];
  bytes = 0;

  /** Hold packet `p` of `bytes` application bytes (its head and framing as written on this connection). */
  add(p: PacketSpec, bytes: number, first: number, count: number, rec: TracePacket | null): void {
    this.specs.push(p);
    this.firsts.push(first);
    this.counts.push(count);
    this.recs.push(rec);
    this.bytes += bytes;
  }

  /** Hand over what is held and start empty (a flush's packets travel on in their own arrays). */
  take(): Held {
    const out = { specs: this.specs, firsts: this.firsts, counts: this.counts, recs: this.recs, bytes: this.bytes };
    this.specs = [];
    this.recs = [];
    this.firsts = [];
    this.counts = [];
    this.bytes = 0;
    return out;
  }
}

/** What a flush forwards: the held packets, their updates and trace records, and their bytes. */
export type Held = Pick<HeldBody, 'specs' | 'firsts' | 'counts' | 'recs' | 'bytes'>;

/** What a connection (./connection.ts) lends the intermediary at its server end. */
export interface BufferedConnection {
  readonly w: World;
  readonly id: number;
  readonly host: { readonly id: number };
  /** The intermediary sees a packet (./connection.ts `seen`). */
  seen(dir: 'down', now: Micros, arriveAt: Micros): void;
  /** Held packets of `ch` downstream in one write, their updates delivered when it arrives; returns when that is. */
  forward(ch: Channel, held: Held): Micros;
  /** A traced packet's arrival and wire bytes, from the last write. */
  stamp(rec: TracePacket | null, at: Micros, carriesWire: boolean): void;
  /** The HTTP/2 stream of a channel, for the trace (null on HTTP/1.1). */
  streamOf(ch: Channel): number | null;
}

/** The intermediary takes a downstream packet of `ch` into its buffer; full, it forwards the lot. */
function hold(c: BufferedConnection, ch: Channel, p: PacketSpec, header: number, framing: number, first: number, count: number): void {
  const { w } = c;
  const now = w.kernel.now;
  c.seen('down', now, now);
  w.metrics.inFlight += count;
  const b = (ch.held ??= new HeldBody());
  // Traced as the server sends it; it arrives (arriveMs) with the flush that forwards it, if one comes.
  // Its bytes count as the server sends them (the trace's time); its wire bytes when forwarded.
  w.metrics.sent('down', now, header, framing, p.payload, 0);
  const rec = w.tracer.packet(c.host.id, c.id, 'down', p, first, count, now, c.streamOf(ch));
  if (rec) rec.arriveMs = null;
  b.add(p, header + framing + p.payload, first, count, rec);
  if (b.bytes >= w.s.proxy.buffering) flush(c, ch);
}

/** Forward everything the intermediary holds of `ch`, in one write; each packet's updates are delivered when the write arrives. */
function flush(c: BufferedConnection, ch: Channel): void {
  const b = ch.held;
  if (!b || b.specs.length === 0) return;
  const held = b.take();
  const at = c.forward(ch, held);
  const last = held.recs.length - 1;
  for (let k = 0; k <= last; k++) c.stamp(held.recs[k], at, k === last);
}

export interface ProxyBuffer {
  hold: typeof hold;
  flush: typeof flush;
}

export function installProxyBuffer(): void {
  installPart('buffering', { hold, flush });
}
