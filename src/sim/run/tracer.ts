// Records what the animation replays: every packet and machine state change
// of the first few clients only, with a cap on packets, so that memory stays
// bounded whatever the client count and duration.

import { toMs, type Micros } from '../kernel/time';
import type { Trace, TracePacket, TraceState } from '../types';
import type { PacketSpec } from './encode';
import { clipText } from './bounded-text';

export const DEFAULT_TRACE_CLIENTS = 3;
export const MAX_TRACE_PACKETS = 20000;
export const MAX_TRACE_STATES = 20000;

export class Tracer {
  readonly packets: TracePacket[] = [];
  readonly states: TraceState[] = [];
  truncated = false;

  constructor(readonly clients: number) {}

  traces(client: number): boolean {
    return client < this.clients;
  }

  /** Returns the packet record (so its arrival can be filled in), or null when not traced. */
  packet(client: number, conn: number, dir: 'up' | 'down', spec: PacketSpec, first: number, count: number, sendAt: Micros): TracePacket | null {
    if (client >= this.clients) return null;
    if (this.packets.length >= MAX_TRACE_PACKETS) {
      this.truncated = true;
      return null;
    }
    const p: TracePacket = {
      id: this.packets.length,
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
    if (this.states.length >= MAX_TRACE_STATES) {
      this.truncated = true;
      return;
    }
    this.states.push({ client, machine, conn, tMs: toMs(t), state });
  }

  result(updatesMs: number[]): Trace {
    return { clients: this.clients, packets: this.packets, states: this.states, updatesMs, truncated: this.truncated };
  }
}
