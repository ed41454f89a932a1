// The TCP paths of a run and the access links they share, as typed arrays
// of records (a path's numbers side by side, so that a send reads one cache
// line: when clients share the server, each event touches a path nobody
// touched for a second), a path or a link an index into them.
// A path is one direction of one TCP connection, reduced to what changes
// delivery times: segmentation into MSS-sized segments, serialization on
// the client's link, propagation delay plus jitter, loss repaired by
// retransmission after a timeout, and in-order delivery (a late segment
// holds back everything behind it: head-of-line blocking), and the
// congestion window: slow start from an initial window (RFC 6928: 10
// segments), doubling each round trip while the window is filled, halved on
// a loss, and reset after an idle period longer than the RTO (RFC 5681 §4.1;
// Linux's tcp_slow_start_after_idle, on by default). A link is one direction
// of a client's access link: a FIFO transmitter of a fixed rate that every
// connection of the client shares, so a big response delays whatever is
// queued behind it (serialization and queueing delay). See docs/model.md for
// what is left out.
//
// Clients that share the server's cores are all alive at once: their
// connections' paths are freed when the connection's life ends (`close`)
// and their slots reused, so the table holds the connections alive, not
// every one ever made. Links live as long as the run (one pair per client);
// a run of independent clients starts the table afresh for each (`reset`).

import type { Micros } from '../kernel/time';
import type { Rng } from '../random/streams';

/** Ethernet MTU 1500 - 20 (IPv4) - 20 (TCP) bytes. */
export const MSS = 1460;
/** IPv4 + TCP headers without options (RFC 791, RFC 9293). */
export const TCP_IP_HEADER_BYTES = 40;
/** Linux's TCP_RTO_MIN: the floor of the retransmission timeout. */
export const RTO_MIN_US = 200_000;
/** RTO before any RTT measurement (RFC 6298 §2.1): what a lost SYN waits. */
export const INITIAL_RTO_US = 1_000_000;
/** Give up doubling after this many consecutive losses of one segment (RFC 6298 §5.5 backoff). */
export const MAX_BACKOFF = 6;

export interface PathParams {
  latencyUs: Micros;
  jitterUs: Micros;
  lossRate: number;
  /** Retransmission timeout: RFC 6298 with a settled RTT estimate, ~ RTT + max(RTO_MIN, 4·rttvar). */
  rtoUs: Micros;
  /** Initial congestion window in segments; 0 = no window (the link rate is the only limit). */
  initialCwnd: number;
}

/** A receive window large enough never to bind before the link does (Linux autotuning reaches MBs). */
export const MAX_CWND = 4096;

/** Segments needed for `bytes` of application data (a bare control segment when 0). */
export function segmentCount(bytes: number): number {
  return bytes <= 0 ? 1 : Math.ceil(bytes / MSS);
}

/** Pure ACKs the receiver sends back: one per two full segments (delayed ACK, RFC 9293 §3.8.6.3), at least one. */
export function ackCount(segments: number): number {
  return Math.ceil(segments / 2);
}

/** A link's numbers (Paths' `links`): busy until, µs per byte. */
const LINK = 2;
/** A path's numbers (Paths' `f`), at these offsets in its record: 8 of them, 64 bytes, one cache line when the buffer starts on one (V8 promises no alignment). */
const PATH = 8;
const P_LINK = 0;
const P_LAST_ARRIVAL = 1;
const P_CWND = 2;
const P_ROUND_START = 3;
const P_IN_ROUND = 4;
const P_LAST_SENT = 5;

/** The same numbers in an array twice as long. */
function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}

export class Paths {
  /**
   * Per link, two numbers side by side (LINK fields): when its transmitter
   * is next free (µs), and its serialization time per byte (µs: 8000 /
   * kbit/s).
   */
  private links = new Float64Array(2 * LINK);
  private linkCount = 0;
  /**
   * Per path, one record of PATH numbers side by side, so that a send reads
   * one or two cache lines, not a line per field (clients that share the
   * server are all alive at once, and each event touches a path nobody
   * touched for a second): its link; the arrival time of the last byte
   * delivered so far (TCP delivers in order); the congestion window
   * (segments), the start of the current round trip and the segments sent
   * in it; when its last segment left (for the idle restart). A freed slot
   * has no stream, and its link field holds the next free slot (-1: none).
   */
  private f = new Float64Array(16 * PATH);
  private readonly rngOf: (Rng | null)[] = [];
  private used = 0;
  private free = -1;
  /** Paths in use. */
  size = 0;
  /**
   * What the last `send` put on the wire, read right after it (fields, not a
   * result object: a send is made for every packet, and allocates nothing;
   * its arrival is `drainedAt`): its segments; its application bytes + a
   * TCP/IP header per segment, retransmissions included; its retransmissions.
   */
  segments = 0;
  wireBytes = 0;
  retransmissions = 0;

  constructor(private readonly p: PathParams) {}

  /** A new link of `rateKbps`, idle. */
  link(rateKbps: number): number {
    const l = this.linkCount++;
    if (LINK * this.linkCount > this.links.length) this.links = grown(this.links);
    this.links[LINK * l] = 0;
    this.links[LINK * l + 1] = 8000 / rateKbps;
    return l;
  }

