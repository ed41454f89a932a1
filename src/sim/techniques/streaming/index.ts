// HTTP streaming: one GET whose chunked response stays open, one chunk per
// update. The page's code reopens a dropped stream after
// streaming.reconnectDelayMs, asking from the last update it saw.

import { streamingDef } from './machine';
import type { PersistentEvent, PersistentInput, PersistentPort } from '../persistent-machine';
import type { Channel } from '../../run/channel';
import type { ClientHost } from '../../run/client-host';
import type { PacketSpec } from '../../run/encode';
import type { ServerSession } from '../../run/server-session';
import type { SimActor } from '../../run/spawn';
import type { World } from '../../run/world';
import type { PacketKind } from '../../types';
import { FIRST_SECOND, NO_PINGS, type Technique } from '../driver';
import { HttpClient } from '../http-client';
import { streamingPackets, type StreamingPackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;
const OPEN_STREAM_EVENT = () => OPEN_STREAM;

export class StreamingClient extends HttpClient implements PersistentPort, PersistentInput {
  readonly actor: SimActor<PersistentEvent>;
  // Its machine's input, so its context (http-client.ts says why).
  readonly port = this;
  readonly reconnectDelayMs: number;

  constructor(w: World, host: ClientHost, session: ServerSession, private readonly packets: StreamingPackets) {
    super(w, host, session, OPEN_STREAM_EVENT);
    this.reconnectDelayMs = w.s.streaming.reconnectDelayMs;
    this.actor = this.machine(streamingDef, this);
  }

  connect(): void {
    this.ask();
  }

  protected request(): PacketSpec {
    return this.packets.open;
  }

  down(_c: Channel, kind: PacketKind): void {
    if (kind === 'response') this.actor.send(OPENED);
  }

  cut(): void {
    this.actor.send(DROPPED);
  }
}

export const streaming: Technique<StreamingPackets> = {
  id: 'streaming',
  packets: streamingPackets,
  client: (w, host, session, packets) => new StreamingClient(w, host, session, packets),
  // A chunked response head, then one chunk per update.
  stream: { head: (p) => p.head, update: (p) => p.chunk, responseBody: true },
  pingIntervalMs: NO_PINGS,
  work: pushWork,
  retryPauseMs: (s) => s.streaming.reconnectDelayMs,
  startSpanMs: FIRST_SECOND,
  mediaCase: true,
};
