// One direction of many TCP connections as a struct of arrays (index = the
// connection), and the client links they share as one busy-until array
// (index = the client). The same arithmetic as src/sim/net/tcp.ts and
// link.ts without loss and jitter (the reference refuses those): MSS
// segments, FIFO serialization on the client's link, propagation delay,
// in-order delivery, and the congestion window (initial window, doubling per
// filled round trip, restart after an idle RTO).

/** Ethernet MTU 1500 - 20 (IPv4) - 20 (TCP). */
export const MSS = 1460;
/** IPv4 + TCP headers per segment. */
export const TCP_IP = 40;
/** Linux's TCP_RTO_MIN: the RTO is RTT + 200 ms without jitter (docs/model.md). */
export const RTO_MIN_US = 200_000;
/** The window never grows past this (the project's receive-window stand-in). */
const MAX_CWND = 4096;

export const segmentCount = (bytes: number): number => (bytes <= 0 ? 1 : Math.ceil(bytes / MSS));
/** Delayed ACK: one pure ACK per two segments, at least one. */
export const ackCount = (segments: number): number => Math.ceil(segments / 2);

export class TcpPaths {
  /** Arrival of the last byte delivered so far (TCP keeps order). */
  readonly lastArrival: Float64Array;
  readonly cwnd: Int32Array;
  readonly roundStart: Float64Array;
  readonly inRound: Int32Array;
  readonly lastSent: Float64Array;
  private readonly rttUs: number;
  private readonly rtoUs: number;

  constructor(
    n: number,
    private readonly latencyUs: number,
    private readonly initialCwnd: number,
    /** µs per byte on the link: 8000 / kbit/s, the same double as the project. */
    private readonly usPerByte: number,
  ) {
    this.lastArrival = new Float64Array(n);
    this.cwnd = new Int32Array(n).fill(initialCwnd);
    this.roundStart = new Float64Array(n).fill(-Infinity);
    this.inRound = new Int32Array(n);
    this.lastSent = new Float64Array(n).fill(-Infinity);
    this.rttUs = 2 * latencyUs;
    this.rtoUs = 2 * latencyUs + RTO_MIN_US;
  }

  /**
   * Send `bytes` (0 = a control segment) on connection `i` at `now` over the
   * link whose transmitter is free at `link[li]`; returns the arrival time
   * of the last byte. Every segment is gated by the window at `now` (not at
   * its own departure), as the project does.
   */
  send(i: number, link: Float64Array, li: number, now: number, bytes: number): number {
    const n = segmentCount(bytes);
    const { rttUs, rtoUs, initialCwnd: iw, usPerByte, latencyUs } = this;
    let arrive = this.lastArrival[i];
    let cwnd = this.cwnd[i];
    let roundStart = this.roundStart[i];
    let inRound = this.inRound[i];
    let lastSent = this.lastSent[i];
    let busy = link[li];
    let left = bytes;
    for (let k = 0; k < n; k++) {
      const seg = (left > MSS ? MSS : left > 0 ? left : 0) + TCP_IP;
      left -= MSS;
      let t = now;
      if (iw > 0) {
        if (t >= roundStart + rttUs) {
          // The last round's ACKs are back: it doubled the window if it filled it;
          // after an idle RTO the window restarts (RFC 5681 §4.1).
          if (inRound >= cwnd) cwnd = Math.min(2 * cwnd, MAX_CWND);
          if (t - lastSent > rtoUs && cwnd > iw) cwnd = iw;
          roundStart = t;
          inRound = 0;
        } else if (inRound >= cwnd) {
          // Window full: wait for this round's ACKs.
          t = roundStart + rttUs;
          cwnd = Math.min(2 * cwnd, MAX_CWND);
          roundStart = t;
          inRound = 0;
        }
        inRound++;
      }
      busy = (t > busy ? t : busy) + Math.round(seg * usPerByte);
      lastSent = busy;
      const at = busy + latencyUs;
      if (at > arrive) arrive = at;
    }
    link[li] = busy;
    this.lastArrival[i] = arrive;
    this.cwnd[i] = cwnd;
    this.roundStart[i] = roundStart;
    this.inRound[i] = inRound;
    this.lastSent[i] = lastSent;
    return arrive;
  }
}