  /** Put `wireBytes` on link `l` no earlier than `now`; returns when its last bit has left. */
  transmit(l: number, now: Micros, wireBytes: number): Micros {
    const links = this.links;
    const busy = links[LINK * l];
    const start = now > busy ? now : busy;
    return (links[LINK * l] = start + Math.round(wireBytes * links[LINK * l + 1]));
  }

  /** A new path on link `l`, drawing its jitter and losses from `rng`: nothing sent yet, the initial window. */
  open(l: number, rng: Rng): number {
    let s = this.free;
    if (s >= 0) this.free = this.f[PATH * s + P_LINK];
    else {
      s = this.used++;
      if (PATH * this.used > this.f.length) this.f = grown(this.f);
    }
    const f = this.f;
    const at = PATH * s;
    f[at + P_LINK] = l;
    f[at + P_LAST_ARRIVAL] = 0;
    f[at + P_CWND] = this.p.initialCwnd;
    f[at + P_ROUND_START] = -Infinity;
    f[at + P_IN_ROUND] = 0;
    f[at + P_LAST_SENT] = -Infinity;
    this.rngOf[s] = rng;
    this.size++;
    return s;
  }

  /** Path s is done with (its connection's life has ended): its slot is reused. */
  close(s: number): void {
    this.rngOf[s] = null;
    this.f[PATH * s + P_LINK] = this.free;
    this.free = s;
    this.size--;
  }

  /** No paths and no links any more (a run of independent clients starts each afresh). */
  reset(): void {
    this.rngOf.length = this.used = this.linkCount = 0;
    this.free = -1;
    this.size = 0;
  }

  /** Earliest time a byte sent now on path s could follow everything already sent (for FIN ordering), and the last send's arrival. */
  drainedAt(s: number): Micros {
    return this.f[PATH * s + P_LAST_ARRIVAL];
  }

  /**
   * Send `bytes` of application data (0 = a control segment like SYN) on
   * path s starting at `now`; returns when its last byte reaches the peer
   * (the fields above say what it cost). The path's state is read into
   * locals once and written back at the end: a write of a large body is a
   * thousand segments.
   */
  send(s: number, now: Micros, bytes: number, rtoOverride?: Micros): Micros {
    // A connection that sends after its life ended would write into another's slot: say so at once.
    const rng = this.rngOf[s];
    if (!rng) throw new Error(`tcp: path ${s} is not open`);
    const f = this.f;
    const at = PATH * s;
    const l = f[at + P_LINK];
    let cwnd = f[at + P_CWND];
    let roundStart = f[at + P_ROUND_START];
    let inRound = f[at + P_IN_ROUND];
    let lastSent = f[at + P_LAST_SENT];
    const n = segmentCount(bytes);
    let wire = 0;
    let retrans = 0;
    let arrive = f[at + P_LAST_ARRIVAL];
    let left = bytes;
    const { latencyUs, jitterUs, lossRate, initialCwnd: iw } = this.p;
    const rtoUs = rtoOverride ?? this.p.rtoUs;
    const rtt = 2 * latencyUs;
    for (let i = 0; i < n; i++) {
      const seg = (left > MSS ? MSS : left > 0 ? left : 0) + TCP_IP_HEADER_BYTES;
      left -= MSS;
      // The congestion window: at most `cwnd` segments per round trip; a full window waits for the round's ACKs (one RTT after it began).
      let t = now;
      if (iw > 0) {
        if (t >= roundStart + rtt) {
          // The previous round's ACKs are back: it grew the window if it filled it.
          if (inRound >= cwnd) cwnd = Math.min(2 * cwnd, MAX_CWND);
          // Idle for longer than the RTO: restart from the initial window.
          if (t - lastSent > this.p.rtoUs && cwnd > iw) cwnd = iw;
          roundStart = t;
          inRound = 0;
        } else if (inRound >= cwnd) {
          t = roundStart + rtt;
          cwnd = Math.min(2 * cwnd, MAX_CWND);
          roundStart = t;
          inRound = 0;
        }
        inRound++;
      }
      lastSent = this.transmit(l, t, seg);
      t = lastSent + latencyUs;
      if (jitterUs > 0) t += Math.round(rng.uniform() * jitterUs);
      wire += seg;
      if (lossRate > 0) {
        // Each transmission of the segment is lost with probability lossRate;
        // the sender waits RTO, 2·RTO, 4·RTO... (exponential backoff).
        let backoff = 0;
        while (rng.uniform() < lossRate) {
          t += rtoUs * 2 ** Math.min(backoff, MAX_BACKOFF);
          backoff++;
          retrans++;
          wire += seg;
        }
        // Multiplicative decrease after a loss (RFC 5681 §3.1).
        if (backoff > 0 && iw > 0) cwnd = Math.max(2, Math.floor(cwnd / 2));
      }
      if (t > arrive) arrive = t;
    }
    f[at + P_CWND] = cwnd;
    f[at + P_ROUND_START] = roundStart;
    f[at + P_IN_ROUND] = inRound;
    f[at + P_LAST_SENT] = lastSent;
    f[at + P_LAST_ARRIVAL] = arrive;
    this.segments = n;
    this.wireBytes = wire;
    this.retransmissions = retrans;
    return arrive;
  }
}
