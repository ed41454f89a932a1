// Short polling: the polling client machine's GET every intervalMs, each on
// an idle pooled connection (a new one while earlier polls are unanswered,
// up to the browser's 6), answered at once by the server.

import { pollingClient } from '../machines/clients/polling';
import { traceActor } from '../run/trace-actor';
import type { DriverFactory } from './driver';
import { postUpstream } from './upstream-post';

export const pollingDriver: DriverFactory = (w, host, session) => {
  let outstanding = 0;
  const port = {
    sendPoll: () => {
      outstanding++;
      host.acquire((conn) => {
        w.metrics.request(w.kernel.now);
        conn.onDown = () => {
          host.release(conn);
          outstanding--;
          actor.send({ type: 'RESPONSE', outstanding });
        };
        conn.onCut = () => {
          outstanding--;
          actor.send({ type: 'DROPPED', outstanding });
        };
        conn.send('up', w.enc.poll(), 0, 0, () => session.request(conn, { type: 'POLL' }));
      });
    },
  };
  const actor = w.spawn(pollingClient, { port, intervalMs: w.s.polling.intervalMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};
