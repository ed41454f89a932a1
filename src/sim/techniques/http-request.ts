// The one way an HTTP technique's client sends its GET: count it, make its
// listener hear what comes back on that connection, send the request, and
// hand it to the server session when it arrives (`atServer`, made once per
// client, so a request allocates no closure here).

import type { ArrivalHandler, Channel, ChannelListener } from '../run/channel';
import type { PacketSpec } from '../run/encode';
import type { World } from '../run/world';

export function sendRequest(w: World, conn: Channel, listener: ChannelListener, request: PacketSpec, atServer: ArrivalHandler): void {
  w.metrics.request(w.kernel.now);
  conn.listener = listener;
  conn.send('up', request, 0, 0, atServer);
}
