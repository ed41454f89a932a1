// The one way an HTTP technique's client sends its GET: count it, set the
// handlers for what comes back on that connection, send the request, and
// hand it to the server session when it arrives. Handlers are built once per
// client, so a request allocates no closure here.

import type { ServerEvent } from '../machines/server';
import type { Channel } from '../run/channel';
import type { PacketSpec } from '../run/encode';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';

export function httpRequest(
  w: World,
  session: ServerSession,
  request: () => PacketSpec,
  event: () => ServerEvent,
  onDown: NonNullable<Channel['onDown']>,
  onCut: NonNullable<Channel['onCut']>,
): (conn: Channel) => void {
  const atServer = (conn: Channel) => session.request(conn, event());
  return (conn) => {
    w.metrics.request(w.kernel.now);
    conn.onDown = onDown;
    conn.onCut = onCut;
    conn.send('up', request(), 0, 0, atServer);
  };
}
