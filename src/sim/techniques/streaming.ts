// HTTP streaming: one GET whose chunked response stays open, one chunk per
// update. The page's code reopens a dropped stream after
// streaming.reconnectDelayMs, asking from the last update it saw.

import { streamingClient } from '../machines/clients/streaming';
import { traceActor } from '../run/trace-actor';
import type { DriverFactory } from './driver';
import { postUpstream } from './upstream-post';

export const streamingDriver: DriverFactory = (w, host, session) => {
  const port = {
    connect: () => {
      host.acquire((conn) => {
        w.metrics.request(w.kernel.now);
        conn.onDown = (kind) => {
          if (kind === 'response') actor.send({ type: 'OPENED' });
        };
        conn.onCut = () => actor.send({ type: 'DROPPED' });
        conn.send('up', w.enc.streamOpen(), 0, 0, () => session.request(conn, { type: 'OPEN_STREAM' }));
      });
    },
  };
  const actor = w.spawn(streamingClient, { port, reconnectDelayMs: w.s.streaming.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};
