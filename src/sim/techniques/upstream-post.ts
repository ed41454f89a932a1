// Upstream messages over HTTP (polling, long polling, SSE, streaming): one
// POST per message, answered "204 No Content". One POST at a time per client
// (the page awaits each fetch), on a pooled keep-alive connection (on
// HTTP/2, a stream of the one connection). A client's poster is made at its
// first message (./http-client.ts pumpUpstream): most runs send nothing up.

import type { ArrivalHandler, Channel, ChannelListener, Requester } from '../run/channel';
import type { ClientHost, UpstreamMessage } from '../run/client-host';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';
import type { KernelTarget } from '../kernel/kernel';
import { PRIORITY } from '../kernel/order';

/** The page's pause before it sends again a POST whose connection was refused (1 s, as a fetch wrapper's retry would wait). */
export const POST_RETRY_MS = 1000;
const POST_RETRY_US = POST_RETRY_MS * 1000;

/** One client's POSTs: it asks for a channel for each (Requester), hears the answer (ChannelListener), and waits to try again (KernelTarget). */
export class UpstreamPoster implements Requester, ChannelListener, KernelTarget {
  private busy = false;
  /** The message being posted: one at a time, so one poster serves every POST. */
  private current: UpstreamMessage | null = null;
  private readonly arrived: ArrivalHandler;

  constructor(
    private readonly w: World,
    private readonly host: ClientHost,
    session: ServerSession,
  ) {
    this.arrived = (conn, m) => session.upstreamArrived(conn, m!);
  }

  /** Send the oldest message not yet delivered, unless a POST is on its way. */
  pump(): void {
    const { host } = this;
    if (this.busy || host.upstream.length === 0) return;
    this.busy = true;
    this.current = host.upstream.at(host.upstream.base)!;
    host.acquire(this);
  }

  use(conn: Channel): void {
    const m = this.current!;
    m.sent = true;
    this.w.metrics.request(this.w.kernel.now);
    conn.listener = this;
    conn.send('up', this.w.enc.post(), m.seq, 0, this.arrived, undefined, m);
  }

  /** The 204. */
  down(conn: Channel): void {
    this.host.release(conn);
    this.busy = false;
    this.pump();
  }

  // On HTTP/2 the POST is a stream of the shared connection, which a
  // fault or the intermediary may cut: a message not yet delivered is
  // sent again (it is still first in the queue), a delivered one is done.
  cut(): void {
    this.busy = false;
    this.current!.sent = false;
    this.pump();
  }

  /** No connection could be had (the server refused it): the page's code tries again after a pause. */
  failed(): void {
    this.w.kernel.post(this.w.kernel.now + POST_RETRY_US, PRIORITY.timer, this, 0);
  }

  /** The pause after a refusal is over. */
  fire(): void {
    this.busy = false;
    this.pump();
  }
}
