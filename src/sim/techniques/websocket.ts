// WebSocket: the Upgrade handshake on a new connection, then frames both
// ways: one unmasked frame per update down, one masked frame per upstream
// message up, and (when enabled) server pings that the browser answers with
// pongs by itself.

import { websocketClient } from '../machines/clients/websocket';
import type { Connection } from '../run/connection';
import { traceActor } from '../run/trace-actor';
import type { DriverFactory } from './driver';

export const websocketDriver: DriverFactory = (w, host, session) => {
  let ws: Connection | null = null;
  let open = false;
  let pongs = 0;

  const pumpUpstream = () => {
    const c = ws;
    if (!c || !open) return;
    for (const m of host.upstream) {
      if (m.sent) continue;
      m.sent = true;
      c.send('up', w.enc.wsUpstream(host.id, m.seq), 0, 0,
        () => {
          host.upstreamDelivered(m);
          session.upstreamArrived(null);
        },
        // Cut before it arrived: send it again on the next connection.
        () => {
          m.sent = false;
        },
      );
    }
  };

  const port = {
    connect: () => {
      host.dedicated((conn) => {
        ws = conn;
        w.metrics.request(w.kernel.now);
        conn.onDown = (kind) => {
          if (kind === 'handshake') {
            open = true;
            actor.send({ type: 'OPENED' });
            pumpUpstream();
          } else if (kind === 'ping') {
            conn.send('up', w.enc.wsPong(host.id, pongs++));
          }
        };
        conn.onCut = () => {
          open = false;
          ws = null;
          actor.send({ type: 'DROPPED' });
        };
        conn.send('up', w.enc.wsHandshake(host.id, conn.id), 0, 0, () => session.request(conn, { type: 'OPEN_STREAM' }));
      });
    },
  };
  const actor = w.spawn(websocketClient, { port, reconnectDelayMs: w.s.websocket.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream };
};
