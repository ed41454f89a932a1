// Server-Sent Events: an EventSource GET answered by one text/event-stream
// response kept open, one event per update. After a drop the browser waits
// `retry` and reconnects with Last-Event-ID; the server replays from there.
// A server may end the stream cleanly (sse.eventsPerStream,
// sse.streamLifetimeMs): the browser reconnects the same way, on the same
// keep-alive connection.

import { sseDef } from './machine';
import type { PersistentEvent, PersistentInput, PersistentPort } from '../persistent-machine';
import type { Channel } from '../../run/channel';
import type { ClientHost } from '../../run/client-host';
import type { PacketSpec } from '../../run/encode';
import type { ServerSession } from '../../run/server-session';
import type { SimActor } from '../../run/spawn';
import type { World } from '../../run/world';
import type { PacketKind } from '../../types';
import { FIRST_SECOND, type Technique } from '../driver';
import { HttpClient } from '../http-client';
import { ssePackets, type SsePackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;
const OPEN_STREAM_EVENT = () => OPEN_STREAM;

export class SseClient extends HttpClient implements PersistentPort, PersistentInput {
  readonly actor: SimActor<PersistentEvent>;
  /** The id of the last event received (ids are update index + 1). */
  private lastEventId = 0;
  // Its machine's input, so its context (http-client.ts says why).
  readonly port = this;
  readonly reconnectDelayMs: number;

  constructor(w: World, host: ClientHost, session: ServerSession, private readonly packets: SsePackets) {
    super(w, host, session, OPEN_STREAM_EVENT);
    this.reconnectDelayMs = w.s.sse.retryMs;
    this.actor = this.machine(sseDef, this);
  }

  connect(): void {
    this.ask();
  }

  /** The EventSource's GET, with Last-Event-ID after a drop. */
  protected request(): PacketSpec {
    return this.packets.open(this.lastEventId);
  }

  down(c: Channel, kind: PacketKind, first: number, count: number): void {
    if (kind === 'response') this.actor.send(OPENED);
    if (count > 0) this.lastEventId = first + count;
    // The last chunk: the server ended the stream. The connection is idle
    // again (keep-alive); the browser reconnects after retry, on it if it is
    // still open (Chromium does, with Last-Event-ID: shared/REFERENCES.md).
    if (kind === 'chunk') {
      this.host.release(c);
      this.actor.send(DROPPED);
    }
  }

  cut(): void {
    this.actor.send(DROPPED);
  }
}

export const sse: Technique<SsePackets> = {
  id: 'sse',
  packets: ssePackets,
  client: (w, host, session, packets) => new SseClient(w, host, session, packets),
  // The response head with a first `retry:` chunk, then one event per update;
  // a comment line every sse.heartbeatMs if set.
  stream: {
    head: (p) => p.head,
    update: (p, i) => p.event(i),
    ping: (p) => p.heartbeat,
    ending: { updates: (s) => s.sse.eventsPerStream, lifetimeMs: (s) => s.sse.streamLifetimeMs, end: (p) => p.end },
    responseBody: true,
  },
  pingIntervalMs: (s) => s.sse.heartbeatMs,
  work: pushWork,
  retryPauseMs: (s) => s.sse.retryMs,
  startSpanMs: FIRST_SECOND,
};
