// One client's browser tab: its access link (both directions), its random
// streams, its HTTP/1.1 connection pool (at most 6 connections per host, as
// Chrome, Firefox and Safari; REFERENCES.md) and its upstream messages.

import { PRIORITY } from '../kernel/order';
import { Link } from '../net/link';
import { STREAM_KIND, createStream, type Rng } from '../random/streams';
import { Connection } from './connection';
import { Fifo } from './fifo';
import type { World } from './world';

export const MAX_CONNECTIONS_PER_HOST = 6;

export interface UpstreamMessage {
  seq: number;
  generatedAt: number;
  /** On the wire now (a POST or a frame not yet received). */
  sent: boolean;
}

export class ClientHost {
  readonly uplink: Link;
  readonly downlink: Link;
  readonly upRng: Rng;
  readonly downRng: Rng;
  /** Draws of this client's own behaviour (start offset, upstream and fault times). */
  readonly startRng: Rng;
  private upstreamStream: Rng | null = null;
  private faultStream: Rng | null = null;
  /** Open or opening pooled connections. */
  private readonly pool: Connection[] = [];
  private readonly waiting = new Fifo<(c: Connection) => void>();
  /** Upstream messages not yet delivered to the server (queued or in flight), oldest first. */
  readonly upstream = new Fifo<UpstreamMessage>();
  private upSeq = 0;
  /** Connection ids are per client, so adding clients leaves this one's trace unchanged. */
  nextConnId = 0;
  /** A TLS session from an earlier connection: the next one resumes it (no certificate). */
  tlsSession = false;
  /** How the intermediary's cut reaches the server side: the run sets it (the session's own connection is cut through the session). */
  onProxyCut: ((c: Connection) => void) | null = null;

  constructor(
    private readonly w: World,
    readonly id: number,
  ) {
    const { s } = w;
    this.downlink = new Link(s.network.bandwidthKbps);
    this.uplink = new Link(s.network.uplinkKbps > 0 ? s.network.uplinkKbps : s.network.bandwidthKbps);
    this.upRng = createStream(s.seed, STREAM_KIND.uplink, id);
    this.downRng = createStream(s.seed, STREAM_KIND.downlink, id);
    this.startRng = createStream(s.seed, STREAM_KIND.client, id);
  }

  // Made on first draw: most runs send nothing upstream and have no faults,
  // and a stream's draws do not depend on when it is made.
  get upstreamRng(): Rng {
    return (this.upstreamStream ??= createStream(this.w.s.seed, STREAM_KIND.upstream, this.id));
  }

  get faultRng(): Rng {
    return (this.faultStream ??= createStream(this.w.s.seed, STREAM_KIND.faults, this.id));
  }

  /** Get an idle pooled connection (opening one if the pool allows), then call `use`. */
  acquire(use: (c: Connection) => void): void {
    for (const c of this.pool) {
      if (c.state === 'open' && c.alive && !c.busy) {
        c.busy = true;
        use(c);
        return;
      }
    }
    if (this.pool.length < MAX_CONNECTIONS_PER_HOST) {
      const c = new Connection(this.w, this);
      c.busy = true;
      this.pool.push(c);
      c.open(() => use(c));
      return;
    }
    this.waiting.push(use);
  }

  /** The exchange on `c` is over: hand it to a waiting request or leave it idle (keep-alive). */
  release(c: Connection): void {
    c.busy = false;
    c.onDown = null;
    c.onCut = null;
    if (!c.alive) return;
    const next = this.waiting.shift();
    if (next) {
      c.busy = true;
      next(c);
    }
  }

  /** A connection outside the pool (the upgraded WebSocket). */
  dedicated(onOpen: (c: Connection) => void): Connection {
    const c = new Connection(this.w, this);
    c.open(() => onOpen(c));
    return c;
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

  /** Drop a dead connection from the pool; a waiting request may open a new one. */
  forget(c: Connection): void {
    const i = this.pool.indexOf(c);
    if (i < 0) return;
    this.pool.splice(i, 1);
    const next = this.waiting.shift();
    if (next) this.acquire(next);
  }

  /** Start generating upstream messages (Poisson, client.sendRateHz) from time 0; `onMessage` sends them. */
  startUpstream(onMessage: () => void): void {
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
      this.upstream.push({ seq: this.upSeq++, generatedAt: k.now, sent: false });
      this.w.metrics.upGenerated++;
      onMessage();
      schedule(k.now);
    };
    schedule(0);
  }

  /** An upstream message reached the server. */
  upstreamDelivered(m: UpstreamMessage): void {
    this.upstream.remove(m);
    this.w.metrics.upDelivered++;
    this.w.metrics.upLatency.add(this.w.kernel.now - m.generatedAt);
  }
}
