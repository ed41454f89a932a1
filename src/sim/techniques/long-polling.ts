// Long polling: a GET the server holds until an update is queued or
// longPolling.timeoutMs passes; the next GET follows each answer.

import { longPollingClient } from '../machines/clients/long-polling';
import { traceActor } from '../run/trace-actor';
import type { DriverFactory } from './driver';
import { postUpstream } from './upstream-post';

export const longPollingDriver: DriverFactory = (w, host, session) => {
  const port = {
    sendLongPoll: () => {
      host.acquire((conn) => {
        w.metrics.request(w.kernel.now);
        conn.onDown = () => {
          host.release(conn);
          actor.send({ type: 'RESPONSE' });
        };
        conn.onCut = () => actor.send({ type: 'DROPPED' });
        conn.send('up', w.enc.longPoll(), 0, 0, () => session.request(conn, { type: 'LONG_POLL', queued: session.queued }));
      });
    },
  };
  const actor = w.spawn(longPollingClient, { port, reconnectDelayMs: w.s.longPolling.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};
