// One direction of one TCP connection, reduced to what changes delivery
// times: segmentation into MSS-sized segments, serialization on the client's
// link, propagation delay plus jitter, loss repaired by retransmission after a
// timeout, and in-order delivery (a late segment holds back everything behind
// it: head-of-line blocking). See docs/network-model.md for what is left out.

import type { Micros } from '../kernel/time';
import type { Rng } from '../random/streams';
import type { Link } from './link';

/** Ethernet MTU 1500 - 20 (IPv4) - 20 (TCP) bytes. */
export const MSS = 1460;
/** IPv4 + TCP headers without options (RFC 791, RFC 9293). */
export const TCP_IP_HEADER_BYTES = 40;
/** Linux's TCP_RTO_MIN: the floor of the retransmission timeout. */
export const RTO_MIN_US = 200_000;
/** Give up doubling after this many consecutive losses of one segment (RFC 6298 §5.5 backoff). */
const MAX_BACKOFF = 6;

export interface PathParams {
  latencyUs: Micros;
  jitterUs: Micros;
  lossRate: number;
  /** Retransmission timeout: RFC 6298 with a settled RTT estimate, ~ RTT + max(RTO_MIN, 4·rttvar). */
  rtoUs: Micros;
}

export interface Delivery {
  /** Last byte received by the peer. */
  arriveAt: Micros;
  segments: number;
  /** Application bytes + a TCP/IP header per segment, retransmissions included. */
  wireBytes: number;
  retransmissions: number;
}

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

  constructor(
    private readonly link: Link,
    private readonly rng: Rng,
    private readonly p: PathParams,
  ) {}

  /** Send `bytes` of application data (0 = a control segment like SYN) starting at `now`. */
  send(now: Micros, bytes: number): Delivery {
    const n = segmentCount(bytes);
    let wire = 0;
    let retrans = 0;
    let arrive = this.lastArrival;
    let left = bytes;
    const { latencyUs, jitterUs, lossRate, rtoUs } = this.p;
    for (let i = 0; i < n; i++) {
      const seg = (left > MSS ? MSS : left > 0 ? left : 0) + TCP_IP_HEADER_BYTES;
      left -= MSS;
      let t = this.link.transmit(now, seg) + latencyUs;
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
      }
      if (t > arrive) arrive = t;
    }
    this.lastArrival = arrive;
    return { arriveAt: arrive, segments: n, wireBytes: wire, retransmissions: retrans };
  }

  /** Earliest time a byte sent now could follow everything already sent (for FIN ordering). */
  get drainedAt(): Micros {
    return this.lastArrival;
  }
}
