// One TCP connection between a client and the server, in both directions:
// the three-way handshake, packets with their byte accounting, in-order
// delivery through the network model, graceful close and faults (a cut by
// the network or an intermediary). Its life is the connection machine
// (src/sim/machines/connection.ts); sending data costs no machine step.
//
// An intermediary (proxy.idleTimeoutMs, proxy.lifetimeMs) sits at the
// server's end of the path: it sees a byte when the server sends it or when
// it arrives there, and cuts a connection idle for its timeout, or open for
// its lifetime, as a fault does (./client-host.ts `cutByProxy`). Its check is
// a network event, so at the same microsecond it comes before the server's
// timers: a long poll held exactly as long as the proxy's timeout is cut,
// since the proxy saw the request before the server did.
//
// A buffering intermediary (proxy.buffering) holds the body of an open SSE
// or streamed response (`holdBody`, set by the server's session once the
// head has gone: a proxy forwards the head at once) and forwards it in one
// write when its buffer fills, when the response ends, or before a cut
// (./proxy-buffer.ts, to which the connection lends `seen`, `forward`,
// `stamp` and `streamOf`).
//
// With TLS (tls.version) the handshake's flights follow TCP's before the
// connection is open for HTTP (src/sim/wire/tls.ts has their bytes); every
// write then goes in records, whose headers and tags are transport overhead
// (`wire`), like the TCP/IP headers.
//
// On HTTP/1.1 the connection is itself the channel of one exchange at a
// time (./channel.ts). On HTTP/2 (`h2`) exchanges are streams on it
// (src/sim/http2/stream.ts) that send through `sendOn`, framed by its session
// (src/sim/http2/session.ts); a cut reaches every stream.

import { PRIORITY } from '../kernel/order';
import type { Micros } from '../kernel/time';
import { connectionDef, type ConnectionEvent } from '../machines/connection';
import { INITIAL_RTO_US, TCP_IP_HEADER_BYTES, ackCount } from '../net/tcp';
import type { PacketKind, TracePacket } from '../types';
import { handshake, recordOverhead, type Handshake } from '../wire/tls';
import type { PacketSpec } from './encode';
import type { ClientHost, UpstreamMessage } from './client-host';
import type { World } from './world';
import { traceActor } from './trace-actor';
import type { BufferedConnection, Held, HeldBody } from './proxy-buffer';
import { part } from './parts';
import type { ArrivalHandler, Channel, Failable } from './channel';
import { http2, type Http2SessionPort, type Http2StreamPort } from './http2-support';
import type { Lanes } from './in-flight';
import type { KernelTarget } from '../kernel/kernel';

/** The connection machine's events, made once. */
const ESTABLISHED: ConnectionEvent = Object.freeze({ type: 'ESTABLISHED' });
const CLOSE: ConnectionEvent = Object.freeze({ type: 'CLOSE' });
const DROP: ConnectionEvent = Object.freeze({ type: 'DROP' });

/** The codes of a connection's kernel events (`fire`): a data packet arrives at the client, or at the server. */
const ARRIVES_DOWN = 0;
const ARRIVES_UP = 1;

/** TCP control segments, for the trace. */
const control = (label: string): PacketSpec => ({ kind: 'tcp', label: () => label, header: 0, framing: 0, payload: 0, text: () => label });
const SYN = control('SYN');
const SYN_ACK = control('SYN-ACK');
const FIN = control('FIN');
const FIN_ACK = control('FIN-ACK');
const RST = control('RST');
/** A TLS handshake flight, for the trace: its messages and version. */
const tlsFlight = (version: string, names: string, bytes: number): PacketSpec => {
  const text = `TLS ${version} handshake: ${names} (${bytes} B in records)`;
  return { kind: 'tls', label: () => names, header: 0, framing: 0, payload: 0, text: () => text };
};
type TlsVersionOn = Exclude<World['s']['tls']['version'], 'none'>;
type Flights = { h: Handshake; specs: PacketSpec[] };
/** A handshake and its flights' trace specs, by version and kind: constants, made once, not per connection. */
const HANDSHAKES: Record<string, Flights> = {};
const flightsOf = (version: TlsVersionOn, h: Handshake): Flights => ({ h, specs: h.flights.map((bytes, i) => tlsFlight(version, h.names[i], bytes)) });
const handshakeOf = (version: TlsVersionOn, resumed: boolean): Flights => (HANDSHAKES[version + resumed] ??= flightsOf(version, handshake(version, resumed)));

