// What a technique plugs into the runtime, all in its own folder under
// src/sim/techniques/: its packets (made once per run from the run's HTTP
// encoder, ./<id>/packets.ts), its client (for one client, create its client
// machine and carry out that machine's named actions: open connections, send
// requests, react to what arrives), what its server sends on an open stream
// (the server machine and session are shared, src/sim/run/server-session.ts)
// and how its clients start. The runtime asks the technique; it never tests
// which technique it runs.

import type { SimActor } from '../run/spawn';
import type { ClientHost } from '../run/client-host';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';
import type { Encoder, PacketSpec } from '../run/encode';
import type { Scenario } from '../scenario/types';
import type { TechniqueId } from '../types';
import type { WorkTerms } from './work-terms';

export interface ClientDriver {
  /** The client machine, started; the runtime sends it START at the client's start time. */
  actor: SimActor<{ type: 'START' }>;
  /** A new upstream message is queued in host.upstream: send what can be sent. */
  pumpUpstream(): void;
}

// Methods, not function-typed fields, below: a Technique<SsePackets> is then a Technique<unknown> (method parameters are bivariant).

/** What the server sends on a stream it holds open (SSE, WebSocket, HTTP streaming), from the technique's packets P. */
export interface StreamPackets<P> {
  /** The answer that opens the stream (a response head, or the 101 of an upgrade) on connection `conn` of `client`. */
  head(p: P, client: number, conn: number): PacketSpec;
  /** Update i on the open stream. */
  update(p: P, i: number): PacketSpec;
  /** What keeps the open stream alive, every pingIntervalMs (a WebSocket ping, an SSE comment line); absent if it has none. */
  ping?(p: P): PacketSpec;
  /**
   * The server ends the stream cleanly after this many updates or this long
   * after its head (0 = never), with `end`: the connection stays open for
   * the next request. Absent: streams end only when cut.
   */
  ending?: { updates(s: Scenario): number; lifetimeMs(s: Scenario): number; end(p: P): PacketSpec };
  /**
   * The stream is the body of one HTTP response (SSE, HTTP streaming), which
   * a buffering intermediary holds (proxy.buffering); absent for WebSocket,
   * a tunnel once upgraded.
   */
  responseBody?: true;
}

export interface Technique<P = unknown> {
  id: TechniqueId;
  /** Its packets, made once per run from the run's HTTP encoder (HTTP/1.1 or 2: src/sim/run/encode.ts). */
  packets(enc: Encoder): P;
  client(w: World, host: ClientHost, session: ServerSession, packets: P): ClientDriver;
  /** Push techniques: what the open stream carries; absent for polling and long polling. */
  stream?: StreamPackets<P>;
  /** The server sends `stream.ping` on the open connection this often (ms; 0 = never). */
  pingIntervalMs(s: Scenario): number;
  /** Its own work per client in the run's estimate, from the terms every technique's is made of (./work-terms.ts). */
  work(t: WorkTerms): number;
  /** Its pause before it tries again after a refused connection (ms): a restarted server refuses them while it is down. */
  retryPauseMs(s: Scenario): number;
  /** The technique a run of it does the work of (a WebSocket the intermediary refuses runs long polling); absent: itself. */
  workAs?(s: Scenario): Technique;
  /** Upstream messages go as frames on its own connection, not as POSTs (WebSocket). */
  upstreamFrames?: true;
  /** It only ever asks: the feed never tells it of an update (polling; a held long poll or an open stream listens). */
  neverListens?: true;
  /** Clients start at random times within this span (ms) so that they do not all fire at once (SPEC §1). */
  startSpanMs(s: Scenario): number;
  /** The result carries the streaming media case (src/sim/media.ts). */
  mediaCase?: boolean;
}

/** Most techniques: no pings, clients spread over the first second. */
export const NO_PINGS = (): number => 0;
export const FIRST_SECOND = (): number => 1000;
