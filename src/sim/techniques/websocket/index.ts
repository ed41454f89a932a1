// WebSocket: the Upgrade handshake on a new connection, then frames both
// ways: one unmasked frame per update down, one masked frame per upstream
// message up, and (when enabled) server pings that the browser answers with
// pongs by itself. Behind an intermediary that refuses the Upgrade
// (proxy.websocket), the handshake gets no answer: after
// websocket.fallbackMs the page's library closes it and runs long polling
// (../long-polling/) for the rest of the run, as Socket.IO and SockJS do.

import { websocketDef } from './machine';
import type { Channel } from '../../run/channel';
import type { UpstreamMessage } from '../../run/client-host';
import { traceActor } from '../../run/trace-actor';
import type { PacketKind } from '../../types';
import { PRIORITY } from '../../kernel/order';
import { fromMs } from '../../kernel/time';
import { FIRST_SECOND, type ClientDriver, type DriverFactory, type Technique } from '../driver';
import { longPolling } from '../long-polling';
import { websocketPackets, type WebSocketPackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;
const START = { type: 'START' } as const;
const GAVE_UP = { type: 'GAVE_UP' } as const;

export const websocketDriver: DriverFactory<WebSocketPackets> = (w, host, session, packets) => {
  let ws: Channel | null = null;
  let open = false;
  let pongs = 0;
  /** Reconnection attempts in a row that have not opened (the backoff's exponent). */
  let failures = 0;

  // One handler each for every frame (told its message), so a frame makes no closure.
  const arrived = (_c: Channel, m: UpstreamMessage | null) => session.upstreamArrived(null, m!);
  // Cut before it arrived: send it again on the next connection (now, if one is already open).
  const lost = (_c: Channel, m: UpstreamMessage | null) => {
    m!.sent = false;
    cursor = 0;
    pumpUpstream();
  };
  const sendFrame = (c: Channel, m: UpstreamMessage) => {
    m.sent = true;
    c.send('up', packets.upstream, m.seq, 0, arrived, lost, m);
  };

  // Messages are sent in order: a cursor (an absolute queue position) marks
  // the first not yet sent, so a new message costs one step, not a scan of
  // all in flight. A reconnection resends from the oldest undelivered one.
  let cursor = 0;
  const pumpUpstream = () => {
    const c = ws;
    if (!c || !open) return;
    const q = host.upstream;
    const end = q.base + q.length;
    for (let i = Math.max(cursor, q.base); i < end; i++) {
      const m = q.at(i)!;
      if (!m.sent) sendFrame(c, m);
    }
    cursor = end;
  };

  const received = (conn: Channel, kind: PacketKind) => {
    if (kind === 'handshake') {
      open = true;
      failures = 0;
      cursor = 0;
      actor.send(OPENED);
      pumpUpstream();
    } else if (kind === 'ping') {
      conn.send('up', packets.pong, pongs++, 0);
    }
  };
  const cut = () => {
    open = false;
    ws = null;
    actor.send(DROPPED);
  };
  // The intermediary swallows a refused Upgrade: it never reaches the server.
  const refused = w.s.proxy.websocket === 'refuses';
  const atServer = refused ? undefined : (conn: Channel) => session.request(conn, OPEN_STREAM);
  const fallbackUs = fromMs(w.s.websocket.fallbackMs);
  let fallback: ClientDriver | null = null;
  const giveUp = (conn: Channel) => {
    if (ws !== conn || open || fallback) return;
    ws = null;
    conn.onDown = null;
    conn.onCut = null;
    conn.connection.close();
    actor.send(GAVE_UP);
    fallback = longPolling.client(w, host, session, w.packetsOf(longPolling));
    fallback.actor.send(START);
  };

  const port = {
    connect: () => {
      if (fallback) return;
      host.dedicated((conn) => {
        ws = conn;
        w.metrics.request(w.kernel.now);
        conn.onDown = received;
        conn.onCut = cut;
        conn.send('up', packets.handshake(host.id, conn.id), 0, 0, atServer);
        if (refused && fallbackUs > 0) w.kernel.at(w.kernel.now + fallbackUs, PRIORITY.timer, () => giveUp(conn));
      }, cut);
    },
  };
  const { reconnectDelayMs: base, reconnectJitter: j, reconnectGrowth: g, reconnectMaxDelayMs: cap } = w.s.websocket;
  // The page's backoff, as Socket.IO's: the pause is base·g^k after k
  // attempts in a row that did not open (k = 0 after an open connection
  // drops), at most the cap (never below the base); jitter then draws its
  // fraction j of it, d(1 - j) + d·j·U, from the client's own stream.
  const backoff = () => {
    const d = failures === 0 ? base : Math.max(base, Math.min(cap, base * g ** failures));
    failures++;
    return j > 0 ? d * (1 - j) + d * j * host.jitterRng.uniform() : d;
  };
  const actor = w.spawn(websocketDef, { port, reconnectDelayMs: base, reconnectDelay: backoff });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: () => (fallback ? fallback.pumpUpstream() : pumpUpstream()) };
};

export const websocket: Technique<WebSocketPackets> = {
  id: 'websocket',
  packets: websocketPackets,
  client: websocketDriver,
  // The 101 answering this connection's key, then one text frame per update.
  stream: { head: (p, client, conn) => p.accept(client, conn), update: (p) => p.update, ping: (p) => p.ping },
  pingIntervalMs: (s) => s.websocket.pingIntervalMs,
  work: pushWork,
  // The backoff only lengthens the pauses: the base is the most attempts.
  retryPauseMs: (s) => s.websocket.reconnectDelayMs,
  // Refused by the intermediary, the page runs long polling instead.
  workAs: (s) => (s.proxy.websocket === 'refuses' ? longPolling : websocket),
  upstreamFrames: true,
  startSpanMs: FIRST_SECOND,
};
