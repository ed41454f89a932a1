// WebSocket: the Upgrade handshake on a new connection, then frames both
// ways: one unmasked frame per update down, one masked frame per upstream
// message up, and (when enabled) server pings that the browser answers with
// pongs by itself. Behind an intermediary that refuses the Upgrade
// (proxy.websocket), the handshake gets no answer: after
// websocket.fallbackMs the page's library closes it and runs long polling
// (../long-polling/) for the rest of the run, as Socket.IO and SockJS do.

import { websocketDef } from './machine';
import type { PersistentEvent, PersistentInput, PersistentPort } from '../persistent-machine';
import type { ArrivalHandler, Channel, ChannelListener, Requester } from '../../run/channel';
import type { ClientHost, UpstreamMessage } from '../../run/client-host';
import type { ServerSession } from '../../run/server-session';
import type { SimActor } from '../../run/spawn';
import type { World } from '../../run/world';
import { traceActor } from '../../run/trace-actor';
import type { PacketKind } from '../../types';
import { PRIORITY } from '../../kernel/order';
import { fromMs } from '../../kernel/time';
import { FIRST_SECOND, type ClientDriver, type Technique } from '../driver';
import { longPolling } from '../long-polling';
import { websocketPackets, type WebSocketPackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;
const START = { type: 'START' } as const;
const GAVE_UP = { type: 'GAVE_UP' } as const;

/**
 * The client that a WebSocket's packet at the server belongs to: its
 * channel's listener since `use` (a socket's channel is its own; only a
 * refused handshake, which never reaches the server, is let go). So one
 * handler of each kind serves every client: closures were 150 B a client
 * when all are alive at once.
 */
function clientOf(ch: Channel): WebSocketClient {
  const client = ch.listener;
  if (!(client instanceof WebSocketClient)) throw new Error(`websocket: a packet reached the server on channel ${ch.id}, whose listener is not the client that sent it`);
  return client;
}
/** The handshake at the server. */
const HANDSHAKE_ARRIVED: ArrivalHandler = (ch) => clientOf(ch).atServer(ch);
/** A frame at the server, told its message. */
const FRAME_ARRIVED: ArrivalHandler = (ch, m) => clientOf(ch).frameArrived(m!);
/** A frame cut before it arrived. */
const FRAME_LOST: ArrivalHandler = (ch, m) => clientOf(ch).frameLost(m!);

export class WebSocketClient implements ClientDriver, ChannelListener, Requester, PersistentPort, PersistentInput {
  readonly actor: SimActor<PersistentEvent>;
  private ws: Channel | null = null;
  private open = false;
  private pongs = 0;
  /** Reconnection attempts in a row that have not opened (the backoff's exponent). */
  private failures = 0;
  /**
   * Messages are sent in order: a cursor (an absolute queue position) marks
   * the first not yet sent, so a new message costs one step, not a scan of
   * all in flight. A reconnection resends from the oldest undelivered one.
   */
  private cursor = 0;
  /** The page runs long polling instead (the intermediary refused the Upgrade: websocket.fallbackMs). */
  private fallback: ClientDriver | null = null;
  /** The intermediary swallows the Upgrade (proxy.websocket 'refuses'): the handshake never reaches the server. */
  private readonly refused: boolean;
  private readonly fallbackUs: number;
  // Its machine's input, so its context (src/sim/machines/engine.ts).
  readonly port = this;
  readonly reconnectDelayMs: number;

  constructor(
    private readonly w: World,
    private readonly host: ClientHost,
    private readonly session: ServerSession,
    private readonly packets: WebSocketPackets,
  ) {
    this.refused = w.s.proxy.websocket === 'refuses';
    this.fallbackUs = fromMs(w.s.websocket.fallbackMs);
    this.reconnectDelayMs = w.s.websocket.reconnectDelayMs;
    this.actor = w.spawn(websocketDef, this);
    traceActor(w, this.actor, host.id, 'client', null);
  }

  /**
   * The page's backoff, as Socket.IO's: the pause is base·g^k after k
   * attempts in a row that did not open (k = 0 after an open connection
   * drops), at most the cap (never below the base); jitter then draws its
   * fraction j of it, d(1 - j) + d·j·U, from the client's own stream.
   */
  reconnectDelay(): number {
    const { reconnectDelayMs: base, reconnectJitter: j, reconnectGrowth: g, reconnectMaxDelayMs: cap } = this.w.s.websocket;
    const d = this.failures === 0 ? base : Math.max(base, Math.min(cap, base * g ** this.failures));
    this.failures++;
    return j > 0 ? d * (1 - j) + d * j * this.host.jitterRng.uniform() : d;
  }

  /** Its handshake is at the server. */
  atServer(ch: Channel): void {
    this.session.request(ch, OPEN_STREAM);
  }

  frameArrived(m: UpstreamMessage): void {
    this.session.upstreamArrived(null, m);
  }

  /** A frame cut before it arrived: send it again on the next connection (now, if one is already open). */
  frameLost(m: UpstreamMessage): void {
    m.sent = false;
    this.cursor = 0;
    this.pumpFrames();
  }

  pumpUpstream(): void {
    if (this.fallback) this.fallback.pumpUpstream();
    else this.pumpFrames();
  }

  private pumpFrames(): void {
    const c = this.ws;
    if (!c || !this.open) return;
    const q = this.host.upstream;
    const end = q.base + q.length;
    for (let i = Math.max(this.cursor, q.base); i < end; i++) {
      const m = q.at(i)!;
      if (!m.sent) this.sendFrame(c, m);
    }
    this.cursor = end;
  }

  private sendFrame(c: Channel, m: UpstreamMessage): void {
    m.sent = true;
    c.send('up', this.packets.upstream, m.seq, 0, FRAME_ARRIVED, FRAME_LOST, m);
  }

  connect(): void {
    if (this.fallback) return;
    this.host.dedicated(this);
  }

  /** Its own connection (or stream) is open: the Upgrade handshake. */
  use(conn: Channel): void {
    const { w } = this;
    this.ws = conn;
    w.metrics.request(w.kernel.now);
    conn.listener = this;
    conn.send('up', this.packets.handshake(this.host.id, conn.id), 0, 0, this.refused ? undefined : HANDSHAKE_ARRIVED);
    if (this.refused && this.fallbackUs > 0) w.kernel.at(w.kernel.now + this.fallbackUs, PRIORITY.timer, () => this.giveUp(conn));
  }

  down(conn: Channel, kind: PacketKind): void {
    if (kind === 'handshake') {
      this.open = true;
      this.failures = 0;
      this.cursor = 0;
      this.actor.send(OPENED);
      this.pumpFrames();
    } else if (kind === 'ping') {
      conn.send('up', this.packets.pong, this.pongs++, 0);
    }
  }

  cut(): void {
    this.open = false;
    this.ws = null;
    this.actor.send(DROPPED);
  }

  failed(): void {
    this.cut();
  }

  /** No 101 within websocket.fallbackMs: the page's library closes the socket and runs long polling. */
  private giveUp(conn: Channel): void {
    if (this.ws !== conn || this.open || this.fallback) return;
    this.ws = null;
    conn.listener = null;
    conn.connection.close();
    this.actor.send(GAVE_UP);
    const { w } = this;
    this.fallback = longPolling.client(w, this.host, this.session, w.packetsOf(longPolling));
    this.fallback.actor.send(START);
  }
}

export const websocket: Technique<WebSocketPackets> = {
  id: 'websocket',
  packets: websocketPackets,
  client: (w, host, session, packets) => new WebSocketClient(w, host, session, packets),
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