export class Connection implements Channel, KernelTarget, BufferedConnection, Lanes {
  readonly id: number;
  readonly connection = this;
  /** HTTP/2's state when this connection speaks it (null: HTTP/1.1). */
  readonly h2: Http2SessionPort | null;
  state: 'opening' | 'open' | 'closed' = 'opening';
  /** HTTP/1.1: one exchange at a time on a connection. */
  busy = false;
  /** When the server side was cut (Infinity while alive). */
  cutAt: Micros = Infinity;
  /** HTTP/1.1: the exchange's handlers (./channel.ts); on HTTP/2 each stream has its own. */
  listener: Channel['listener'] = null;
  /** When the intermediary last saw a byte of this connection, either way (µs). */
  private seenAt = 0;
  /** When the intermediary last saw a byte from the server (µs; -1: none yet): proxy.firstByteTimeoutMs. */
  private seenDownAt = -1;
  /** TLS handshake bytes that ride with this side's first write: the client's Finished, the server's tickets. */
  private tlsPendingUp = 0;
  private tlsPendingDown = 0;
  /** TLS's bytes in the last write (`transfer`, `control`), for its trace record. */
  private lastTls = 0;
  /** A buffering intermediary holds what the server writes downstream (an open SSE or streamed response's body). */
  holdBody = false;
  held: HeldBody | null = null;
  /** What the exchange waiting for this connection does if it never opens (refused, or cut while opening). */
  private onFail: Failable | null = null;
  /** Its TCP paths, each way: slots in the run's table (../net/tcp.ts); -1 once its life has ended. */
  private up: number;
  private down: number;
  /** The client's close (FIN) still has its FIN-ACK to send: the paths are needed until then. */
  private finPending = false;
  /** The data packets on their way, each direction: where they wait in the run's table (./in-flight.ts `Lanes`). */
  upHead = -1;
  upTail = -1;
  downHead = -1;
  downTail = -1;
  private readonly actor;

  constructor(
    readonly w: World,
    readonly host: ClientHost,
    http2Connection = false,
  ) {
    this.id = host.nextConnId++;
    this.h2 = http2Connection ? http2().session(w, this) : null;
    this.up = w.paths.open(host.uplink, host.upRng);
    this.down = w.paths.open(host.downlink, host.downRng);
    this.actor = w.spawn(connectionDef, undefined);
    host.live?.push(this);
    host.holding?.push(this);
    traceActor(w, this.actor, host.id, 'connection', this.id);
  }

  /**
   * SYN, SYN-ACK; the client's ACK goes with its first data. Calls back
   * when open at the client, or `onFail` when the client learns that it
   * never will be (the server refused it, or it was cut while opening).
   */
  open(onOpen: () => void, onFail: Failable): void {
    const { w } = this;
    this.onFail = onFail;
    w.metrics.connectionOpened(w.kernel.now);
    if (w.proxyIdleUs > 0 || w.proxyLifetimeUs > 0) this.watchByProxy();
    this.control('up', SYN, 0, () => {
      // Cut, or closed by the client (its tab closed), while the SYN was on its way: nothing answers.
      if (!this.alive) return;
      if (w.serverDown(w.kernel.now)) {
        this.refuse();
        return;
      }
      // The server accepts it (CPU: ./server-cpu.ts), then answers.
      w.cpu.run(w.cpu.costs.connection, this.host, () => this.synAck(onOpen));
    });
  }

