// @vitest-environment jsdom
// The intermediary's box drawn on a lane's wire (src/viz/lane/ProxyBox.svelte,
// fetched when a path first has an intermediary): none without one; with an
// idle timeout its timer counts the connection's quiet time, turns to a
// warning near the timeout and to "✂ cut" once the client hears of the cut
// (issue 10: "the proxy as a box on the wire with its timer, cuts marked").
import { beforeAll, describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/svelte';
import { resolveScenario, simulate } from '../../../src/sim';
import { buildIndex } from '../../../src/viz/trace-index';
import { proxyLimits } from '../../../src/viz/proxy-limits';
import Lane from '../../../src/viz/lane/Lane.svelte';
import SequenceDiagram from '../../../src/viz/sequence/SequenceDiagram.svelte';
import { stubResizeObserver } from '../resize-observer';

beforeAll(stubResizeObserver);

const scenario = (sets: [string, string][]) => resolveScenario({}, [['durationMs', '20000'], ['server.updateRateHz', '0'], ['tls.version', 'none'], ...sets]);

describe('the proxy box on the wire', () => {
  it('is not drawn when the path has no intermediary', async () => {
    const s = scenario([]);
    const index = buildIndex(simulate(s, ['sse'], { traceClients: 1 }).results.sse!.trace!, 50);
    const { container } = render(Lane, { id: 'sse', index, playheadMs: 1000, proxy: proxyLimits(s) });
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector('[data-proxy]')).toBeNull();
  });

  it('counts the quiet time against the idle timeout, warns near it, and says "cut" once the client hears of the cut', async () => {
    const s = scenario([['proxy.idleTimeoutMs', '5000']]);
    const tr = simulate(s, ['sse'], { traceClients: 1 }).results.sse!.trace!;
    const index = buildIndex(tr, 50);
    const head = tr.packets.find((p) => p.kind === 'response')!;
    const props = { id: 'sse' as const, index, proxy: proxyLimits(s) };
    const { container, rerender } = render(Lane, { ...props, playheadMs: head.sendMs + 2500 });
    const box = () => container.querySelector('[data-proxy]');
    await waitFor(() => expect(box()).not.toBeNull());
    // 2.5 s quiet of 5 s: the timer, no warning.
    expect(box()!.getAttribute('data-proxy')).toBe('2.5 s / 5.0 s');
    expect(box()!.textContent).toContain('2.5 s / 5.0 s');
    expect(container.querySelector('.proxy-box.near')).toBeNull();
    // 4.5 s quiet: within a fifth of the timeout, the box warns.
    await rerender({ ...props, playheadMs: head.sendMs + 4500 });
    expect(container.querySelector('.proxy-box.near')).not.toBeNull();
    // Cut 5 s after the last byte; the client hears of it one latency (50 ms) later.
    await rerender({ ...props, playheadMs: head.sendMs + 5000 + 50 + 10 });
    expect(box()!.getAttribute('data-proxy')).toBe('cut');
    expect(box()!.textContent).toContain('✂ cut');
    expect(container.querySelector('.proxy-box.cut')).not.toBeNull();
  });

  it('the sequence diagram draws the proxy as an axis beside the server, with each cut where it happened; none without one', () => {
    const s = scenario([['proxy.idleTimeoutMs', '5000']]);
    const tr = simulate(s, ['sse'], { traceClients: 1 }).results.sse!.trace!;
    const index = buildIndex(tr, 50);
    const head = tr.packets.find((p) => p.kind === 'response')!;
    const base = { index, client: 0, t0: 0, t1: 20000, playheadMs: 0, durationMs: 20000, selected: null, onselect: () => {}, latencyMs: 50 };
    const { container, unmount } = render(SequenceDiagram, { ...base, proxy: proxyLimits(s) });
    expect(container.querySelector('.proxy-axis')).not.toBeNull();
    const cuts = [...container.querySelectorAll('[data-cut]')].map((g) => Number(g.getAttribute('data-cut')));
    // The first cut 5 s after the head, the last byte the proxy saw, left the server; each marked "✂ cut".
    expect(cuts.length).toBeGreaterThan(1);
    expect(cuts[0]).toBeCloseTo(head.sendMs + 5000, 6);
    expect(container.querySelector('[data-cut]')!.textContent).toContain('✂ cut');
    // Each cut is followed by the page's reconnection: the client's band says "reconnecting" (the WebSocket page's pause), then a new connection's SYN.
    const ws = simulate(s, ['websocket'], { traceClients: 1 }).results.websocket!.trace!;
    const wsView = render(SequenceDiagram, { ...base, index: buildIndex(ws, 50), proxy: proxyLimits(s) });
    const reconnecting = [...wsView.container.querySelectorAll('text.band-label[data-state="reconnecting"]')];
    const wsCuts = wsView.container.querySelectorAll('[data-cut]').length;
    expect(wsCuts).toBeGreaterThan(1);
    expect(reconnecting.length).toBe(wsCuts);
    expect(reconnecting[0].textContent).toBe('reconnecting');
    const syns = ws.packets.filter((p) => p.label === 'SYN');
    expect(syns.length).toBe(wsCuts + 1);
    wsView.unmount();
    unmount();
    const plain = render(SequenceDiagram, { ...base, proxy: null });
    expect(plain.container.querySelector('.proxy-axis')).toBeNull();
    expect(plain.container.querySelector('[data-cut]')).toBeNull();
  });
});
