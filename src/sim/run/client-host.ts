// One client's browser tab: its access link (both directions), its random
// streams, its connections and its upstream messages. On HTTP/1.1 a pool of
// at most 6 connections per host (Chrome, Firefox and Safari; REFERENCES.md),
// one exchange at a time on each; on HTTP/2 one connection, each exchange a
// stream of it, up to the server's stream limit (http2.maxConcurrentStreams).

import { PRIORITY } from '../kernel/order';
import type { Micros } from '../kernel/time';
import { NO_DRAWS, STREAM_KIND, createStream, type Rng } from '../random/streams';
import { Connection } from './connection';
import { Fifo } from './fifo';
import { Handler } from './handler';
import type { Channel, Failable, Requester } from './channel';
import type { Http2StreamPort } from './http2-support';
import type { World } from './world';
import type { RadioLogPort } from '../radio/support';

export const MAX_CONNECTIONS_PER_HOST = 6;

/**
 * The queues of a client that has never queued anything: one empty queue
 * for every client (most never wait for a connection, many send nothing
 * up), replaced by the client's own before its first push. A push onto it
 * would reach every client, so its list is frozen: a push throws.
 */
const NOTHING_QUEUED = new Fifo<never>();
Object.freeze(NOTHING_QUEUED['items']);

/**
 * The pool of a client that has opened no pooled connection yet, shared the
 * same way (frozen). Its first connection makes a list of one: a list made
 * empty and pushed onto takes room for 17 (V8's growth rule), 184 B per
 * client where most ever open one or two.
 */
const NO_CONNECTIONS: Connection[] = Object.freeze([]) as unknown as Connection[];

export interface UpstreamMessage {
  seq: number;
  generatedAt: number;
  /** On the wire now (a POST or a frame not yet received). */
  sent: boolean;
}

/**
 * What few clients need, made on first need: most runs have no restarts,
 * churn, radio, HTTP/2, upstream messages or faults, and every field of a
 * client's host is 8 B when all clients are alive at once (Node's V8 has no
 * pointer compression).
 */
class HostRare {
  upstreamStream: Rng | null = null;
  faultStream: Rng | null = null;
  jitterStream: Rng | null = null;
  live: Connection[] | null = null;
  holding: Connection[] | null = null;
  radio: RadioLogPort | null = null;
  h2conn: Connection | null = null;
  upSeq = 0;
  upstreamAtServer = 0;
  onProxyCut: ((c: Connection) => void) | null = null;
}

export class ClientHost {
  /** Its access link, each way: slots in the run's table (../net/tcp.ts). */
  readonly uplink: number;
  readonly downlink: number;
  /** Its links' jitter and losses, each way (their paths draw from them); NO_DRAWS when the network has neither, so no stream is made. */
  readonly upRng: Rng;
  readonly downRng: Rng;
  private cpuStream: Rng | null = null;
  private rare: HostRare | null = null;
  /** The page's handler (client.processingMs): one message at a time. */
  private handler: Handler | null = null;
  /** When the page's handler is done with the last message it was given (µs): the page's own code runs after that. */
  pageBusyUntil = 0;
  /** Open or opening pooled connections. */
  private pool: Connection[] = NO_CONNECTIONS;
  /** Exchanges waiting for a connection (or, on HTTP/2, a stream), oldest first. */
  private waiting: Fifo<Requester> = NOTHING_QUEUED;
  private readonly http2: boolean;
  /** Upstream messages not yet delivered to the server (queued or in flight), oldest first. */
  upstream: Fifo<UpstreamMessage> = NOTHING_QUEUED;
  /** Connection ids are per client, so adding clients leaves this one's trace unchanged. */
  nextConnId = 0;
  /** A TLS session from an earlier connection: the next one resumes it (no certificate). */
  tlsSession = false;

  constructor(
    private readonly w: World,
    readonly id: number,
  ) {
    const radio = w.clientRadio();
    if (radio) this.more().radio = radio;
    if (w.s.faults.serverRestartAtMs > 0 || w.s.churn.meanSessionMs > 0) this.more().live = [];
    if (w.s.churn.meanSessionMs > 0) this.more().holding = [];
    const { s } = w;
    this.downlink = w.paths.link(s.network.bandwidthKbps);
    this.uplink = w.paths.link(s.network.uplinkKbps > 0 ? s.network.uplinkKbps : s.network.bandwidthKbps);
    const draws = w.path.jitterUs > 0 || w.path.lossRate > 0;
    this.upRng = draws ? createStream(s.seed, STREAM_KIND.uplink, id) : NO_DRAWS;
    this.downRng = draws ? createStream(s.seed, STREAM_KIND.downlink, id) : NO_DRAWS;
    this.http2 = s.http.version === '2';
  }

  private more(): HostRare {
    return (this.rare ??= new HostRare());
  }