  /** The server's SYN-ACK; at the client, the handshake's last ACK, then TLS or the open connection. */
  private synAck(onOpen: () => void): void {
    const { w } = this;
    if (!this.alive) return;
    this.control('down', SYN_ACK, 0, () => {
      if (this.state !== 'opening') return;
      w.metrics.wire('up', TCP_IP_HEADER_BYTES); // the handshake's final ACK
      if (w.s.tls.version === 'none') this.established(onOpen);
      else this.tlsFlights(handshakeOf(w.s.tls.version, this.host.tlsSession), 0, onOpen);
    });
  }

  /** Flight i of the TLS handshake, then the next; after the last, the connection is open. */
  private tlsFlights(hs: Flights, i: number, onOpen: () => void): void {
    const { h } = hs;
    if (i === h.flights.length) {
      this.host.tlsSession = true;
      this.tlsPendingUp = h.trailing;
      this.tlsPendingDown = h.after;
      this.established(onOpen);
      return;
    }
    const { w } = this;
    const send = () => {
      // Cut while the server's CPU worked on its flight (a proxy's lifetime, a restart): its socket is gone, nothing goes out.
      if (!this.alive) return;
      this.control(i % 2 === 0 ? 'up' : 'down', hs.specs[i], h.flights[i], () => {
        if (this.cutAt === Infinity && this.state === 'opening') this.tlsFlights(hs, i + 1, onOpen);
      });
    };
    // The server's first flight follows its key exchange and signature (CPU; a resumed session's costs a tenth).
    if (i === 1) w.cpu.run(this.host.tlsSession ? w.cpu.costs.resumed : w.cpu.costs.handshake, this.host, send);
    else send();
  }

  private established(onOpen: () => void): void {
    this.state = 'open';
    this.onFail = null;
    this.actor.send(ESTABLISHED);
    onOpen();
  }

  /** The intermediary's timers: one check per idle timeout (re-armed from the last byte seen), one at the lifetime's end. */
  private watchByProxy(): void {
    const { w } = this;
    const k = w.kernel;
    this.seenAt = k.now;
    if (w.proxyIdleUs > 0) {
      const check = () => {
        if (!this.alive) return;
        const due = this.seenAt + w.proxyIdleUs;
        if (due > k.now) k.at(due, PRIORITY.network, check);
        else this.host.cutByProxy(this);
      };
      k.at(k.now + w.proxyIdleUs, PRIORITY.network, check);
    }
    if (w.proxyLifetimeUs > 0) {
      k.at(k.now + w.proxyLifetimeUs, PRIORITY.network, () => {
        if (this.alive) this.host.cutByProxy(this);
      });
    }
  }

  /**
   * The intermediary (proxy.firstByteTimeoutMs) waits for the first byte of
   * the answer to a request it passed at `at`; none by the deadline: it cuts
   * the connection, as Heroku's router does (H12). On HTTP/2 any byte of the
   * connection counts, not only the stream's.
   */
  private awaitFirstByte(at: Micros): void {
    const k = this.w.kernel;
    k.at(at + this.w.proxyFirstByteUs, PRIORITY.network, () => {
      if (this.alive && this.seenDownAt < at) this.host.cutByProxy(this);
    });
  }

  /** The intermediary at the server's end sees a packet: downstream as it is sent, upstream when it arrives. */
  seen(dir: 'up' | 'down', now: Micros, arriveAt: Micros): void {
    if (dir === 'down') this.seenDownAt = now;
    const t = dir === 'down' ? now : arriveAt;
    if (t > this.seenAt) this.seenAt = t;
  }

