// Long polling (SPEC §1, RFC 6202 §2.1): the server holds the GET until an
// update is queued (answers with all queued) or longPolling.timeoutMs passes
// (empty answer "[]"); the client sends the next GET at once on every answer
// (after longPolling.reconnectDelayMs).
import { describe, expect, it } from 'vitest';
import { packets, run, serUs, wireOf } from './helpers';

const L = 50; // default one-way latency, ms
const R = 10000; // default bandwidth, kbit/s

describe('long polling', () => {
  it('a held GET is answered when an update is generated, and the answer arrives latency + serialization later', () => {
    const r = run('long-polling', { durationMs: 8000, server: { updateRateHz: 1, updatePattern: 'periodic' } });
    const ps = packets(r);
    const updates = r.trace!.updatesMs;
    const answers = ps.filter((p) => p.kind === 'response');
    expect(answers.length).toBe(updates.length);
    for (const a of answers) {
      const req = ps.filter((p) => p.kind === 'request' && p.conn === a.conn && p.id < a.id).at(-1)!;
      // One update per answer (updates are 1 s apart, a cycle is ~2 latencies).
      expect(a.messages).toHaveLength(1);
      const gen = updates[a.messages[0] - 1];
      // The request was already waiting at the server: the answer leaves at the update's time.
      expect(req.arriveMs!).toBeLessThan(gen);
      expect(a.sendMs).toBe(gen);
      // 300 head + "[" "]" + 100 payload + 40 TCP/IP = 442 bytes.
      expect(a.arriveMs! - a.sendMs).toBeCloseTo(L + serUs(wireOf(300 + 2 + 100), R) / 1000, 3);
    }
    // Each answer triggers the next GET at once (reconnectDelayMs = 0).
    const gets = ps.filter((p) => p.kind === 'request');
    for (const a of answers) expect(gets.some((g) => g.sendMs === a.arriveMs)).toBe(true);
    expect(r.requests).toBe(gets.length);
    expect(r.requests).toBe(r.responses + 1);
    expect(r.emptyResponses).toBe(0);
    expect(r.latencyMs.max).toBeCloseTo(L + serUs(442, R) / 1000, 3);
  });

  it('an update queued before the GET arrives is answered at once (no hold)', () => {
    // Updates every 20 ms, latency 50 ms: each GET finds updates queued.
    const r = run('long-polling', { durationMs: 3000, server: { updateRateHz: 50, updatePattern: 'periodic' } });
    const ps = packets(r);
    const gets = ps.filter((p) => p.kind === 'request');
    const answers = ps.filter((p) => p.kind === 'response');
    for (const a of answers.slice(1)) {
      const req = gets.filter((g) => g.conn === a.conn && g.id < a.id).at(-1)!;
      expect(a.sendMs).toBe(req.arriveMs);
      expect(a.messages.length).toBeGreaterThan(1);
    }
  });

  it('with no updates: one empty answer per timeoutMs, the next GET one round trip later', () => {
    const To = 2000;
    const r = run('long-polling', { durationMs: 20000, server: { updateRateHz: 0 }, longPolling: { timeoutMs: To } });
    const ps = packets(r);
    const gets = ps.filter((p) => p.kind === 'request');
    const answers = ps.filter((p) => p.kind === 'response');
    expect(answers.length).toBeGreaterThan(5);
    for (const a of answers) {
      const req = gets.filter((g) => g.conn === a.conn && g.id < a.id).at(-1)!;
      expect(a.sendMs - req.arriveMs!).toBeCloseTo(To, 6);
      expect(a.messages).toEqual([]);
      expect(a.text.endsWith('\r\n\r\n[]')).toBe(true);
      expect(a.framing).toBe(2);
      expect(a.payload).toBe(0);
    }
    // Cycle = timeout + answer down (50 ms + 342 B) + next GET up (50 ms + 440 B).
    const cycle = To + 2 * L + (serUs(wireOf(302), R) + serUs(wireOf(400), R)) / 1000;
    for (let k = 1; k < answers.length; k++) expect(answers[k].sendMs - answers[k - 1].sendMs).toBeCloseTo(cycle, 2);
    expect(r.emptyResponses).toBe(r.responses);
    expect(r.messagesGenerated).toBe(0);
    // The server machine holds, then goes idle at each timeout (trace states).
    const server = r.trace!.states.filter((s) => s.machine === 'server');
    const holds = server.filter((s) => s.state === 'holding');
    const idles = server.filter((s) => s.state === 'idle').slice(1);
    expect(idles.length).toBe(answers.length);
    idles.forEach((s, k) => expect(s.tMs - holds[k].tMs).toBeCloseTo(To, 6));
  });

  it('longPolling.reconnectDelayMs pauses the client between an answer and the next GET', () => {
    const r = run('long-polling', { durationMs: 10000, server: { updateRateHz: 0 }, longPolling: { timeoutMs: 1000, reconnectDelayMs: 300 } });
    const ps = packets(r);
    const answers = ps.filter((p) => p.kind === 'response');
    const gets = ps.filter((p) => p.kind === 'request');
    expect(answers.length).toBeGreaterThan(3);
    for (const a of answers) {
      const next = gets.find((g) => g.id > a.id);
      if (next) expect(next.sendMs - a.arriveMs!).toBeCloseTo(300, 6);
    }
  });

  it('a cut held request (faults) is re-sent at once and no update is lost or duplicated', () => {
    const r = run('long-polling', { durationMs: 20000, server: { updateRateHz: 2 }, faults: { disconnectIntervalMs: 1500 } });
    const ids = packets(r)
      .filter((p) => p.kind === 'response' && p.arriveMs !== null && p.arriveMs < 20000)
      .flatMap((p) => p.messages);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(r.connectionsOpened).toBeGreaterThan(1);
    expect(r.messagesDelivered).toBe(ids.length);
    expect(r.messagesDelivered + r.messagesPending).toBe(r.messagesGenerated);
  });
});
