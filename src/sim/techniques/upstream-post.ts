// Upstream messages over HTTP (polling, long polling, SSE, streaming): one
// POST per message, answered "204 No Content". One POST at a time per client
// (the page awaits each fetch), on a pooled keep-alive connection (on
// HTTP/2, a stream of the one connection).

import type { Channel } from '../run/channel';
import type { ClientHost, UpstreamMessage } from '../run/client-host';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';
import { PRIORITY } from '../kernel/order';

/** The page's pause before it sends again a POST whose connection was refused (1 s, as a fetch wrapper's retry would wait). */
export const POST_RETRY_MS = 1000;
const POST_RETRY_US = POST_RETRY_MS * 1000;

export function postUpstream(w: World, host: ClientHost, session: ServerSession): () => void {
  let busy = false;
  /** The message being posted: one at a time, so every handler below is made once per client, not per POST. */
  let current: UpstreamMessage | null = null;
  const arrived = (conn: Channel, m: UpstreamMessage | null) => session.upstreamArrived(conn, m!);
  const answered = (conn: Channel) => {
    host.release(conn);
    busy = false;
    pump();
  };
  // On HTTP/2 the POST is a stream of the shared connection, which a
  // fault or the intermediary may cut: a message not yet delivered is
  // sent again (it is still first in the queue), a delivered one is done.
  const cut = () => {
    busy = false;
    current!.sent = false;
    pump();
  };
  const post = (conn: Channel) => {
    const m = current!;
    m.sent = true;
    w.metrics.request(w.kernel.now);
    conn.onDown = answered;
    conn.onCut = cut;
    conn.send('up', w.enc.post(), m.seq, 0, arrived, undefined, m);
  };
  const pump = () => {
    if (busy || host.upstream.length === 0) return;
    busy = true;
    current = host.upstream.at(host.upstream.base)!;
    host.acquire(post, failed);
  };
  // No connection could be had (the server refused it): the page's code tries again after a pause.
  const retry = () => {
    busy = false;
    pump();
  };
  const failed = () => {
    w.kernel.at(w.kernel.now + POST_RETRY_US, PRIORITY.timer, retry);
  };
  return pump;
}
