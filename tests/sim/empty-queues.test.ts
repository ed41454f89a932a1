// A client's queues start as one shared empty queue (src/sim/run/
// client-host.ts NOTHING_QUEUED) and become its own on the first push, so
// that a client that never waits for a connection or sends nothing up
// keeps no queue. Shared, that queue must never take an item: a push onto
// it would reach every client, so it throws.
import { describe, expect, it } from 'vitest';
import { resolveScenario, updateTimes } from '../../src/sim';
import { ClientHost } from '../../src/sim/run/client-host';
import { World } from '../../src/sim/run/world';

function hosts(set: Record<string, unknown>) {
  const s = resolveScenario(set);
  const w = new World(s, updateTimes(s), 0);
  return { w, a: new ClientHost(w, 0), b: new ClientHost(w, 1) };
}

describe("a client's queues before its first push", () => {
  it('two clients that have queued nothing share the one empty queue, and a push onto it throws', () => {
    const { a, b } = hosts({ clients: 2 });
    expect(a.upstream).toBe(b.upstream);
    expect(a.upstream.length).toBe(0);
    expect(() => a.upstream.push({ seq: 0, generatedAt: 0, sent: false })).toThrow(TypeError);
    expect(b.upstream.length).toBe(0);
  });

  it('the first upstream message gives the client a queue of its own; the other still has none', () => {
    const { w, a, b } = hosts({ clients: 2, client: { sendRateHz: 5 } });
    let sent = 0;
    a.startUpstream(() => sent++, 0);
    w.kernel.run(2_000_000);
    expect(sent).toBeGreaterThan(0);
    expect(a.upstream.length).toBe(sent);
    expect(a.upstream).not.toBe(b.upstream);
    expect(b.upstream.length).toBe(0);
  });
});
