import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate } from '../../../src/sim';
import type { Trace, TracePacket } from '../../../src/sim';
import { buildIndex, countAtOrBelow, countersAt, inFlight, stateAt } from '../../../src/viz/trace-index';
import { eventTimes, nextEvent, prevEvent } from '../../../src/viz/timeline';
import { countersFromSeries } from '../../../src/viz/series-counters';

function pkt(id: number, sendMs: number, arriveMs: number | null, extra: Partial<TracePacket> = {}): TracePacket {
  return { id, client: 0, conn: 0, stream: null, dir: 'up', kind: 'request', label: '', sendMs, arriveMs, header: 10, framing: 0, payload: 0, wire: 50, tls: 0, messages: [], retransmitted: false, text: '', ...extra };
}

const trace: Trace = {
  clients: 1,
  packets: [pkt(0, 0, 100), pkt(1, 50, 60, { dir: 'down', kind: 'response', messages: [1, 2] }), pkt(2, 70, null)],
  states: [
    { client: 0, machine: 'client', conn: null, tMs: 0, state: 'idle' },
    { client: 0, machine: 'client', conn: null, tMs: 50, state: 'waiting' },
  ],
  updatesMs: [10, 20],
  truncated: false,
};

describe('trace index', () => {
  const ix = buildIndex(trace, 30);

  it('finds the packets in flight at t', () => {
    expect(inFlight(ix, 55).map((f) => f.packet.id)).toEqual([0, 1]);
    expect(inFlight(ix, 60).map((f) => f.packet.id)).toEqual([0]);
    // A dropped packet stays on the wire for lostMs, then vanishes.
    expect(inFlight(ix, 90).map((f) => f.packet.id)).toEqual([0, 2]);
    expect(inFlight(ix, 101).map((f) => f.packet.id)).toEqual([]);
  });

  it('tells the state of a machine at t', () => {
    expect(stateAt(ix, 0, 'client', 49)?.state).toBe('idle');
    expect(stateAt(ix, 0, 'client', 50)?.state).toBe('waiting');
    expect(stateAt(ix, 0, 'server', 50)).toBeNull();
  });

  it('counts requests, bytes and delivered updates up to t', () => {
    expect(countersAt(ix, 55)).toEqual({ requests: 1, bytes: 20, delivered: 0 });
    expect(countersAt(ix, 60)).toEqual({ requests: 1, bytes: 20, delivered: 2 });
    expect(countersAt(ix, 200)).toEqual({ requests: 2, bytes: 30, delivered: 2 });
  });

  it('counts sorted values at or below x', () => {
    expect(countAtOrBelow([1, 2, 2, 5], 2)).toBe(3);
    expect(countAtOrBelow([1, 2, 2, 5], 0)).toBe(0);
    expect(countAtOrBelow([], 3)).toBe(0);
  });

  it('agrees with the run totals at the end (one client, every packet traced)', () => {
    const out = simulate(resolveScenario({ durationMs: 10000 }), ['polling', 'sse'], { traceClients: 1 });
    for (const r of Object.values(out.results)) {
      const end = countersAt(buildIndex(r!.trace!), 1e12);
      expect(end.requests).toBe(r!.requests);
      expect(end.bytes).toBe(r!.bytes.up.total + r!.bytes.down.total);
      expect(end.delivered).toBe(r!.messagesDelivered);
      const fromSeries = countersFromSeries(r!.series, 1e12);
      expect(fromSeries.requests).toBe(r!.requests);
      expect(fromSeries.delivered).toBe(r!.messagesDelivered);
    }
  });
});

describe('event stepping', () => {
  const times = eventTimes([trace, undefined]);

  it('lists each distinct event time once, sorted', () => {
    expect(Array.from(times)).toEqual([0, 50, 60, 70, 100]);
  });

  it('steps to the next and previous event', () => {
    expect(nextEvent(times, 0)).toBe(50);
    expect(nextEvent(times, 55)).toBe(60);
    expect(nextEvent(times, 100)).toBeNull();
    expect(prevEvent(times, 60)).toBe(50);
    expect(prevEvent(times, 65)).toBe(60);
    expect(prevEvent(times, 0)).toBeNull();
  });
});
