// WebSocket: the Upgrade handshake on a new connection, then frames both
// ways: one unmasked frame per update down, one masked frame per upstream
// message up, and (when enabled) server pings that the browser answers with
// pongs by itself.

import { websocketClient } from '../machines/clients/websocket';
import type { Connection } from '../run/connection';
import type { UpstreamMessage } from '../run/client-host';
import { traceActor } from '../run/trace-actor';
import type { PacketKind } from '../types';
import type { DriverFactory } from './driver';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;

export const websocketDriver: DriverFactory = (w, host, session) => {
  let ws: Connection | null = null;
  let open = false;
  let pongs = 0;

  const sendFrame = (c: Connection, m: UpstreamMessage) => {
    m.sent = true;
    c.send('up', w.enc.wsUpstream(), m.seq, 0,
      () => {
        host.upstreamDelivered(m);
        session.upstreamArrived(null);
      },
      // Cut before it arrived: send it again on the next connection.
      () => {
        m.sent = false;
      },
    );
  };

  const pumpUpstream = () => {
    const c = ws;
    if (!c || !open) return;
    for (const m of host.upstream) if (!m.sent) sendFrame(c, m);
  };

  const received = (conn: Connection, kind: PacketKind) => {
    if (kind === 'handshake') {
      open = true;
      actor.send(OPENED);
      pumpUpstream();
    } else if (kind === 'ping') {
      conn.send('up', w.enc.wsPong(), pongs++, 0);
    }
  };
  const cut = () => {
    open = false;
    ws = null;
    actor.send(DROPPED);
  };
  const atServer = (conn: Connection) => session.request(conn, OPEN_STREAM);

  const port = {
    connect: () => {
      host.dedicated((conn) => {
        ws = conn;
        w.metrics.request(w.kernel.now);
        conn.onDown = received;
        conn.onCut = cut;
        conn.send('up', w.enc.wsHandshake(host.id, conn.id), 0, 0, atServer);
      });
    },
  };
  const actor = w.spawn(websocketClient, { port, reconnectDelayMs: w.s.websocket.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream };
};
