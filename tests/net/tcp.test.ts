// The link and TCP path models (src/sim/net). Expected values are hand
// computed from the model's definition (docs/model.md "Network"):
// serialization = wire bytes · 8 / rate, MSS 1460 (1500-byte Ethernet MTU
// minus 20 bytes IPv4 and 20 bytes TCP, RFC 791 / RFC 9293), 40 header bytes
// per segment, in-order delivery, RTO backoff doubling (RFC 6298 §5.5).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MSS, Paths, TCP_IP_HEADER_BYTES, ackCount, segmentCount, type PathParams } from '../../src/sim/net/tcp';
import type { Rng } from '../../src/sim/random/streams';
import { createStream } from '../../src/sim/random/streams';

/** An Rng that returns the given uniforms in turn (then 0.999...). */
function scripted(values: number[]): Rng {
  let i = 0;
  const uniform = () => (i < values.length ? values[i++] : 0.999999);
  return { uniform, int: (lo, hi) => lo + Math.floor(uniform() * (hi - lo + 1)), exponential: (m) => -m * Math.log(1 - uniform()), chance: (p) => uniform() < p };
}

interface Path {
  paths: Paths;
  s: number;
}

/** A table with one link of `rateKbps` and one path on it. */
function path(rateKbps: number, rng: Rng, params: PathParams): Path {
  const paths = new Paths(params);
  return { paths, s: paths.open(paths.link(rateKbps), rng) };
}

/** One send and what it cost, read from the table's fields right after it (as the connection reads them). */
function sent({ paths, s }: Path, now: number, bytes: number) {
  const arriveAt = paths.send(s, now, bytes);
  expect(paths.drainedAt(s)).toBe(arriveAt);
  return { arriveAt, segments: paths.segments, wireBytes: paths.wireBytes, retransmissions: paths.retransmissions };
}

const noLoss = { latencyUs: 50_000, jitterUs: 0, lossRate: 0, rtoUs: 300_000, initialCwnd: 0 };

describe('Link: serialization and FIFO queueing', () => {
  it('takes bytes·8/rate: 1,500 bytes at 10,000 kbit/s take 1.2 ms', () => {
    const p = new Paths(noLoss);
    expect(p.transmit(p.link(10_000), 0, 1500)).toBe(1200);
  });

  it('queues a second transmission behind the first', () => {
    const p = new Paths(noLoss);
    const l = p.link(1); // 1 kbit/s: 1 byte = 8 ms = 8000 µs
    const other = p.link(1);
    expect(p.transmit(l, 0, 10)).toBe(80_000);
    expect(p.transmit(l, 10_000, 10)).toBe(160_000); // waits for the first to finish
    expect(p.transmit(other, 10_000, 10)).toBe(90_000); // another client's link is free
    expect(p.transmit(l, 500_000, 1)).toBe(508_000); // idle link: starts at once
  });
});

describe('segmentation', () => {
  it('cuts at the MSS of 1460 bytes', () => {
    expect(MSS).toBe(1460);
    expect(TCP_IP_HEADER_BYTES).toBe(40);
    expect(segmentCount(0)).toBe(1); // a bare control segment (SYN)
    expect(segmentCount(1)).toBe(1);
    expect(segmentCount(1460)).toBe(1);
    expect(segmentCount(1461)).toBe(2);
    expect(segmentCount(14600)).toBe(10);
  });

  it('acknowledges every second segment (delayed ACK), at least once', () => {
    expect(ackCount(1)).toBe(1);
    expect(ackCount(2)).toBe(1);
    expect(ackCount(3)).toBe(2);
  });
});

