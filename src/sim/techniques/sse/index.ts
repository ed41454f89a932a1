// Server-Sent Events: an EventSource GET answered by one text/event-stream
// response kept open, one event per update. After a drop the browser waits
// `retry` and reconnects with Last-Event-ID; the server replays from there.
// A server may end the stream cleanly (sse.eventsPerStream,
// sse.streamLifetimeMs): the browser reconnects the same way, on the same
// keep-alive connection.

import { sseDef } from './machine';
import type { Channel } from '../../run/channel';
import { traceActor } from '../../run/trace-actor';
import type { PacketKind } from '../../types';
import { FIRST_SECOND, type DriverFactory, type Technique } from '../driver';
import { httpRequest } from '../http-request';
import { postUpstream } from '../upstream-post';
import { ssePackets, type SsePackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;

export const sseDriver: DriverFactory<SsePackets> = (w, host, session, packets) => {
  /** The id of the last event received (ids are update index + 1). */
  let lastEventId = 0;
  const received = (c: Channel, kind: PacketKind, first: number, count: number) => {
    if (kind === 'response') actor.send(OPENED);
    if (count > 0) lastEventId = first + count;
    // The last chunk: the server ended the stream. The connection is idle
    // again (keep-alive); the browser reconnects after retry, on it if it is
    // still open (Chromium does, with Last-Event-ID: shared/REFERENCES.md).
    if (kind === 'chunk') {
      host.release(c);
      actor.send(DROPPED);
    }
  };
  const cut = () => actor.send(DROPPED);
  const send = httpRequest(w, session, () => packets.open(lastEventId), () => OPEN_STREAM, received, cut);
  const port = { connect: () => host.acquire(send, cut) };
  const actor = w.spawn(sseDef, { port, reconnectDelayMs: w.s.sse.retryMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};

export const sse: Technique<SsePackets> = {
  id: 'sse',
  packets: ssePackets,
  client: sseDriver,
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
