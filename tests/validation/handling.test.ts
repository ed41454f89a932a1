// The page's handling time (client.processingMs, mean m): each message that
// carries updates is seen by the page m/2 + Exp(m/2) after its last byte,
// one handler at a time per client. Closed forms derived here:
//   - one update per message, no queueing: latency rises by the draw, so the
//     mean by m (sd of the mean (m/2)/sqrt(n)), the median by
//     m/2 + (m/2)·ln 2, the 99th percentile by m/2 + (m/2)·ln 100;
//   - bursts of b updates arriving together, b messages: the k-th waits for
//     k draws (a FIFO single server), so the mean rises by m·(b+1)/2;
//   - the packets of a stream do not move (the trace is the same), and a
//     message handled after the run's end is still in flight;
//   - a long poll is asked again by the page's code, after its handler: the
//     next GET leaves the draw after an answer with updates arrives.
// The server's handling time (server.processingMs, the same law per
// request and per update it writes to a client): a poll's answer leaves
// m/2 + Exp(m/2) after the poll arrives, so polling's mean latency rises by
// m; a held long poll's answer and a stream's or WebSocket's write leave the
// same draw after the update, so theirs rise by m too (before, pushes paid
// nothing and the comparison favoured them); one handler per client, so a
// burst's writes wait in line as the page's handling does.
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';

const m = 10;
const steady = { durationMs: 600_000, server: { updatePattern: 'periodic', updateRateHz: 1 } };

