// Index of one technique's trace for questions asked every frame: which
// packets are on the wire at time t, what state each machine is in, and the
// running counters at t. Built once per result; every query is a binary
// search, so a frame costs the packets in flight, not the whole trace.

import { bisector } from 'd3';
import type { RadioSpan, Trace, TracePacket, TraceState } from '../sim/types';

export type Machine = TraceState['machine'];

export interface TraceIndex {
  /** Packets sorted by sendMs (then id). */
  packets: TracePacket[];
  /** Time each packet leaves the wire: arriveMs, or for a packet whose connection dropped, sendMs + lostMs. */
  endMs: Float64Array;
  /** Longest time any packet spends on the wire, bounding the in-flight search. */
  maxFlightMs: number;
  /** Per "client/machine": state changes sorted by tMs. */
  states: Map<string, TraceState[]>;
  /** Prefix counts over packets by send time: requests (request + handshake heads sent upstream), application bytes. */
  sentRequests: Int32Array;
  sentBytes: Float64Array;
  /** Arrival times of downstream packets that carry updates, sorted, with a prefix count of the updates they carry. */
  deliveredAt: Float64Array;
  deliveredCount: Int32Array;
  clients: number;
  /** The traced clients' radio states (network.radio), by client; empty without a radio. */
  radio: Map<number, RadioSpan[]>;
}

const bySend = bisector((p: TracePacket) => p.sendMs).right;
const byTime = bisector((s: TraceState) => s.tMs).right;

/** Number of entries of a sorted numeric array that are <= x. */
export function countAtOrBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A dropped packet (arriveMs null) is drawn for this long before it vanishes. */
export function lostEnd(p: TracePacket, lostMs: number): number {
  return p.arriveMs ?? p.sendMs + lostMs;
}

export function isRequest(p: TracePacket): boolean {
  return p.dir === 'up' && (p.kind === 'request' || p.kind === 'handshake');
}

export function appBytes(p: TracePacket): number {
  return p.header + p.framing + p.payload;
}

export function buildIndex(trace: Trace, lostMs = 100): TraceIndex {
  const packets = trace.packets.slice().sort((a, b) => a.sendMs - b.sendMs || a.id - b.id);
  const endMs = new Float64Array(packets.length);
  let maxFlightMs = 0;
  const sentRequests = new Int32Array(packets.length + 1);
  const sentBytes = new Float64Array(packets.length + 1);
  const deliveries: [number, number][] = [];
  packets.forEach((p, i) => {
    endMs[i] = lostEnd(p, lostMs);
    maxFlightMs = Math.max(maxFlightMs, endMs[i] - p.sendMs);
    sentRequests[i + 1] = sentRequests[i] + (isRequest(p) ? 1 : 0);
    sentBytes[i + 1] = sentBytes[i] + appBytes(p);
    if (p.dir === 'down' && p.arriveMs !== null && p.messages.length > 0) deliveries.push([p.arriveMs, p.messages.length]);
  });
  deliveries.sort((a, b) => a[0] - b[0]);
  const deliveredAt = Float64Array.from(deliveries, (d) => d[0]);
  const deliveredCount = new Int32Array(deliveries.length + 1);
  deliveries.forEach((d, i) => (deliveredCount[i + 1] = deliveredCount[i] + d[1]));

  const states = new Map<string, TraceState[]>();
  for (const s of trace.states) {
    const key = `${s.client}/${s.machine}`;
    let list = states.get(key);
    if (!list) states.set(key, (list = []));
    list.push(s);
  }
  for (const list of states.values()) list.sort((a, b) => a.tMs - b.tMs);
  const radio = new Map<number, RadioSpan[]>();
  for (const sp of trace.radio ?? []) {
    let list = radio.get(sp.client);
    if (!list) radio.set(sp.client, (list = []));
    list.push({ state: sp.state, fromMs: sp.fromMs, toMs: sp.toMs });
  }
  return { packets, endMs, maxFlightMs, states, sentRequests, sentBytes, deliveredAt, deliveredCount, clients: trace.clients, radio };
}

export interface Flying {
  packet: TracePacket;
  endMs: number;
}

/** Packets on the wire at t: sent at or before t and not yet fully arrived. */
export function inFlight(ix: TraceIndex, t: number): Flying[] {
  const hi = bySend(ix.packets, t); // packets[0..hi) have sendMs <= t
  const lo = bySend(ix.packets, t - ix.maxFlightMs - 1e-9);
  const out: Flying[] = [];
  for (let i = Math.max(0, lo - 1); i < hi; i++) if (ix.endMs[i] > t) out.push({ packet: ix.packets[i], endMs: ix.endMs[i] });
  return out;
}

/** The state a machine of a traced client is in at t ('' before its first record). */
export function stateAt(ix: TraceIndex, client: number, machine: Machine, t: number): TraceState | null {
  const list = ix.states.get(`${client}/${machine}`);
  if (!list) return null;
  const i = byTime(list, t);
  return i > 0 ? list[i - 1] : null;
}

export interface Counters {
  requests: number;
  bytes: number;
  delivered: number;
}

/** Running totals of the traced clients at t (requests and bytes by send time, updates by arrival). */
export function countersAt(ix: TraceIndex, t: number): Counters {
  const sent = bySend(ix.packets, t);
  return {
    requests: ix.sentRequests[sent],
    bytes: ix.sentBytes[sent],
    delivered: ix.deliveredCount[countAtOrBelow(ix.deliveredAt, t)],
  };
}
