// Short polling (SPEC §1): a GET every polling.intervalMs on a fixed-rate
// timer (setInterval semantics, REFERENCES.md "Behaviour of browsers"); the
// server answers at once with every update queued since its last answer, as a
// JSON array (empty array = empty response). Checked on the trace of small runs.
import { describe, expect, it } from 'vitest';
import { packets, run, serUs, wireOf } from './helpers';

const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('polling: fixed-rate GETs', () => {
  const T = 700;
  const r = run('polling', { durationMs: 10000, server: { updateRateHz: 2 } });
  const ps = packets(r);
  const gets = ps.filter((p) => p.label === 'GET /poll');
  const syn = ps.filter((p) => p.label === 'SYN');

  it('the first GET follows the TCP handshake (one RTT after the SYN)', () => {
    const r2 = run('polling', { durationMs: 3000, polling: { intervalMs: T } });
    const p2 = packets(r2);
    const s = p2.find((p) => p.label === 'SYN')!;
    const synAck = p2.find((p) => p.label === 'SYN-ACK')!;
    const g = p2.find((p) => p.label === 'GET /poll')!;
    expect(synAck.sendMs).toBe(s.arriveMs);
    expect(g.sendMs).toBe(synAck.arriveMs);
    // SYN and SYN-ACK are bare 40-byte segments: latency 50 ms + 40·8/10000 ms each.
    expect(g.sendMs - s.sendMs).toBeCloseTo(2 * (50 + serUs(40, 10000) / 1000), 3);
  });

  it('GETs go out every intervalMs exactly (setInterval), from the start offset', () => {
    const r2 = run('polling', { durationMs: 10000, polling: { intervalMs: T } });
    const p2 = packets(r2);
    const start = p2.find((p) => p.label === 'SYN')!.sendMs;
    const g = p2.filter((p) => p.label === 'GET /poll').map((p) => p.sendMs);
    // Start offset is uniform in [0, intervalMs) for polling (SPEC §1).
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThan(T);
    // The first GET waits for the handshake; every later one goes out at a tick.
    for (let k = 2; k < g.length; k++) expect(g[k] - g[k - 1]).toBeCloseTo(T, 6);
    expect(g[1]).toBeCloseTo(start + T, 6);
    // Ticks at start + k·T < 10000 ms.
    expect(g.length).toBe(Math.floor((10000 - start) / T - 1e-9) + 1);
    expect(r2.requests).toBe(g.length);
  });

  it('fixed rate holds when answers take longer than the interval: each tick takes an idle connection or opens one', () => {
    // RTT 600 ms > interval 500 ms: the first answers come 2 RTT after their
    // tick, so ticks open new connections (a SYN at the tick time); once
    // answers flow, a tick finds an idle keep-alive connection (a GET at the tick time).
    const r2 = run('polling', { durationMs: 8000, network: { latencyMs: 300 }, polling: { intervalMs: 500 } });
    const p2 = packets(r2);
    const firstOnConn = (p: (typeof p2)[number]) => !p2.some((q) => q.conn === p.conn && q.label === 'GET /poll' && q.id < p.id);
    const tickTimes = p2
      .filter((p) => p.label === 'SYN' || (p.label === 'GET /poll' && !firstOnConn(p)))
      .map((p) => p.sendMs)
      .sort((a, b) => a - b);
    const t0 = tickTimes[0];
    tickTimes.forEach((t, k) => expect(t).toBeCloseTo(t0 + 500 * k, 6));
    expect(tickTimes.length).toBe(Math.floor((8000 - t0) / 500 - 1e-9) + 1);
    expect(r2.maxOpenConnections).toBeGreaterThan(1);
    expect(r2.connectionsOpened).toBe(p2.filter((p) => p.label === 'SYN').length);
  });

  it('at most 6 connections (browser per-host limit); a tick that finds none waits for the next free one', () => {
    // RTT 1600 ms, interval 500 ms: 2 RTT / 500 > 6 polls outstanding, so the pool saturates.
    const r2 = run('polling', { durationMs: 8000, network: { latencyMs: 800 }, polling: { intervalMs: 500 } });
    const p2 = packets(r2);
    expect(r2.maxOpenConnections).toBe(6);
    expect(r2.connectionsOpened).toBe(6);
    const t0 = p2.find((p) => p.label === 'SYN')!.sendMs;
    const isTick = (t: number) => Math.abs((t - t0) / 500 - Math.round((t - t0) / 500)) < 1e-9;
    for (const g of p2.filter((p) => p.label === 'GET /poll')) {
      // Sent at a tick, or when its connection became usable: the SYN-ACK or the previous answer arrived on it.
      const freedAt = p2.filter((q) => q.conn === g.conn && q.dir === 'down' && q.id < g.id).map((q) => q.arriveMs);
      expect(isTick(g.sendMs) || freedAt.includes(g.sendMs)).toBe(true);
    }
  });

  it('each answer leaves the server when the GET arrives and carries every update queued since the previous answer', () => {
    const updates = r.trace!.updatesMs;
    let prevArrive = -Infinity;
    for (const g of gets) {
      const res = ps.find((p) => p.dir === 'down' && p.kind === 'response' && p.conn === g.conn && p.sendMs >= g.arriveMs! && p.id > g.id)!;
      expect(res.sendMs).toBe(g.arriveMs);
      // Queued: generated at or before the GET's arrival (the feed goes first at equal times) and after the previous one.
      const expected = updates.map((t, i) => [t, i + 1] as const).filter(([t]) => t <= g.arriveMs! && t > prevArrive).map(([, id]) => id);
      expect(res.messages).toEqual(expected);
      prevArrive = g.arriveMs!;
    }
  });

  it('answers are JSON arrays with Content-Length and per-update payloads of server.payloadBytes', () => {
    for (const res of ps.filter((p) => p.kind === 'response')) {
      const b = body(res.text);
      const arr = JSON.parse(b) as { id: number }[];
      expect(arr.map((u) => u.id)).toEqual(res.messages);
      expect(res.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(res.text).toContain(`Content-Length: ${b.length}\r\n`);
      // Head = configured size; framing = "[" "]" and n-1 commas; payload = n·100.
      expect(res.header).toBe(300);
      expect(res.framing).toBe(arr.length === 0 ? 2 : arr.length + 1);
      expect(res.payload).toBe(arr.length * 100);
      expect(b.length).toBe(res.framing + res.payload);
      expect(res.label).toBe(arr.length === 0 ? '200 [] (empty)' : `200 [${arr.length} update${arr.length > 1 ? 's' : ''}]`);
    }
  });

  it('counters agree with the trace (one client, fully traced)', () => {
    const responses = ps.filter((p) => p.kind === 'response');
    expect(r.requests).toBe(gets.length);
    expect(r.responses).toBe(responses.length);
    expect(r.emptyResponses).toBe(responses.filter((p) => p.messages.length === 0).length);
    expect(r.connectionsOpened).toBe(syn.length);
    expect(r.bytes.up.header).toBe(400 * gets.length);
    expect(r.bytes.down.header).toBe(300 * responses.length);
  });

  it('a GET on an idle link arrives latency + its serialization later', () => {
    // 400-byte head + 40 TCP/IP = 440 bytes at 10,000 kbit/s = 352 µs.
    for (const g of gets) expect(g.arriveMs! - g.sendMs).toBeCloseTo(50 + serUs(wireOf(400), 10000) / 1000, 3);
  });
});
