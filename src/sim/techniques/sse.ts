// Server-Sent Events: an EventSource GET answered by one text/event-stream
// response kept open, one event per update. After a drop the browser waits
// `retry` and reconnects with Last-Event-ID; the server replays from there.

import { sseClient } from '../machines/clients/sse';
import { traceActor } from '../run/trace-actor';
import type { DriverFactory } from './driver';
import { postUpstream } from './upstream-post';

export const sseDriver: DriverFactory = (w, host, session) => {
  /** The id of the last event received (ids are update index + 1). */
  let lastEventId = 0;
  const port = {
    connect: () => {
      host.acquire((conn) => {
        w.metrics.request(w.kernel.now);
        conn.onDown = (kind, first, count) => {
          if (kind === 'response') actor.send({ type: 'OPENED' });
          if (count > 0) lastEventId = first + count;
        };
        conn.onCut = () => actor.send({ type: 'DROPPED' });
        conn.send('up', w.enc.sseOpen(lastEventId), 0, 0, () => session.request(conn, { type: 'OPEN_STREAM' }));
      });
    },
  };
  const actor = w.spawn(sseClient, { port, reconnectDelayMs: w.s.sse.retryMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};