  /** A packet of the connection's set-up (TCP's, TLS's): transport overhead only. */
  private control(dir: 'up' | 'down', spec: PacketSpec, bytes: number, onArrive: () => void): void {
    const { w } = this;
    const now = w.kernel.now;
    // No RTT measured yet on a new connection: a lost SYN or SYN-ACK waits
    // the initial RTO of 1 s (RFC 6298 §2.1; Linux TCP_TIMEOUT_INIT).
    const d = dir === 'up' ? this.up : this.down;
    const paths = w.paths;
    const at = paths.send(d, now, bytes, INITIAL_RTO_US);
    this.radioHears(dir, at);
    this.seen(dir, now, at);
    w.metrics.wire(dir, paths.wireBytes);
    if (bytes > 0) w.metrics.wire(dir === 'up' ? 'down' : 'up', ackCount(paths.segments) * TCP_IP_HEADER_BYTES);
    const rec = w.tracer.packet(this.host.id, this.id, dir, spec, 0, 0, now);
    this.lastTls = spec.kind === 'tls' ? bytes : 0;
    this.stamp(rec, at);
    w.kernel.at(at, PRIORITY.network, onArrive);
  }

  /**
   * A traced packet's arrival (`at`) and wire bytes, from the paths' last
   * send (./in-flight.ts and the kernel carry the packet itself). A write
   * that forwards several held packets gives its wire bytes once, with the
   * last (`carriesWire`).
   */
  stamp(rec: TracePacket | null, at: Micros, carriesWire = true): void {
    if (!rec) return;
    const paths = this.w.paths;
    rec.arriveMs = at / 1000;
    rec.wire = carriesWire ? paths.wireBytes : 0;
    rec.tls = carriesWire ? this.lastTls : 0;
    rec.retransmitted = paths.retransmissions > 0;
  }

  send(dir: 'up' | 'down', p: PacketSpec, first = 0, count = 0, onArrive?: ArrivalHandler, onLost?: ArrivalHandler, msg: UpstreamMessage | null = null): void {
    this.sendOn(this, dir, p, first, count, onArrive, onLost, msg);
  }

  /** Send a packet of channel `ch` (this connection, or one of its HTTP/2 streams): ./channel.ts `send`. */
  sendOn(ch: Channel, dir: 'up' | 'down', p: PacketSpec, first: number, count: number, onArrive?: ArrivalHandler, onLost?: ArrivalHandler, msg: UpstreamMessage | null = null): void {
    const { w } = this;
    const now = w.kernel.now;
    let header = p.header;
    let framing = p.framing;
    let spec = p;
    if (this.h2) {
      spec = this.h2.frame(dir, p, ch as Http2StreamPort, now / 1000, w.tracer.traces(this.host.id));
      header = this.h2.header;
      framing = this.h2.framing;
    }
    if (dir === 'down' && ch.holdBody && w.s.proxy.buffering > 0) {
      part('buffering').hold(this, ch, spec, header, framing, first, count);
      return;
    }
    const at = this.transfer(dir, header + framing + p.payload);
    const paths = w.paths;
    this.seen(dir, now, at);
    if (dir === 'up' && w.proxyFirstByteUs > 0 && (p.kind === 'request' || p.kind === 'handshake')) this.awaitFirstByte(at);
    w.metrics.sent(dir, now, header, framing, p.payload, paths.wireBytes);
    w.metrics.wire(dir === 'up' ? 'down' : 'up', ackCount(paths.segments) * TCP_IP_HEADER_BYTES);
    const rec = w.tracer.packet(this.host.id, this.id, dir, spec, first, count, now, this.streamOf(ch));
    this.stamp(rec, at);
    if (dir === 'down') {
      w.metrics.inFlight += count;
      w.inFlight.push(this, 'down', at, ch, p.kind, first, count, null, undefined, undefined, null);
      w.kernel.post(at, PRIORITY.network, this, ARRIVES_DOWN);
    } else {
      w.inFlight.push(this, 'up', at, ch, p.kind, first, count, rec, onArrive, onLost, msg);
      w.kernel.post(at, PRIORITY.network, this, ARRIVES_UP);
    }
  }