describe('page handling time', () => {
  it('one update per message: mean + m, median + m(1 + ln 2)/2, p99 + m(1 + ln 100)/2', () => {
    const base = run('sse', steady, 0);
    const slow = run('sse', { ...steady, client: { processingMs: m } }, 0);
    const n = slow.latencyMs.count;
    expect(n).toBe(base.latencyMs.count);
    expect(n).toBeGreaterThan(590);
    const se = m / 2 / Math.sqrt(n);
    expect(slow.latencyMs.mean! - base.latencyMs.mean!).toBeCloseTo(m, 0);
    expect(Math.abs(slow.latencyMs.mean! - base.latencyMs.mean! - m)).toBeLessThan(4 * se);
    // Every base latency after the first is the same (periodic feed, an idle link), so percentiles shift by the draw's.
    expect(slow.latencyMs.p50! - base.latencyMs.p50!).toBeGreaterThan(0.9 * (m / 2) * (1 + Math.LN2));
    expect(slow.latencyMs.p50! - base.latencyMs.p50!).toBeLessThan(1.1 * (m / 2) * (1 + Math.LN2));
    expect(slow.latencyMs.p99! - base.latencyMs.p99!).toBeGreaterThan(0.8 * (m / 2) * (1 + Math.log(100)));
    expect(slow.latencyMs.p99! - base.latencyMs.p99!).toBeLessThan(1.2 * (m / 2) * (1 + Math.log(100)));
  });

  it('a burst arriving together waits in line: the mean rises by m(b+1)/2', () => {
    const b = 5;
    const bursts = { durationMs: 600_000, server: { updatePattern: 'bursty', updateRateHz: 5, burstSize: b, burstSpacingMs: 0 } };
    const base = run('websocket', bursts, 0);
    const slow = run('websocket', { ...bursts, client: { processingMs: m } }, 0);
    const rise = slow.latencyMs.mean! - base.latencyMs.mean!;
    // The k-th of a burst waits k draws: the mean of k over 1..b times m. Its sd: about m/2·sqrt(b)/sqrt(n/b) per burst mean.
    expect(rise).toBeGreaterThan(0.9 * m * ((b + 1) / 2));
    expect(rise).toBeLessThan(1.1 * m * ((b + 1) / 2));
  });

  it('moves no packet of a stream: the trace and the bytes are those without it; the client draws from a stream of its own', () => {
    const jittery = { durationMs: 20_000, clients: 3, network: { jitterMs: 20, lossRate: 0.05 }, server: { updateRateHz: 2 } };
    for (const id of ['sse', 'websocket'] as const) {
      const base = run(id, jittery, 3);
      const slow = run(id, { ...jittery, client: { processingMs: m } }, 3);
      expect(slow.trace!.packets).toEqual(base.trace!.packets);
      expect(slow.bytes).toEqual(base.bytes);
      expect(slow.requests).toBe(base.requests);
      expect(slow.latencyMs.mean!).toBeGreaterThan(base.latencyMs.mean!);
    }
  });

  it("long polling asks again when the page's handler is done: the next GET leaves the draw (mean m, at least m/2) after an answer with updates arrives", () => {
    const lp = (processingMs: number) => run('long-polling', { ...steady, durationMs: 120_000, client: { processingMs } }, 1).trace!.packets;
    const gaps = (ps: ReturnType<typeof lp>) => {
      const out: number[] = [];
      ps.forEach((p, i) => {
        if (p.dir !== 'down' || p.kind !== 'response' || p.messages.length === 0 || p.arriveMs === null) return;
        const next = ps.slice(i + 1).find((q) => q.dir === 'up' && q.kind === 'request');
        if (next) out.push(next.sendMs - p.arriveMs);
      });
      return out;
    };
    expect(Math.max(...gaps(lp(0)))).toBeCloseTo(0, 6);
    const slow = gaps(lp(m));
    expect(slow.length).toBeGreaterThan(100);
    expect(Math.min(...slow)).toBeGreaterThanOrEqual(m / 2 - 1e-6);
    const mean = slow.reduce((a, b) => a + b, 0) / slow.length;
    expect(Math.abs(mean - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(slow.length)));
  });

  it('a message handled after the end is still in flight: generated = delivered + pending', () => {
    // A handling time of 5 s with an update every second: the handler falls ever further behind.
    const r = run('sse', { durationMs: 30_000, server: { updatePattern: 'periodic', updateRateHz: 1 }, client: { processingMs: 5000 } }, 0);
    expect(r.messagesPending).toBeGreaterThan(10);
    expect(r.pending.inFlight).toBe(r.messagesPending);
    expect(r.messagesGenerated).toBe(r.messagesDelivered + r.messagesPending);
  });

  it('the server: each poll answer leaves at least m/2 after its poll arrives, m later in the mean', () => {
    const feed = { durationMs: 300_000, server: { updatePattern: 'periodic', updateRateHz: 1 } };
    const base = run('polling', feed, 1);
    const slow = run('polling', { ...feed, server: { ...feed.server, processingMs: m } }, 1);
    expect(slow.requests).toBe(base.requests);
    const ps = slow.trace!.packets;
    const polls = ps.filter((p) => p.dir === 'up' && p.kind === 'request');
    const answers = ps.filter((p) => p.dir === 'down' && p.kind === 'response');
    expect(answers.length).toBeGreaterThan(250);
    const waits = answers.map((a, i) => a.sendMs - polls[i].arriveMs!);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(m / 2 - 1e-3);
    const meanWait = waits.reduce((x, y) => x + y, 0) / waits.length;
    expect(Math.abs(meanWait - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(waits.length)));
    expect(Math.abs(slow.latencyMs.mean! - base.latencyMs.mean! - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(slow.latencyMs.count)));
  });

  for (const id of ['long-polling', 'sse', 'websocket', 'streaming'] as const) {
    it(`the server makes each update's message for ${id} in its turn: it leaves at least m/2 after the update, the latency m later in the mean, requests unchanged`, () => {
      const feed = { durationMs: 300_000, server: { updatePattern: 'periodic', updateRateHz: 1 } };
      const base = run(id, feed, 0);
      const slow = run(id, { ...feed, server: { ...feed.server, processingMs: m } }, 1);
      expect(slow.requests).toBe(base.requests);
      expect(slow.latencyMs.count).toBe(base.latencyMs.count);
      const n = slow.latencyMs.count;
      expect(n).toBeGreaterThan(290);
      expect(Math.abs(slow.latencyMs.mean! - base.latencyMs.mean! - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(n)));
      const { packets, updatesMs } = slow.trace!;
      // After the first answer (its updates waited for the connection), each carrying packet holds one update, sent the draw after it was made.
      const carrying = packets.filter((p) => p.dir === 'down' && p.messages.length > 0).slice(1);
      expect(carrying.length).toBeGreaterThan(250);
      const waits = carrying.map((p) => p.sendMs - updatesMs[p.messages[0] - 1]);
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(m / 2 - 1e-3);
      expect(Math.abs(waits.reduce((a, b) => a + b, 0) / waits.length - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(waits.length)));
    });
  }

  for (const id of ['sse', 'websocket'] as const) {
    it(`the server handles each upstream message (${id === 'sse' ? 'a POST' : 'a WebSocket frame'}): its latency rises by m in the mean${id === 'sse' ? ', and the 204 leaves at least m/2 after the POST arrives' : ''}`, () => {
      const chat = { durationMs: 300_000, server: { updateRateHz: 0 }, client: { sendRateHz: 1 } };
      const base = run(id, chat, 0);
      const slow = run(id, { ...chat, server: { ...chat.server, processingMs: m } }, 1);
      const n = slow.upstream.delivered;
      expect(n).toBeGreaterThan(250);
      expect(n).toBe(base.upstream.delivered);
      expect(Math.abs(slow.upstreamLatencyMs.mean! - base.upstreamLatencyMs.mean! - m)).toBeLessThan(4 * (m / 2 / Math.sqrt(n)));
      if (id === 'sse') {
        const ps = slow.trace!.packets;
        const posts = ps.filter((p) => p.dir === 'up' && p.label.startsWith('POST'));
        const answers = ps.filter((p) => p.dir === 'down' && p.label.startsWith('204'));
        expect(answers.length).toBeGreaterThan(250);
        answers.forEach((a, i) => expect(a.sendMs - posts[i].arriveMs!).toBeGreaterThanOrEqual(m / 2 - 1e-3));
      }
    });
  }

  it('an upstream message the server is still handling at the end is pending: generated = delivered + pending', () => {
    const r = run('websocket', { durationMs: 30_000, server: { updateRateHz: 0, processingMs: 5000 }, client: { sendRateHz: 1 } }, 0);
    expect(r.upstream.pending).toBeGreaterThan(10);
    expect(r.upstream.generated).toBe(r.upstream.delivered + r.upstream.pending);
  });

  it("the server's handler is one per client: a burst's messages are made one after another, the k-th after k draws (mean rise m(b+1)/2)", () => {
    const b = 5;
    const bursts = { durationMs: 600_000, server: { updatePattern: 'bursty', updateRateHz: 5, burstSize: b, burstSpacingMs: 0 } };
    const base = run('sse', bursts, 0);
    const slow = run('sse', { ...bursts, server: { ...bursts.server, processingMs: m } }, 0);
    const rise = slow.latencyMs.mean! - base.latencyMs.mean!;
    expect(rise).toBeGreaterThan(0.9 * m * ((b + 1) / 2));
    expect(rise).toBeLessThan(1.1 * m * ((b + 1) / 2));
  });
});
