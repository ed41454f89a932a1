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

export interface Channel {
  /** The TCP connection under it (itself on HTTP/1.1). */
  readonly connection: Connection;
  /** The connection's id, for the trace. */
  readonly id: number;
  /**
   * Called at the client for every downstream packet of this channel that
   * arrives, and when it learns that the connection was cut. Drivers set
   * handlers built once per client, so a message allocates no closure.
   */
  onDown: ((ch: Channel, kind: PacketKind, first: number, count: number) => void) | null;
  onCut: ((ch: Channel) => void) | null;
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
