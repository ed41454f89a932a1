// Upstream messages over HTTP (polling, long polling, SSE, streaming): one
// POST per message, answered "204 No Content". One POST at a time per client
// (the page awaits each fetch), on a pooled keep-alive connection (on
// HTTP/2, a stream of the one connection).

import type { ClientHost } from '../run/client-host';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';
import { PRIORITY } from '../kernel/order';

/** The page's pause before it sends again a POST whose connection was refused (1 s, as a fetch wrapper's retry would wait). */
export const POST_RETRY_MS = 1000;
const POST_RETRY_US = POST_RETRY_MS * 1000;

export function postUpstream(w: World, host: ClientHost, session: ServerSession): () => void {
  let busy = false;
  const pump = () => {
    if (busy || host.upstream.length === 0) return;
    busy = true;
    const m = host.upstream.at(host.upstream.base)!;
    host.acquire((conn) => {
      m.sent = true;
      w.metrics.request(w.kernel.now);
      conn.onDown = () => {
        host.release(conn);
        busy = false;
        pump();
      };
      // On HTTP/2 the POST is a stream of the shared connection, which a
      // fault or the intermediary may cut: a message not yet delivered is
      // sent again (it is still first in the queue), a delivered one is done.
      conn.onCut = () => {
        busy = false;
        m.sent = false;
        pump();
      };
      conn.send('up', w.enc.post(), m.seq, 0, () => {
        session.upstreamArrived(conn, m);
      });
    }, failed);
  };
  // No connection could be had (the server refused it): the page's code tries again after a pause.
  const failed = () => {
    w.kernel.at(w.kernel.now + POST_RETRY_US, PRIORITY.timer, () => {
      busy = false;
      pump();
    });
  };
  return pump;
}
