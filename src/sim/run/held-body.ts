// What a buffering intermediary (proxy.buffering) holds of one streamed
// response: the packets the server has written since the last flush, in
// order, and their bytes. The connection (./connection.ts) forwards them in
// one write once the bytes reach the buffer's size, when the response ends,
// or before the connection is cut. RFC 6202 §3.2: an intermediary may buffer
// a streamed response, which breaks streaming.

import type { TracePacket } from '../types';
import type { PacketSpec } from './encode';

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
  take(): { specs: PacketSpec[]; firsts: number[]; counts: number[]; recs: (TracePacket | null)[]; bytes: number } {
    const out = { specs: this.specs, firsts: this.firsts, counts: this.counts, recs: this.recs, bytes: this.bytes };
    this.specs = [];
    this.recs = [];
    this.firsts = [];
    this.counts = [];
    this.bytes = 0;
    return out;
  }
}
