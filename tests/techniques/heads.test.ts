// HTTP heads in runs, from the head profiles (http.headProfile) or the sizes
// given. Sources: shared/REFERENCES.md, "Measured here (Chromium 156 to a
// node:http + `ws` server, loopback)": response heads JSON 181 B (empty `[]`
// 179 B), SSE 189 B, chunked 221 B, `ws` 101 129 B. The size keys: SPEC §3
// (http.requestHeaderBytes / http.responseHeaderBytes set every head when
// given) and issue 10 (per-kind sizes win over them).
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES, type TechniqueId, type TracePacket } from '../../src/sim';

// No media case; one client, traced.
const run = (id: TechniqueId, partial: Record<string, unknown> = {}) => {
  const s = resolveScenario({ streaming: { mediaBytes: 0 }, ...partial });
  return simulate(s, [id], { traceClients: 1 }).results[id]!;
};
const heads = (ps: TracePacket[], kind: TracePacket['kind'], dir: 'up' | 'down') => ps.filter((p) => p.kind === kind && p.dir === dir && p.header > 0);

describe('heads from the default profile (a current Chromium to a Node server)', () => {
  it('polling with no updates: every answer `[]` has the measured 179-byte head', () => {
    const r = run('polling', { durationMs: 10000, server: { updateRateHz: 0 } });
    expect(r.responses).toBeGreaterThan(5);
    expect(r.bytes.down.header).toBe(179 * r.responses);
  });

  it('an answer with one 100-byte update (Content-Length: 102) has the measured 181-byte head', () => {
    const r = run('polling', { durationMs: 20000, server: { updateRateHz: 0.3, updatePattern: 'periodic' } });
    const answers = heads(r.trace!.packets, 'response', 'down');
    const one = answers.filter((p) => p.messages.length === 1);
    expect(one.length).toBeGreaterThan(0);
    for (const p of one) expect(p.header).toBe(181);
    for (const p of answers.filter((p) => p.messages.length === 0)) expect(p.header).toBe(179);
  });

  it('SSE, streaming and WebSocket: one response head each, of the measured size', () => {
    expect(run('sse', { durationMs: 5000 }).bytes.down.header).toBe(189);
    expect(run('streaming', { durationMs: 5000 }).bytes.down.header).toBe(221);
    expect(run('websocket', { durationMs: 5000 }).bytes.down.header).toBe(129);
  });

  it('every traced head is as long as its text up to the empty line, in every profile', () => {
    for (const headProfile of ['chromium-node', 'minimal', 'cdn']) {
      for (const id of TECHNIQUES) {
        const r = run(id, { durationMs: 8000, http: { headProfile }, server: { updateRateHz: 1 }, client: { sendRateHz: 0.5 }, faults: { disconnectIntervalMs: 3000 } });
        const withHeads = r.trace!.packets.filter((p) => p.header > 0);
        expect(withHeads.length, `${headProfile} ${id}`).toBeGreaterThan(0);
        for (const p of withHeads) expect(p.text.indexOf('\r\n\r\n') + 4, `${headProfile} ${id} ${p.label}`).toBe(p.header);
      }
    }
  });
});

describe('sizes given', () => {
  it('a per-kind size wins over the SPEC key, which wins over the profile', () => {
    const r = run('polling', { durationMs: 6000, client: { sendRateHz: 1 }, http: { requestHeaderBytes: 1000, pollRequestBytes: 300, postResponseBytes: 150 } });
    const ps = r.trace!.packets;
    const gets = heads(ps, 'request', 'up').filter((p) => p.label.startsWith('GET'));
    const posts = heads(ps, 'request', 'up').filter((p) => p.label.startsWith('POST'));
    expect(gets.length).toBeGreaterThan(3);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of gets) expect(p.header).toBe(300);
    for (const p of posts) expect(p.header).toBe(1000);
    const answers = heads(ps, 'response', 'down');
    for (const p of answers.filter((p) => p.label.startsWith('204'))) expect(p.header).toBe(150);
    // No response size given for a poll's answer: the profile's (179 B for `[]`).
    for (const p of answers.filter((p) => p.label.includes('(empty)'))) expect(p.header).toBe(179);
  });

  it('a long poll has its own key: it sets the long poll GET and leaves the poll GET and the JSON answer alone', () => {
    const lp = run('long-polling', { durationMs: 6000, server: { updateRateHz: 1 }, http: { longPollRequestBytes: 640 } });
    const gets = heads(lp.trace!.packets, 'request', 'up');
    expect(gets.length).toBeGreaterThan(3);
    for (const p of gets) expect(p.header).toBe(640);
    const poll = run('polling', { durationMs: 3000, http: { longPollRequestBytes: 640 } });
    // The poll keeps the profile's head (492 B, docs/model.md's chromium-node row).
    for (const p of heads(poll.trace!.packets, 'request', 'up')) expect(p.header).toBe(492);
  });

  it('the floor of a kind is its needed fields: the real 101 (129 B) is allowed, one byte less is refused by name', () => {
    expect(run('websocket', { durationMs: 3000, http: { upgradeResponseBytes: 129 } }).bytes.down.header).toBe(129);
    expect(() => resolveScenario({ http: { upgradeResponseBytes: 128 } })).toThrow(/http\.upgradeResponseBytes.*128.*129/);
  });
});