describe('TCP path', () => {
  it('one small message: serialization + latency; wire adds one header', () => {
    const p = path(8000, scripted([]), noLoss); // 8000 kbit/s: 1 byte = 1 µs
    const d = sent(p, 1000, 460);
    expect(d.segments).toBe(1);
    expect(d.wireBytes).toBe(500);
    expect(d.arriveAt).toBe(1000 + 500 + 50_000);
    expect(d.retransmissions).toBe(0);
  });

  it('a 3,000-byte message is 3 segments, received with its last one', () => {
    const p = path(8000, scripted([]), noLoss);
    const d = sent(p, 0, 3000);
    expect(d.segments).toBe(3);
    expect(d.wireBytes).toBe(3000 + 3 * 40);
    // Segments 1500, 1500, 120 wire bytes back to back at 1 µs/byte.
    expect(d.arriveAt).toBe(3120 + 50_000);
  });

  it('a message sent later on the same connection never arrives before an earlier one (jitter)', () => {
    // First segment draws the maximum jitter, the second none.
    const p = path(8000, scripted([0.99, 0]), { ...noLoss, jitterUs: 100_000 });
    const a = sent(p, 0, 100);
    const b = sent(p, 200, 100);
    expect(a.arriveAt).toBe(140 + 50_000 + 99_000);
    expect(b.arriveAt).toBe(a.arriveAt); // held back behind the first (in order)
  });

  it('a lost segment arrives one RTO later, a second loss adds 2·RTO (backoff)', () => {
    // uniforms: loss draw 0.1 < 0.5 (lost), 0.2 < 0.5 (lost again), 0.9 (sent)
    const p = path(8000, scripted([0.1, 0.2, 0.9]), { ...noLoss, lossRate: 0.5 });
    const d = sent(p, 0, 960);
    expect(d.retransmissions).toBe(2);
    expect(d.arriveAt).toBe(1000 + 50_000 + 300_000 + 600_000);
    expect(d.wireBytes).toBe(3 * 1000);
  });

  it('head-of-line blocking: a message behind a lost one waits for its retransmission', () => {
    const p = path(8000, scripted([0.1, 0.9, 0.9]), { ...noLoss, lossRate: 0.5 });
    const a = sent(p, 0, 960); // lost once
    const b = sent(p, 5000, 960); // not lost, but must wait
    expect(a.arriveAt).toBe(1000 + 50_000 + 300_000);
    expect(b.arriveAt).toBe(a.arriveAt);
  });

  it('property: arrivals on a path never decrease and never precede send + latency', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 20_000 })), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (msgs, loss, seed) => {
          const p = path(2000, createStream(seed, 3, 0), { latencyUs: 20_000, jitterUs: 30_000, lossRate: loss, rtoUs: 250_000, initialCwnd: 0 });
          let t = 0;
          let last = 0;
          for (const [gap, bytes] of msgs) {
            t += gap;
            const d = sent(p, t, bytes);
            expect(d.arriveAt).toBeGreaterThanOrEqual(last);
            expect(d.arriveAt).toBeGreaterThanOrEqual(t + 20_000);
            expect(d.wireBytes).toBeGreaterThanOrEqual(bytes + 40 * segmentCount(bytes));
            last = d.arriveAt;
          }
        },
      ),
    );
  });

  describe('congestion window (RFC 6928 IW10, RFC 5681 slow start and idle restart)', () => {
    // 8000 kbit/s: a full 1500-byte segment takes 1.5 ms; latency 50 ms, RTT 100 ms.
    const slow = { ...noLoss, initialCwnd: 10 };

    it('sends 10 segments in the first round trip, then waits for their ACKs', () => {
      const p = path(8000, scripted([]), slow);
      const d = sent(p, 0, 25 * 1460);
      // Segments 1-10 leave in [0, 15 ms); 11-25 wait for t = RTT = 100 ms and
      // leave back to back (cwnd is now 20): the 25th finishes at 100 + 15·1.5 ms.
      expect(d.arriveAt).toBe(100_000 + 15 * 1500 + 50_000);
    });

    it('without a window the link alone paces the burst', () => {
      const p = path(8000, scripted([]), { ...slow, initialCwnd: 0 });
      expect(sent(p, 0, 25 * 1460).arriveAt).toBe(25 * 1500 + 50_000);
    });

    it('a grown window is kept while busy and reset to 10 after an idle RTO', () => {
      const grow = path(8000, scripted([]), slow);
      sent(grow, 0, 30 * 1460); // fills 10, then 20: cwnd is 20, and 40 once that full round is acknowledged
      // Right after (not idle): 25 segments fit in the grown window, paced by the link only.
      const busy = sent(grow, 200_000, 25 * 1460);
      expect(busy.arriveAt).toBe(200_000 + 25 * 1500 + 50_000);
      // After 1 s of silence (> RTO 300 ms) the window is back to 10 segments.
      const idle = sent(grow, 1_500_000, 25 * 1460);
      expect(idle.arriveAt).toBe(1_500_000 + 100_000 + 15 * 1500 + 50_000);
    });
  });
});