  /**
   * Every connection of this client not yet closed or cut (pooled, HTTP/2, a
   * WebSocket's own), kept only when a server restart will cut them all
   * (faults.serverRestartAtMs) or the client may leave (churn.meanSessionMs):
   * null otherwise, so a client costs nothing more.
   */
  get live(): Connection[] | null {
    return this.rare === null ? null : this.rare.live;
  }

  /**
   * Every connection of this client that still holds its TCP paths, kept
   * only when the client may leave (churn.meanSessionMs): what it scheduled
   * is dropped then, so those waiting for a cut's notice let go at once.
   */
  get holding(): Connection[] | null {
    return this.rare === null ? null : this.rare.holding;
  }

  /** This client's phone radio (network.radio; null = none). */
  get radio(): RadioLogPort | null {
    return this.rare === null ? null : this.rare.radio;
  }

  /** HTTP/2: the one connection, while it lives. */
  private get h2conn(): Connection | null {
    return this.rare === null ? null : this.rare.h2conn;
  }

  private set h2conn(c: Connection | null) {
    this.more().h2conn = c;
  }

  /** How the intermediary's cut reaches the server side: the run sets it (the session's own connection is cut through the session). */
  get onProxyCut(): ((c: Connection) => void) | null {
    return this.rare === null ? null : this.rare.onProxyCut;
  }

  set onProxyCut(f: ((c: Connection) => void) | null) {
    this.more().onProxyCut = f;
  }

  /** Upstream messages the server has but has not handled yet (server.processingMs): still pending. */
  get upstreamAtServer(): number {
    return this.rare === null ? 0 : this.rare.upstreamAtServer;
  }

  set upstreamAtServer(n: number) {
    this.more().upstreamAtServer = n;
  }

  // Made on first draw: most runs send nothing upstream and have no faults,
  // and a stream's draws do not depend on when it is made.
  get upstreamRng(): Rng {
    const r = this.more();
    return (r.upstreamStream ??= createStream(this.w.s.seed, STREAM_KIND.upstream, this.id));
  }

  /** Draws of the server's CPU time for this client's work (server.cores > 0: ./server-cpu.ts). */
  get cpuRng(): Rng {
    return (this.cpuStream ??= createStream(this.w.s.seed, STREAM_KIND.serverCpu, this.id));
  }

  /** Draws of the page's reconnection jitter (websocket.reconnectJitter). */
  get jitterRng(): Rng {
    const r = this.more();
    return (r.jitterStream ??= createStream(this.w.s.seed, STREAM_KIND.reconnectJitter, this.id));
  }

  get faultRng(): Rng {
    const r = this.more();
    return (r.faultStream ??= createStream(this.w.s.seed, STREAM_KIND.faults, this.id));
  }

  /** When the page's handler is done with a message that arrived at `t` (client.processingMs; ./handler.ts). */
  handled(t: Micros): Micros {
    return (this.handler ??= new Handler(this.w.s.seed, STREAM_KIND.handling, this.id, this.w.handlingUs)).done(t);
  }

