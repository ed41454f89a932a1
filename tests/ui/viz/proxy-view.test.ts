// The intermediary's box in a lane (src/viz/proxy-view.ts): no box without
// an intermediary; the idle timer it shows is the time since the proxy last
// saw a byte of the watched connection, counted as the simulator's proxy
// counts (a server byte when sent, a client byte when it arrives), so at a
// cut it reads the full timeout: SSE with no updates behind a 5 s idle
// timeout is cut 5 s after its response head left the server.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate } from '../../../src/sim';
import { buildIndex } from '../../../src/viz/trace-index';
import { cutNow, cutTimes, proxyText, quietAt } from '../../../src/viz/proxy-view';
import { proxyLimits } from '../../../src/viz/proxy-limits';

const scenario = (sets: [string, string][]) => resolveScenario({}, [['durationMs', '20000'], ['server.updateRateHz', '0'], ['tls.version', 'none'], ...sets]);

describe('proxy view', () => {
  it('no intermediary, no box; any one limit makes one', () => {
    expect(proxyLimits(scenario([]))).toBeNull();
    for (const [k, v] of [['proxy.idleTimeoutMs', '60000'], ['proxy.lifetimeMs', '30000'], ['proxy.firstByteTimeoutMs', '30000'], ['proxy.buffering', '4096'], ['proxy.websocket', 'refuses']]) {
      expect(proxyLimits(scenario([[k, v]])), k).not.toBeNull();
    }
  });

  it('the idle timer runs from the last byte the proxy saw and reads the whole timeout when it cuts', () => {
    const s = scenario([['proxy.idleTimeoutMs', '5000']]);
    const tr = simulate(s, ['sse'], { traceClients: 1 }).results.sse!.trace!;
    const index = buildIndex(tr, 50);
    const head = tr.packets.find((p) => p.kind === 'response')!;
    // The response head (the retry line rides with it) is the last byte before the cut, 5 s after it left.
    const justAfter = quietAt(index, 0, head.sendMs + 1000)!;
    expect(justAfter.conn).toBe(head.conn);
    expect(justAfter.quietMs).toBeCloseTo(1000, 6);
    const limits = proxyLimits(s)!;
    expect(proxyText(limits, quietAt(index, 0, head.sendMs + 2500))).toBe('2.5 s / 5.0 s');
    // The client hears of the cut one latency after it: the next connection's SYN leaves then (retry 3 s later).
    const syns = tr.packets.filter((p) => p.label === 'SYN');
    expect(syns.length).toBeGreaterThan(1);
    expect(syns[1].sendMs - (head.sendMs + 5000)).toBeGreaterThanOrEqual(50);
    expect(quietAt(index, 0, head.sendMs - 1)!.conn).toBe(head.conn);
    expect(quietAt(index, 0, 0)).toBeNull();
    // The cut is marked from when the client hears of it (one latency after it) until its next connection opens (SSE's retry, 3 s).
    const heard = head.sendMs + 5000 + 50;
    expect(cutNow(index, 0, heard - 10)).toBe(false);
    expect(cutNow(index, 0, heard + 10)).toBe(true);
    expect(cutNow(index, 0, heard + 2900)).toBe(true);
    expect(cutNow(index, 0, syns[1].sendMs + 1)).toBe(false);
    // On the proxy's axis the cut sits where it happened: 5 s after the head left the server.
    expect(cutTimes(index, 0, 50)[0]).toBeCloseTo(head.sendMs + 5000, 6);
  });

  it('says what a proxy without an idle timeout does', () => {
    const text = (k: string, v: string) => proxyText(proxyLimits(scenario([[k, v]]))!, null);
    expect(text('proxy.firstByteTimeoutMs', '30000')).toBe('answer within 30 s');
    expect(text('proxy.lifetimeMs', '30000')).toBe('cuts at 30 s old');
    expect(text('proxy.buffering', '4096')).toBe('buffers 4 KB');
    expect(text('proxy.websocket', 'refuses')).toBe('no WebSocket');
  });
});
