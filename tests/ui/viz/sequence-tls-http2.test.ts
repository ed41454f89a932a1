// @vitest-environment jsdom
// The sequence diagram with TLS and HTTP/2 on the path (issue 10: "the TLS
// and HTTP/2 frames in the sequence diagram"): the handshake's flights are
// arrows of their own between TCP's and the first request, each named by its
// messages; on HTTP/2 every request and answer is labelled with its stream,
// odd client ids 1, 3, 5 (RFC 9113 §5.1.1), all on one connection.
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { resolveScenario, simulate } from '../../../src/sim';
import { installParts } from '../../../src/sim/parts';
import { buildIndex } from '../../../src/viz/trace-index';
import SequenceDiagram from '../../../src/viz/sequence/SequenceDiagram.svelte';
import { stubResizeObserver } from '../resize-observer';

beforeAll(() => {
  stubResizeObserver();
  installParts();
});

function draw(sets: [string, string][], technique: 'polling' | 'sse' = 'polling') {
  const s = resolveScenario({}, [['durationMs', '4000'], ...sets]);
  const tr = simulate(s, [technique], { traceClients: 1 }).results[technique]!.trace!;
  const { container } = render(SequenceDiagram, { index: buildIndex(tr, 50), client: 0, t0: 0, t1: 4000, playheadMs: 0, durationMs: 4000, selected: null, onselect: () => {}, latencyMs: 50, proxy: null });
  // Each arrow says its label in its accessible name ("<kind> client to server: <label>, sent …"); the drawn text may be left out where labels would collide.
  const arrows = [...container.querySelectorAll('g.arrow')].map((g) => ({ kind: g.getAttribute('data-kind'), label: /^[^:]+: (.*), sent /.exec(g.getAttribute('aria-label') ?? '')?.[1] ?? '' }));
  return { tr, arrows };
}

describe('TLS and HTTP/2 in the sequence diagram', () => {
  it('TLS 1.3: ClientHello and the server flight are drawn after SYN, SYN-ACK and before the first GET, named by their messages', () => {
    const { arrows } = draw([['tls.version', '1.3']]);
    const order = arrows.map((a) => a.label);
    const hello = order.indexOf('ClientHello');
    expect(order.slice(0, 2)).toEqual(['SYN', 'SYN-ACK']);
    expect(hello).toBe(2);
    expect(arrows[hello].kind).toBe('tls');
    expect(arrows[hello + 1]).toEqual({ kind: 'tls', label: 'ServerHello, Certificate, Finished' });
    expect(order[hello + 2]).toMatch(/^GET \/poll/);
  });

  it('TLS 1.2 draws its two round trips of flights; cleartext none', () => {
    const tls12 = draw([['tls.version', '1.2']]).arrows.filter((a) => a.kind === 'tls');
    expect(tls12.map((a) => a.label)).toEqual(['ClientHello', 'ServerHello, Certificate, ServerKeyExchange, ServerHelloDone', 'ClientKeyExchange, ChangeCipherSpec, Finished', 'NewSessionTicket, ChangeCipherSpec, Finished']);
    expect(draw([['tls.version', 'none']]).arrows.filter((a) => a.kind === 'tls')).toEqual([]);
  });

  it('HTTP/2: each poll and its answer carry their stream, 1, 3, 5 …; an SSE event its stream too', () => {
    const { tr, arrows } = draw([['http.version', '2']]);
    const gets = arrows.filter((a) => a.kind === 'request').map((a) => a.label);
    expect(gets.length).toBeGreaterThan(2);
    gets.forEach((l, i) => expect(l).toBe(`GET /poll [stream ${2 * i + 1}]`));
    for (const a of arrows.filter((x) => x.kind === 'response')) expect(a.label).toMatch(/\[stream \d+\]$/);
    expect(new Set(tr.packets.map((p) => p.conn)).size).toBe(1);
    const sse = draw([['http.version', '2'], ['server.updateRateHz', '2']], 'sse').arrows.filter((a) => a.kind === 'event');
    expect(sse.length).toBeGreaterThan(2);
    for (const a of sse) expect(a.label).toMatch(/^id: \d+ \[stream 1\]$/);
  });
});