  /**
   * Get a channel for one exchange, then `r.use` it: an idle pooled
   * connection (opening one if the pool allows), or on HTTP/2 a new stream.
   * If the connection it waits for fails to open (refused, or cut while
   * opening), `r.failed` runs instead, as the page's fetch rejects.
   */
  acquire(r: Requester): void {
    if (this.http2) {
      this.acquireStream(r);
      return;
    }
    const pool = this.pool;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i];
      if (c.state === 'open' && c.alive && !c.busy) {
        c.busy = true;
        r.use(c);
        return;
      }
    }
    if (this.pool.length < MAX_CONNECTIONS_PER_HOST) this.openPooled(r);
    else this.wait(r);
  }

  /**
   * A new pooled connection for `r`. Its own method: a closure in acquire()
   * would make V8 allocate acquire's context on every call, even when a
   * pooled connection is taken.
   */
  private openPooled(r: Requester): void {
    const c = new Connection(this.w, this);
    c.busy = true;
    if (this.pool === NO_CONNECTIONS) this.pool = [c];
    else this.pool.push(c);
    c.open(() => r.use(c), r);
  }

  private wait(r: Requester): void {
    if (this.waiting === NOTHING_QUEUED) this.waiting = new Fifo();
    this.waiting.push(r);
  }


  /** HTTP/2: a stream on the one connection, opening it first if there is none; past the stream limit, wait. */
  private acquireStream(r: Requester): void {
    const c = this.h2conn;
    if (c && c.alive) {
      if (c.state === 'open' && !c.h2!.full) r.use(c.h2!.open());
      else this.wait(r);
      return;
    }
    const fresh = new Connection(this.w, this, true);
    this.h2conn = fresh;
    this.wait(r);
    const failed: Failable = { failed: () => this.failWaiting(fresh) };
    fresh.open(() => this.startStreams(fresh), failed);
  }

  /** HTTP/2's connection failed to open: every exchange waiting for it fails (those its failures start wait for a new one). */
  private failWaiting(c: Connection): void {
    if (c === this.h2conn) this.h2conn = null;
    for (let n = this.waiting.length; n > 0; n--) this.waiting.shift()!.failed();
  }

  /** Start waiting exchanges on the HTTP/2 connection while the stream limit allows. */
  private startStreams(c: Connection): void {
    while (this.waiting.length > 0 && c.alive && !c.h2!.full) this.waiting.shift()!.use(c.h2!.open());
  }

  /** The exchange on `c` is over: hand the connection to a waiting request or leave it idle (keep-alive); on HTTP/2 the stream closes. */
  release(c: Channel): void {
    c.listener = null;
    if (c !== c.connection) {
      // An HTTP/2 stream: it closes; a waiting exchange may take its place.
      const conn = c.connection;
      conn.h2!.close(c as Http2StreamPort);
      if (conn === this.h2conn && conn.alive && conn.state === 'open') this.startStreams(conn);
      return;
    }
    const conn = c.connection;
    conn.busy = false;
    if (!conn.alive) return;
    const r = this.waiting.shift();
    if (r) {
      conn.busy = true;
      r.use(conn);
    }
  }

  /**
   * The WebSocket's channel, outside the pool: a connection of its own over
   * HTTP/1.1 (also beside an HTTP/2 one, unless the server offers RFC 8441's
   * extended CONNECT: then a stream of it).
   */
  dedicated(r: Requester): void {
    if (this.http2 && this.w.s.websocket.overHttp2 === 'extendedConnect') {
      this.acquireStream(r);
      return;
    }
    const c = new Connection(this.w, this);
    c.open(() => r.use(c), r);
  }

  /**
   * The intermediary cuts `c` (idle too long, or past its lifetime), as a
   * fault does: an answer already sent still arrives, a request not yet
   * there is lost and the client hears of the cut (./connection.ts `cut`).
   */
  cutByProxy(c: Connection): void {
    if (this.onProxyCut) this.onProxyCut(c);
    else c.cut();
  }

  /** Cut every live connection of this client (a server restart), each as the intermediary would. */
  cutAll(): void {
    if (this.live) for (const c of [...this.live]) this.cutByProxy(c);
  }

  /**
   * The client closes its tab (churn), after the kernel has dropped what it
   * scheduled: a connection already cut or closed lets go of its paths now,
   * since its notice or FIN will never come; every live one closes (FIN, as
   * the browser closes its sockets) and lets go when that is done.
   */
  leave(): void {
    const live = this.live!;
    for (const c of [...this.holding!]) if (!live.includes(c)) c.freePaths();
    for (const c of [...live]) c.close();
  }

  /** `c` closed or was cut: no longer among the live ones. */
  gone(c: Connection): void {
    const i = this.live ? this.live.indexOf(c) : -1;
    if (i >= 0) this.live!.splice(i, 1);
  }

  /** `c` let go of its paths. */
  released(c: Connection): void {
    const i = this.holding ? this.holding.indexOf(c) : -1;
    if (i >= 0) this.holding!.splice(i, 1);
  }

  /** Drop a dead connection from the pool; a waiting request may open a new one. */
  forget(c: Connection): void {
    if (c === this.h2conn) {
      this.h2conn = null;
      const r = this.waiting.shift();
      if (r) this.acquireStream(r);
      return;
    }
    const i = this.pool.indexOf(c);
    if (i < 0) return;
    this.pool.splice(i, 1);
    const r = this.waiting.shift();
    if (r) this.acquire(r);
  }

  /** Start generating upstream messages (Poisson, client.sendRateHz) from `fromUs` (the client's arrival); `onMessage` sends them. */
  startUpstream(onMessage: () => void, fromUs: Micros): void {
    const rate = this.w.s.client.sendRateHz;
    if (rate <= 0) return;
    const meanUs = 1e6 / rate;
    const k = this.w.kernel;
    const end = this.w.durationUs;
    // The next message after an exponential gap; none past the end of the run
    // (a rate of 1e-300 Hz gives an infinite gap: nothing to schedule).
    const schedule = (from: number) => {
      const at = from + Math.max(1, Math.round(this.upstreamRng.exponential(meanUs)));
      if (at < end) k.at(at, PRIORITY.timer, next);
    };
    const next = () => {
      if (this.upstream === NOTHING_QUEUED) this.upstream = new Fifo();
      this.upstream.push({ seq: this.more().upSeq++, generatedAt: k.now, sent: false });
      this.w.metrics.upGenerated++;
      onMessage();
      schedule(k.now);
    };
    schedule(fromUs);
  }

  /** An upstream message reached the server: it leaves the page's queue, so it is never sent again. */
  upstreamArrived(m: UpstreamMessage): void {
    this.upstream.remove(m);
  }
}
