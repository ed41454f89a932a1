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
import type { Trace, TracePacket, TraceState } from '../types';
import type { PacketSpec } from './encode';
import { clipText } from './bounded-text';

export const DEFAULT_TRACE_CLIENTS = 3;
export const MAX_TRACE_PACKETS = 20000;
export const MAX_TRACE_STATES = 20000;

export class Tracer {
  private readonly packets: TracePacket[] = [];
  private readonly states: TraceState[] = [];
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
  packet(client: number, conn: number, dir: 'up' | 'down', spec: PacketSpec, first: number, count: number, sendAt: Micros): TracePacket | null {
    if (client >= this.clients) return null;
    if (this.nPackets[client] >= this.packetShare) {
      this.cutMs = Math.min(this.cutMs, toMs(sendAt));
      return null;
    }
    this.nPackets[client]++;
    const p: TracePacket = {
      id: 0,
      client,
      conn,
      dir,
      kind: spec.kind,
      label: spec.label(first, count, client),
      sendMs: toMs(sendAt),
      arriveMs: null,
      header: spec.header,
      framing: spec.framing,
      payload: spec.payload,
      wire: 0,
      messages: Array.from({ length: count }, (_, k) => first + k + 1),
      retransmitted: false,
      text: '',
    };
    // The text is rendered when first read (the inspector, JSON.stringify,
    // postMessage all read own enumerable accessors), not for every packet.
    let cached: string | null = null;
    Object.defineProperty(p, 'text', {
      enumerable: true,
      configurable: true,
      // Cut whatever the text is (a 64 KiB request head too): a trace holds at most TEXT_LIMIT characters a packet.
      get: () => (cached ??= clipText(spec.text(first, count, client, p.sendMs))),
    });
    this.packets.push(p);
    return p;
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
    return { clients: this.clients, packets, states, updatesMs, truncated: cut !== Infinity };
  }
}