describe('the paths table (src/sim/net/tcp.ts)', () => {
  it("two connections of one client share its link: a big response delays the other's packet (FIFO on the link)", () => {
    // 8000 kbit/s: 1 byte = 1 µs. 14,600 bytes are 10 full segments, 15,000 wire bytes: 15 ms on the link.
    const paths = new Paths(noLoss);
    const down = paths.link(8000);
    const big = paths.open(down, scripted([]));
    const small = paths.open(down, scripted([]));
    paths.send(big, 0, 14_600);
    // Sent 1 ms later on its own connection, it waits for the link: 15,000 + 500 µs, then the latency.
    expect(paths.send(small, 1000, 460)).toBe(15_500 + 50_000);
    // On another client's link it would have gone at once.
    const alone = paths.open(paths.link(8000), scripted([]));
    expect(paths.send(alone, 1000, 460)).toBe(1000 + 500 + 50_000);
  });

  it("a path's delivery order is its own: a late segment on one connection does not hold back another's", () => {
    const paths = new Paths({ ...noLoss, jitterUs: 100_000 });
    const l = paths.link(8000);
    const a = paths.open(l, scripted([0.99]));
    const b = paths.open(l, scripted([0]));
    expect(paths.send(a, 0, 100)).toBe(140 + 50_000 + 99_000);
    // b's segment leaves after a's on the link, draws no jitter, and arrives first.
    expect(paths.send(b, 0, 100)).toBe(280 + 50_000);
  });

  it('a freed slot is reused, starting afresh: nothing sent yet, the initial window', () => {
    const paths = new Paths({ ...noLoss, initialCwnd: 10 });
    const l = paths.link(8000);
    const first = paths.open(l, scripted([]));
    paths.send(first, 0, 25 * 1460); // grows the window, moves its last arrival on
    paths.close(first);
    expect(paths.size).toBe(0);
    const again = paths.open(l, scripted([]));
    expect(again).toBe(first);
    expect(paths.size).toBe(1);
    // A fresh path: the link is free from 25 · 1.5 ms + 100 ms on; 10 segments, then a round trip for the rest.
    const t = 1_000_000;
    expect(paths.send(again, t, 25 * 1460)).toBe(t + 100_000 + 15 * 1500 + 50_000);
  });

  it('1,000 connections opened and closed one after another use one slot each way', () => {
    const paths = new Paths(noLoss);
    const up = paths.link(8000);
    const down = paths.link(8000);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const a = paths.open(up, scripted([]));
      const b = paths.open(down, scripted([]));
      seen.add(a).add(b);
      paths.send(a, i * 1000, 10);
      paths.close(a);
      paths.close(b);
    }
    expect([...seen].sort()).toEqual([0, 1]);
    expect(paths.size).toBe(0);
  });

  it('a send on a path let go (-1) or never opened says so, rather than write into another connection', () => {
    const paths = new Paths(noLoss);
    const s = paths.open(paths.link(8000), scripted([]));
    paths.close(s);
    expect(() => paths.send(-1, 0, 10)).toThrow(/path -1 is not open/);
    expect(() => paths.send(s, 0, 10)).toThrow(/not open/);
    expect(() => paths.send(7, 0, 10)).toThrow(/not open/);
  });

  it('reset forgets every path and link (the next independent client starts on slot 0)', () => {
    const paths = new Paths(noLoss);
    const l = paths.link(1);
    paths.transmit(l, 0, 1000);
    paths.open(l, scripted([]));
    paths.reset();
    expect(paths.size).toBe(0);
    const l2 = paths.link(1);
    expect(l2).toBe(0);
    expect(paths.transmit(l2, 0, 1)).toBe(8000); // idle again
    expect(paths.open(l2, scripted([]))).toBe(0);
  });
});
