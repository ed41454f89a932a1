// One direction of one TCP connection, reduced to what changes delivery
// times: segmentation into MSS-sized segments, serialization on the client's
// link, propagation delay plus jitter, loss repaired by retransmission after a
// timeout, and in-order delivery (a late segment holds back everything behind
// it: head-of-line blocking), and the congestion window: slow start from an
// initial window (RFC 6928: 10 segments), doubling each round trip while the
// window is filled, halved on a loss, and reset after an idle period longer
// than the RTO (RFC 5681 §4.1; Linux's tcp_slow_start_after_idle, on by
// default). See docs/model.md for what is left out.

import type { Micros } from '../kernel/time';
import type { Rng } from '../random/streams';
import type { Link } from './link';

/** Ethernet MTU 1500 - 20 (IPv4) - 20 (TCP) bytes. */
export const MSS = 1460;
/** IPv4 + TCP headers without options (RFC 791, RFC 9293). */
export const TCP_IP_HEADER_BYTES = 40;
/** Linux's TCP_RTO_MIN: the floor of the retransmission timeout. */
export const RTO_MIN_US = 200_000;
/** RTO before any RTT measurement (RFC 6298 §2.1): what a lost SYN waits. */
export const INITIAL_RTO_US = 1_000_000;
/** Give up doubling after this many consecutive losses of one segment (RFC 6298 §5.5 backoff). */
const MAX_BACKOFF = 6;

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

export class TcpPath {
  /** Arrival time of the last byte delivered so far: TCP delivers in order. */
  private lastArrival: Micros = 0;
  /** Congestion window (segments), the start of the current round trip and segments sent in it. */
  private cwnd: number;
  private roundStart: Micros = -Infinity;
  private inRound = 0;
  /** When the last segment left (for the idle restart). */
  private lastSent: Micros = -Infinity;
  /**
   * What the last `send` put on the wire, read right after it (fields, not a
   * result object: a send is made for every packet, and allocates nothing;
   * its arrival is `drainedAt`).
   * Its segments; its application bytes + a TCP/IP header per segment,
   * retransmissions included; its retransmissions.
   */
  segments = 0;
  wireBytes = 0;
  retransmissions = 0;

  constructor(
    private readonly link: Link,
    private readonly rng: Rng,
    private readonly p: PathParams,
  ) {
    this.cwnd = p.initialCwnd;
  }

  /**
   * Earliest departure of the next segment allowed by the congestion window:
   * at most `cwnd` segments per round trip; a full window waits for the
   * round's ACKs (one RTT after it began).
   */
  private windowGate(now: Micros): Micros {
    const iw = this.p.initialCwnd;
    if (iw <= 0) return now;
    const rtt = 2 * this.p.latencyUs;
    let t = now;
    if (t >= this.roundStart + rtt) {
      // The previous round's ACKs are back: it grew the window if it filled it.
      if (this.inRound >= this.cwnd) this.cwnd = Math.min(2 * this.cwnd, MAX_CWND);
      // Idle for longer than the RTO: restart from the initial window.
      if (t - this.lastSent > this.p.rtoUs && this.cwnd > iw) this.cwnd = iw;
      this.roundStart = t;
      this.inRound = 0;
    } else if (this.inRound >= this.cwnd) {
      t = this.roundStart + rtt;
      this.cwnd = Math.min(2 * this.cwnd, MAX_CWND);
      this.roundStart = t;
      this.inRound = 0;
    }
    this.inRound++;
    return t;
  }

  /**
   * Send `bytes` of application data (0 = a control segment like SYN)
   * starting at `now`; returns when its last byte reaches the peer (the
   * fields above say what it cost).
   */
  send(now: Micros, bytes: number, rtoOverride?: Micros): Micros {
    const n = segmentCount(bytes);
    let wire = 0;
    let retrans = 0;
    let arrive = this.lastArrival;
    let left = bytes;
    const { latencyUs, jitterUs, lossRate } = this.p;
    const rtoUs = rtoOverride ?? this.p.rtoUs;
    for (let i = 0; i < n; i++) {
      const seg = (left > MSS ? MSS : left > 0 ? left : 0) + TCP_IP_HEADER_BYTES;
      left -= MSS;
      const left0 = this.link.transmit(this.windowGate(now), seg);
      this.lastSent = left0;
      let t = left0 + latencyUs;
      if (jitterUs > 0) t += Math.round(this.rng.uniform() * jitterUs);
      wire += seg;
      if (lossRate > 0) {
        // Each transmission of the segment is lost with probability lossRate;
        // the sender waits RTO, 2·RTO, 4·RTO... (exponential backoff).
        let backoff = 0;
        while (this.rng.uniform() < lossRate) {
          t += rtoUs * 2 ** Math.min(backoff, MAX_BACKOFF);
          backoff++;
          retrans++;
          wire += seg;
        }
        // Multiplicative decrease after a loss (RFC 5681 §3.1).
        if (backoff > 0 && this.p.initialCwnd > 0) this.cwnd = Math.max(2, Math.floor(this.cwnd / 2));
      }
      if (t > arrive) arrive = t;
    }
    this.lastArrival = arrive;
    this.segments = n;
    this.wireBytes = wire;
    this.retransmissions = retrans;
    return arrive;
  }

  /** Earliest time a byte sent now could follow everything already sent (for FIN ordering). */
  get drainedAt(): Micros {
    return this.lastArrival;
  }
}