  /** A data packet's arrival (kernel event, `code` its direction): downstream its updates are delivered; upstream the server has it, unless it was cut by then. */
  fire(code: number): void {
    const now = this.w.kernel.now;
    const f = this.w.inFlight;
    if (code === ARRIVES_DOWN) {
      f.take(this, 'down', now);
      this.deliver(f.channel!, f.kind!, f.first, f.count);
      return;
    }
    f.take(this, 'up', now);
    const ch = f.channel!;
    if (now >= this.cutAt) {
      if (f.rec) f.rec.arriveMs = null;
      f.onLost?.(ch, f.msg);
    } else f.onArrive?.(ch, f.msg);
  }

  /** An arrival that will not come (the client left: the kernel drops its events): the packet leaves the table. */
  drop(code: number): void {
    this.w.inFlight.discard(this, code === ARRIVES_DOWN ? 'down' : 'up');
  }

  /** The HTTP/2 stream of a channel, for the trace (null on HTTP/1.1). */
  streamOf(ch: Channel): number | null {
    return this.h2 ? (ch as Http2StreamPort).streamId : null;
  }

  /** A downstream packet of `ch` arrived at the client: its updates are delivered, then the channel hears of it. */
  private deliver(ch: Channel, kind: PacketKind, first: number, count: number): void {
    const { w } = this;
    // The page sees the updates when its handler has run (client.processingMs); one handled after the run's end is still in flight.
    // The client's machine hears of the packet on arrival: the browser's network stack does not wait for the page.
    if (w.handlingUs > 0 && count > 0) {
      const seen = this.host.handled(w.kernel.now);
      this.host.pageBusyUntil = seen;
      if (seen < w.durationUs) for (let i = first; i < first + count; i++) w.metrics.deliver(seen, w.feed[i]);
    } else for (let i = first; i < first + count; i++) w.metrics.deliver(w.kernel.now, w.feed[i]);
    ch.listener?.down(ch, kind, first, count);
  }

  /**
   * `app` bytes onto TCP in one write: with TLS's records, and the handshake
   * bytes that ride with this side's first. Returns when it arrives; the
   * paths' fields say what it cost.
   */
  private transfer(dir: 'up' | 'down', app: number): Micros {
    let tls = recordOverhead(this.w.s.tls.version, app);
    if (dir === 'up') {
      tls += this.tlsPendingUp;
      this.tlsPendingUp = 0;
    } else {
      tls += this.tlsPendingDown;
      this.tlsPendingDown = 0;
    }
    this.lastTls = tls;
    const at = this.w.paths.send(dir === 'up' ? this.up : this.down, this.w.kernel.now, app + tls);
    this.radioHears(dir, at);
    return at;
  }

  /** The phone's radio (network.radio) is busy when it sends a packet and when its ACKs come back, and when a packet arrives (`at`). */
  private radioHears(dir: 'up' | 'down', at: Micros): void {
    const r = this.host.radio;
    if (!r) return;
    if (dir === 'down') r.saw(at);
    else {
      r.saw(this.w.kernel.now);
      r.saw(at + this.w.latencyUs);
    }
  }

  flushHeld(): void {
    this.flushOn(this);
  }

  /** What a buffering intermediary held of `ch` goes out in one write; each packet's updates are delivered when it arrives. */
  forward(ch: Channel, { specs, firsts, counts, bytes }: Held): Micros {
    const { w } = this;
    const at = this.transfer('down', bytes);
    w.metrics.wire('up', ackCount(w.paths.segments) * TCP_IP_HEADER_BYTES);
    w.metrics.wire('down', w.paths.wireBytes);
    w.kernel.at(at, PRIORITY.network, () => {
      for (let k = 0; k < specs.length; k++) this.deliver(ch, specs[k].kind, firsts[k], counts[k]);
    });
    return at;
  }

