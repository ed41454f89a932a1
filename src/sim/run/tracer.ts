// Records what the animation replays: every packet and machine state change
// of the first few clients only, with a cap on packets, so that memory stays
// bounded whatever the client count and duration.
//
// Clients are simulated one after another (src/sim/run/world.ts), so each
// traced client gets an equal share of the caps, and `result` merges them in
// time order (ties: the lower client first, then recording order) and cuts
// the trace where the first client ran out of its share: what is kept is
// complete up to a time, for every traced client, as the animation needs.

import { toMs, type Micros } from '../kernel/time';
import { TRACE_PACKET_FIELDS, type Trace, type TracePacket, type TraceState, type RadioSpan } from '../types';
import type { PacketSpec } from './encode';
import { clipText } from './bounded-text';

export const DEFAULT_TRACE_CLIENTS = 3;

/**
 * A traced packet whose text is written when first read (the inspector,
 * JSON.stringify through toJSON), not for every packet: a getter on the
 * class, not one defined on each object (defineProperty per packet was 40%
 * of the default comparison's time). Structured clone copies only own
 * fields, so a trace is made plain (`plainTrace`) before it is posted.
 */
class TracedPacket implements TracePacket {
  id = 0;
  arriveMs: number | null = null;
  readonly header: number;
  readonly framing: number;
  readonly payload: number;
  wire = 0;
  tls = 0;
  readonly messages: number[];
  retransmitted = false;
  readonly label: string;
  readonly kind: TracePacket['kind'];
  #text: string | null = null;
  readonly #spec: PacketSpec;
  readonly #first: number;

  constructor(
    readonly client: number,
    readonly conn: number,
    readonly stream: number | null,
    readonly dir: 'up' | 'down',
    spec: PacketSpec,
    first: number,
    count: number,
    readonly sendMs: number,
  ) {
    this.kind = spec.kind;
    this.label = spec.label(first, count, client);
    this.header = spec.header;
    this.framing = spec.framing;
    this.payload = spec.payload;
    this.messages = Array.from({ length: count }, (_, k) => first + k + 1);
    this.#spec = spec;
    this.#first = first;
  }

  get text(): string {
    // Cut whatever the text is (a 64 KiB request head too): a trace holds at most TEXT_LIMIT characters a packet.
    return (this.#text ??= clipText(this.#spec.text(this.#first, this.messages.length, this.client, this.sendMs)));
  }

  /** The fields in the order of TracePacket, the text written. */
  toJSON(): TracePacket {
    const out: Record<string, unknown> = {};
    for (const k of TRACE_PACKET_FIELDS) out[k] = this[k];
    return out as unknown as TracePacket;
  }
}

/** The trace as plain data, every text written: what postMessage can carry. */
export function plainTrace(t: Trace): Trace {
  return { ...t, packets: t.packets.map((p) => (p instanceof TracedPacket ? p.toJSON() : p)) };
}
export const MAX_TRACE_PACKETS = 20000;
export const MAX_TRACE_STATES = 20000;

export class Tracer {
  private readonly packets: TracedPacket[] = [];
  private readonly states: TraceState[] = [];
  /** Traced clients' radio states (network.radio), in client order; null without a radio. */
  private radioSpans: NonNullable<Trace['radio']> | null = null;
  private readonly packetShare: number;
  private readonly stateShare: number;
  /** Per traced client, records so far. */
  private readonly nPackets: Uint32Array;
  private readonly nStates: Uint32Array;
  /** The earliest time (ms) at which a client's share ran out: the trace is complete before it. */
  private cutMs = Infinity;

  constructor(readonly clients: number) {
    this.packetShare = Math.floor(MAX_TRACE_PACKETS / Math.max(1, clients));
    this.stateShare = Math.floor(MAX_TRACE_STATES / Math.max(1, clients));
    this.nPackets = new Uint32Array(clients);
    this.nStates = new Uint32Array(clients);
  }

  traces(client: number): boolean {
    return client < this.clients;
  }

  /** Returns the packet record (so its arrival can be filled in), or null when not traced. */
  packet(client: number, conn: number, dir: 'up' | 'down', spec: PacketSpec, first: number, count: number, sendAt: Micros, stream: number | null = null): TracePacket | null {
    if (client >= this.clients) return null;
    if (this.nPackets[client] >= this.packetShare) {
      this.cutMs = Math.min(this.cutMs, toMs(sendAt));
      return null;
    }
    this.nPackets[client]++;
    const p = new TracedPacket(client, conn, stream, dir, spec, first, count, toMs(sendAt));
    this.packets.push(p);
    return p;
  }

  /** The client left at `t` (churn.meanSessionMs): its packets still on the wire never arrive (their events are dropped with it). */
  left(client: number, t: Micros): void {
    if (client >= this.clients) return;
    const ms = toMs(t);
    for (const p of this.packets) if (p.client === client && p.arriveMs !== null && p.arriveMs > ms) p.arriveMs = null;
  }

  /** A traced client's radio states over its run (a radio's spans are few: one per wake-up and tail). */
  radio(client: number, spans: readonly RadioSpan[]): void {
    if (client >= this.clients) return;
    this.radioSpans ??= [];
    for (const sp of spans) this.radioSpans.push({ client, ...sp });
  }

  state(client: number, machine: TraceState['machine'], conn: number | null, t: Micros, state: string): void {
    if (client >= this.clients) return;
    if (this.nStates[client] >= this.stateShare) {
      this.cutMs = Math.min(this.cutMs, toMs(t));
      return;
    }
    this.nStates[client]++;
    this.states.push({ client, machine, conn, tMs: toMs(t), state });
  }

  result(updatesMs: number[]): Trace {
    const cut = this.cutMs;
    // Stable sorts: recording order breaks the remaining ties, as the kernel's sequence did within a client.
    const packets = this.packets.filter((p) => p.sendMs < cut).sort((a, b) => a.sendMs - b.sendMs || a.client - b.client);
    packets.forEach((p, i) => {
      p.id = i;
      // A packet sent before the cut may arrive after it: kept whole (its arrival is known).
    });
    const states = this.states.filter((st) => st.tMs < cut).sort((a, b) => a.tMs - b.tMs || a.client - b.client);
    const trace: Trace = { clients: this.clients, packets, states, updatesMs, truncated: cut !== Infinity };
    if (this.radioSpans) trace.radio = this.radioSpans.filter((sp) => sp.fromMs < cut);
    return trace;
  }
}
