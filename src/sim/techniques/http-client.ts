// What an HTTP technique's client is (polling, long polling, SSE, streaming;
// a WebSocket's fallback): one object per client that its machine drives
// (its port), that asks for a channel for each GET (a Requester), sends it
// the one way they all do (counted, the client listening on that channel,
// handed to the server session when it arrives) and hears what comes back
// (a ChannelListener). Its methods are its handlers, so that a client costs
// no closure per handler (they were a fifth of a client's memory when all
// clients are alive at once, docs/model.md). Each technique's client is
// also its machine's input (its port, `port`, is itself, beside its
// parameters), so its machine's context, with no object of its own
// (src/sim/machines/engine.ts). Its POSTs are made at its first upstream
// message.

import type { ArrivalHandler, Channel, ChannelListener, Requester } from '../run/channel';
import type { ClientHost } from '../run/client-host';
import type { PacketSpec } from '../run/encode';
import type { ServerSession } from '../run/server-session';
import type { SimActor } from '../run/spawn';
import { traceActor } from '../run/trace-actor';
import type { World } from '../run/world';
import type { MachineDef } from '../machines/engine';
import type { ServerEvent } from '../machines/server';
import type { PacketKind } from '../types';
import type { ClientDriver } from './driver';
import { UpstreamPoster } from './upstream-post';

/**
 * A GET reaches the server: the client that sent it, its channel's listener
 * since `use` (a channel serves one exchange at a time, and is released only
 * when its answer is back), hands it to its session. One function for every
 * client: a closure each was 104 B a client when all are alive at once.
 */
const AT_SERVER: ArrivalHandler = (ch) => {
  const client = ch.listener;
  if (!(client instanceof HttpClient)) throw new Error(`http client: a GET reached the server on channel ${ch.id}, whose listener is not the client that sent it`);
  client.atServer(ch);
};

export abstract class HttpClient implements ClientDriver, ChannelListener, Requester {
  abstract readonly actor: SimActor<{ type: 'START' }>;
  private poster: UpstreamPoster | null = null;

  constructor(
    protected readonly w: World,
    protected readonly host: ClientHost,
    protected readonly session: ServerSession,
    /** The server machine's event for this client's GET (a function of the technique's module, not of the client). */
    private readonly requestEvent: (session: ServerSession) => ServerEvent,
  ) {}

  /** Its GET is at the server: the session has it, as the server machine's event. */
  atServer(ch: Channel): void {
    this.session.request(ch, this.requestEvent(this.session));
  }

  /** Its client machine, started on the run's clock, its states traced if the client is. */
  protected machine<TEvent extends { type: string }, TInput>(def: MachineDef<TEvent, TInput>, input: TInput): SimActor<TEvent> {
    const actor = this.w.spawn(def, input);
    traceActor(this.w, actor, this.host.id, 'client', null);
    return actor;
  }

  /** The machine asks for its GET: a channel first (`use` sends it on the one it gets). */
  protected ask(): void {
    this.host.acquire(this);
  }

  /** The GET this client sends now. */
  protected abstract request(): PacketSpec;

  use(conn: Channel): void {
    const { w } = this;
    w.metrics.request(w.kernel.now);
    conn.listener = this;
    conn.send('up', this.request(), 0, 0, AT_SERVER);
  }

  abstract down(ch: Channel, kind: PacketKind, first: number, count: number): void;
  abstract cut(ch: Channel | null): void;

  /** Its GET's connection never opened: as a cut. */
  failed(): void {
    this.cut(null);
  }

  pumpUpstream(): void {
    (this.poster ??= new UpstreamPoster(this.w, this.host, this.session)).pump();
  }
}
