// What one HTTP exchange (or a WebSocket) runs on: on HTTP/1.1 a whole
// connection (./connection.ts), on HTTP/2 one stream of the client's single
// connection (src/sim/http2/stream.ts). Drivers and the server's session send and
// listen on a channel and never ask which of the two it is.

import type { PacketKind } from '../types';
import type { Connection } from './connection';
import type { PacketSpec } from './encode';
import type { HeldBody } from './proxy-buffer';
import type { UpstreamMessage } from './client-host';

/** What runs when an upstream packet reaches the server (or is lost to a cut): its channel and the message it carries (null: none). */
export type ArrivalHandler = (ch: Channel, msg: UpstreamMessage | null) => void;

/**
 * The client's side of an exchange: what it does with each downstream packet
 * of its channel, and when it learns that the connection was cut. A
 * technique's client is one (one object per client, its methods the
 * handlers), so neither a message nor a client costs a closure.
 */
export interface ChannelListener {
  down(ch: Channel, kind: PacketKind, first: number, count: number): void;
  cut(ch: Channel): void;
}

/** What an exchange that cannot have a channel does: the page's fetch rejects (the server refused the connection, or it was cut while opening). */
export interface Failable {
  failed(): void;
}

/** An exchange waiting for a channel (./client-host.ts acquire): it `use`s the one it gets, or fails. */
export interface Requester extends Failable {
  use(ch: Channel): void;
}

export interface Channel {
  /** The TCP connection under it (itself on HTTP/1.1). */
  readonly connection: Connection;
  /** The connection's id, for the trace. */
  readonly id: number;
  /** Told at the client of every downstream packet of this channel that arrives, and of a cut. */
  listener: ChannelListener | null;
  /** A buffering intermediary holds what the server writes downstream here (an open SSE or streamed response's body). */
  holdBody: boolean;
  held: HeldBody | null;
  readonly alive: boolean;
  /**
   * Send a packet. Downstream, `count` updates starting at `first` ride in
   * it: they are in flight until it arrives, then delivered. Upstream,
   * `onArrive` runs at the server, unless the server side was cut by then
   * (then `onLost` runs: the client must send again); both are told the
   * upstream message `msg` the packet carries, so that one handler per
   * client serves every message (no closure per message).
   */
  send(dir: 'up' | 'down', p: PacketSpec, first?: number, count?: number, onArrive?: ArrivalHandler, onLost?: ArrivalHandler, msg?: UpstreamMessage | null): void;
  /** Forward what an intermediary holds of this channel's response. */
  flushHeld(): void;
  /** A fault: the connection (every channel on it) is cut at the server's side. */
  cut(): void;
}