  /** Forward everything the buffering intermediary holds of `ch` (./proxy-buffer.ts). */
  flushOn(ch: Channel): void {
    if (ch.held) part('buffering').flush(this, ch);
  }

  /**
   * The client closes the connection (the page gives up on a WebSocket's
   * handshake): its FIN, the server's FIN-ACK, its last ACK, traced as TCP
   * packets. With TLS each end would first send a close_notify alert; a
   * handshake given up before its answer is dropped without one here.
   */
  close(): void {
    const { w } = this;
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.host.gone(this);
    if (this.cutAt === Infinity) w.metrics.connectionClosed(w.kernel.now);
    this.actor.send(CLOSE);
    this.finPending = true;
    this.control('up', FIN, 0, () => {
      this.control('down', FIN_ACK, 0, () => w.metrics.wire('up', TCP_IP_HEADER_BYTES));
      this.finPending = false;
      this.ended();
    });
  }

  /**
   * A fault: the server side is cut now (a proxy or load balancer closing
   * it). What the server had already sent still arrives; the client learns
   * of the cut one latency later, after that data (TCP keeps order).
   */
  cut(): void {
    const { w } = this;
    if (this.cutAt !== Infinity || this.state === 'closed') return;
    // What an intermediary holds goes out before the FIN, like everything the server sent.
    this.flushOn(this);
    if (this.h2) for (const st of this.h2.streams) this.flushOn(st);
    this.cutAt = w.kernel.now;
    this.host.gone(this);
    w.metrics.connectionClosed(w.kernel.now);
    w.metrics.wire('down', TCP_IP_HEADER_BYTES); // the FIN (or RST) the client receives
    const noticeAt = Math.max(w.kernel.now + w.latencyUs, w.paths.drainedAt(this.down));
    this.host.radio?.saw(noticeAt);
    w.kernel.at(noticeAt, PRIORITY.network, () => {
      if (this.state === 'opening') {
        this.failed();
        return;
      }
      this.state = 'closed';
      this.ended();
      this.actor.send(DROP);
      this.host.forget(this);
      if (this.h2) for (const st of this.h2.closeAll()) st.listener?.cut(st);
      else this.listener?.cut(this);
    });
  }

  /**
   * The server is down (faults.serverDownMs): nothing listens on its port,
   * so its kernel answers the SYN with a reset, and the client's attempt
   * fails when that arrives (Chromium's ERR_CONNECTION_REFUSED).
   */
  private refuse(): void {
    const { w } = this;
    this.cutAt = w.kernel.now;
    this.host.gone(this);
    w.metrics.connectionClosed(w.kernel.now);
    this.control('down', RST, 0, () => this.failed());
  }

  /** The client learns that this connection never opened: it is closed, and the exchange waiting for it fails. */
  private failed(): void {
    this.state = 'closed';
    this.ended();
    this.actor.send(DROP);
    // The waiting exchange fails first, then the pool lets the connection go: on HTTP/2 those
    // waiting for this connection fail with it, rather than move to the next one.
    const fail = this.onFail;
    this.onFail = null;
    fail?.failed();
    this.host.forget(this);
  }

  /**
   * The client is done with it (closed by either end, or it never opened),
   * and its own close has sent its last segment: nothing sends on it any
   * more, so its paths go back to the run's table.
   */
  private ended(): void {
    if (this.state === 'closed' && !this.finPending) this.freePaths();
  }

  /** Let go of both paths: when its life has ended, or at once when its client leaves (nothing it scheduled will run). */
  freePaths(): void {
    if (this.up < 0) return;
    this.w.paths.close(this.up);
    this.w.paths.close(this.down);
    this.up = this.down = -1;
    this.host.released(this);
  }

  get alive(): boolean {
    return this.cutAt === Infinity && this.state !== 'closed';
  }
}
