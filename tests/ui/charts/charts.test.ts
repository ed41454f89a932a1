// @vitest-environment jsdom
// Chart components on a real simulate() run: one path per technique, the
// time cursor follows playheadMs, the summary table's numbers are the
// result's (recomputed here from the result fields), latency marks, media.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Component } from 'svelte';
import { resolveScenario, simulate, type RunOutput } from '../../../src/sim';
import { TECHNIQUES, type TechniqueId } from '../../../src/sim/types';
import BandwidthChart from '../../../src/viz/charts/BandwidthChart.svelte';
import ConnectionsChart from '../../../src/viz/charts/ConnectionsChart.svelte';
import LatencyChart from '../../../src/viz/charts/LatencyChart.svelte';
import MediaChart from '../../../src/viz/charts/MediaChart.svelte';
import RequestsChart from '../../../src/viz/charts/RequestsChart.svelte';
import SummaryTable from '../../../src/viz/charts/SummaryTable.svelte';
import { TECHNIQUE_COLORS, TECHNIQUE_LABEL } from '../../../src/viz/charts/palette';
import ChartsHarness from './ChartsHarness.svelte';

let run: RunOutput;
beforeAll(() => {
  run = simulate(resolveScenario({ durationMs: 20000, clients: 2, client: { sendRateHz: 0.5 } }), TECHNIQUES, { traceClients: 0 });
});

const seriesPaths = (c: HTMLElement) => [...c.querySelectorAll<SVGPathElement>('path.series')];
const cursorX = (c: HTMLElement) => Number(c.querySelector('[data-testid="cursor"]')!.getAttribute('x1'));

describe('time charts', () => {
  type TimeChart = Component<{ results: RunOutput['results']; playheadMs: number; direction?: 'down' | 'up' }>;
  const cases: [string, TimeChart, { direction?: 'down' | 'up' }][] = [
    ['BandwidthChart down', BandwidthChart as TimeChart, { direction: 'down' }],
    ['BandwidthChart up', BandwidthChart as TimeChart, { direction: 'up' }],
    ['RequestsChart', RequestsChart as TimeChart, {}],
    ['ConnectionsChart', ConnectionsChart as TimeChart, {}],
  ];

  for (const [name, Comp, extra] of cases) {
    it(`${name}: one non-empty path per technique, in canonical order`, () => {
      const { container } = render(Comp, { results: run.results, playheadMs: 0, ...extra });
      const paths = seriesPaths(container);
      expect(paths.map((p) => p.dataset.technique)).toEqual([...TECHNIQUES]);
      for (const p of paths) expect(p.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+L/);
    });

    it(`${name}: the cursor moves right with playheadMs and is clamped`, async () => {
      const { container, rerender } = render(Comp, { results: run.results, playheadMs: 0, ...extra });
      const x0 = cursorX(container);
      await rerender({ results: run.results, playheadMs: 10000, ...extra });
      const xMid = cursorX(container);
      await rerender({ results: run.results, playheadMs: 20000, ...extra });
      const xEnd = cursorX(container);
      await rerender({ results: run.results, playheadMs: 999999, ...extra });
      expect(xMid).toBeGreaterThan(x0);
      expect(xEnd).toBeGreaterThan(xMid);
      // 20 s run: 10 s is half way along the axis.
      expect(xMid - x0).toBeCloseTo((xEnd - x0) / 2, 5);
      expect(cursorX(container)).toBe(xEnd);
    });
  }

  it('only the techniques present are drawn', () => {
    const { container } = render(RequestsChart, { results: { sse: run.results.sse, polling: run.results.polling }, playheadMs: 0 });
    expect(seriesPaths(container).map((p) => p.dataset.technique)).toEqual(['polling', 'sse']);
  });

  it('charts carry an accessible summary', () => {
    render(RequestsChart, { results: run.results, playheadMs: 0 });
    const img = screen.getByRole('img', { name: /Requests sent over time, cumulative/ });
    expect(img.getAttribute('aria-label')).toContain(`Polling ${run.results.polling!.requests}`);
  });

  it('requests chart end labels show each run total', () => {
    const { container } = render(RequestsChart, { results: run.results, playheadMs: 0 });
    for (const id of TECHNIQUES) {
      const label = container.querySelector(`.end-label[data-technique="${id}"] text`)!.textContent!;
      expect(label).toBe(`${TECHNIQUE_LABEL[id]} ${run.results[id]!.requests}`);
    }
  });

});

describe('BandwidthChart by byte class', () => {
  // A run whose last bin is shorter than binMs (20.5 s in 200 ms bins).
  let short: RunOutput;
  beforeAll(() => {
    short = simulate(resolveScenario({ durationMs: 20500, clients: 2, client: { sendRateHz: 0.5 } }), TECHNIQUES, { traceClients: 0 });
  });
  const CLASSES = ['header', 'framing', 'payload'];
  const areas = (c: HTMLElement) => [...c.querySelectorAll<SVGPathElement>('svg.split path.area')];
  /** Points of an area path ("M x,y L x,y … Z"). */
  const points = (d: string) =>
    d
      .replace(/Z$/, '')
      .slice(1)
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
  /** The mini chart's y scale, inverted from its grid lines (data-value at y1). */
  const valueAtY = (mini: Element) => {
    const ticks = [...mini.querySelectorAll('line.grid')].map((l) => ({ v: Number(l.getAttribute('data-value')), y: Number(l.getAttribute('y1')) }));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const [a, b] = [ticks[0], ticks[ticks.length - 1]];
    return (y: number) => a.v + ((y - a.y) * (b.v - a.v)) / (b.y - a.y);
  };

  for (const direction of ['down', 'up'] as const) {
    it(`${direction}: one stacked area per technique × class, header at the bottom`, () => {
      const { container } = render(BandwidthChart, { results: run.results, playheadMs: 0, direction });
      const all = areas(container);
      expect(all.map((p) => `${p.dataset.technique}/${p.dataset.class}`)).toEqual(TECHNIQUES.flatMap((id) => CLASSES.map((c) => `${id}/${c}`)));
      for (const p of all) expect(p.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+L.*Z$/);
      expect(container.querySelectorAll('svg.split g.mini')).toHaveLength(TECHNIQUES.length);
      expect(container.querySelector('figcaption')!.textContent).toMatch(/split into header, framing and payload over time/);
      expect(container.textContent).not.toMatch(/run totals/);
    });
  }

  it('the top of each stack is the technique\'s bytesDown rate per bin, the bottom layer its header rate (short last bin)', () => {
    const { container } = render(BandwidthChart, { results: short.results, playheadMs: 0, direction: 'down' });
    for (const id of TECHNIQUES) {
      const s = short.results[id]!.series;
      const n = s.tMs.length;
      expect(s.durationMs).toBe(20500);
      expect(s.tMs[n - 1] + s.binMs).toBeGreaterThan(s.durationMs);
      const mini = container.querySelector(`g.mini[data-technique="${id}"]`)!;
      const toValue = valueAtY(mini);
      const top = points(mini.querySelector('path[data-class="payload"]')!.getAttribute('d')!);
      const bottom = points(mini.querySelector('path[data-class="header"]')!.getAttribute('d')!);
      // Step area over m bins: 1 + 2m points along the top, as many back along the base.
      const m = (top.length - 2) / 4;
      expect(Number.isInteger(m)).toBe(true);
      expect(m).toBeLessThanOrEqual(30);
      const k = Math.ceil(n / m); // bins merged per step
      expect(Math.ceil(n / k)).toBe(m);
      const xEnd = top[2 * m][0];
      for (let g = 0; g < m; g++) {
        const i0 = g * k;
        const i1 = Math.min(n, i0 + k);
        const t0 = s.tMs[i0];
        const t1 = i1 === n ? s.durationMs : s.tMs[i1];
        let down = 0;
        let header = 0;
        for (let i = i0; i < i1; i++) {
          down += s.bytesDown[i];
          header += s.bytesByClass.down.header[i];
        }
        const scale = Math.max(1, (down * 1000) / (t1 - t0));
        expect(toValue(top[2 * g][1]) / scale).toBeCloseTo((down * 1000) / (t1 - t0) / scale, 3);
        expect(toValue(bottom[2 * g][1]) / scale).toBeCloseTo((header * 1000) / (t1 - t0) / scale, 3);
        // Steps start at their bin's start on an axis that ends at durationMs.
        expect(top[2 * g][0] / xEnd).toBeCloseTo(t0 / s.durationMs, 4);
      }
    }
  });

  it('the small charts share one y scale and carry the time cursor', async () => {
    const { container, rerender } = render(BandwidthChart, { results: short.results, playheadMs: 0, direction: 'down' });
    const grids = (id: TechniqueId) => [...container.querySelectorAll(`g.mini[data-technique="${id}"] line.grid`)].map((l) => `${l.getAttribute('data-value')}@${l.getAttribute('y1')}`);
    for (const id of TECHNIQUES) expect(grids(id)).toEqual(grids('polling'));
    const cursors = () => [...container.querySelectorAll('[data-testid="mini-cursor"]')].map((l) => Number(l.getAttribute('x1')));
    expect(cursors()).toEqual(new Array(TECHNIQUES.length).fill(0));
    await rerender({ results: short.results, playheadMs: 10250, direction: 'down' });
    const domain = container.querySelector('g.mini line.domain')!;
    const w = Number(domain.getAttribute('x2')) - Number(domain.getAttribute('x1'));
    for (const x of cursors()) expect(x).toBeCloseTo(w / 2, 6);
  });
});

describe('LatencyChart', () => {
  it('one histogram per technique, mean and p95 marks in order, stats text', () => {
    const { container } = render(LatencyChart, { results: run.results });
    const hists = [...container.querySelectorAll<SVGPathElement>('path.hist')];
    expect(hists.map((h) => h.dataset.technique)).toEqual([...TECHNIQUES]);
    for (const id of TECHNIQUES) {
      const lat = run.results[id]!.latencyMs;
      const p95 = container.querySelector(`[data-testid="p95-${id}"]`)!;
      const mean = container.querySelector(`[data-testid="mean-${id}"]`)!;
      // mean marker is a triangle centred at x(mean): "M{x-7},..."
      const meanX = Number(mean.getAttribute('d')!.slice(1).split(',')[0]) + 7;
      const p95X = Number(p95.getAttribute('x1'));
      expect(Math.sign(p95X - meanX)).toBe(Math.sign(lat.p95! - lat.mean!));
      const row = container.querySelector(`g.row[data-technique="${id}"]`) as HTMLElement;
      expect(row.textContent).toContain(`p95 ${lat.p95!.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`);
    }
  });
  it('polling is drawn to the right of WebSocket (higher latency further right on the shared axis)', () => {
    const { container } = render(LatencyChart, { results: run.results });
    const meanX = (id: TechniqueId) => Number(container.querySelector(`[data-testid="mean-${id}"]`)!.getAttribute('d')!.slice(1).split(',')[0]);
    expect(meanX('polling')).toBeGreaterThan(meanX('websocket'));
  });
});

describe('SummaryTable', () => {
  it('shows the result numbers, overhead = (header + framing) / total of both directions', () => {
    render(SummaryTable, { results: run.results });
    const table = screen.getByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent!.trim());
    expect(headers).toEqual([
      'Technique',
      'Requests',
      'Empty responses',
      'Bytes down (B)',
      'Bytes up (B)',
      'Overhead',
      'Mean latency (ms)',
      'p95 latency (ms)',
      'Connections opened',
      'Max open',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    rows.forEach((row, i) => {
      const id = TECHNIQUES[i];
      const r = run.results[id]!;
      const cells = within(row).getAllByRole('cell').map((c) => c.textContent!.trim());
      expect(within(row).getByRole('rowheader').textContent!.trim()).toBe(TECHNIQUE_LABEL[id]);
      const up = r.bytes.up;
      const down = r.bytes.down;
      const overhead = (100 * (up.header + up.framing + down.header + down.framing)) / (up.total + down.total);
      const grouped = (n: number) => n.toLocaleString('en-US');
      const ms = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect(cells).toEqual([
        grouped(r.requests),
        grouped(r.emptyResponses),
        grouped(down.total),
        grouped(up.total),
        `${overhead.toFixed(1)}%`,
        ms(r.latencyMs.mean!),
        ms(r.latencyMs.p95!),
        grouped(r.connectionsOpened),
        grouped(r.maxOpenConnections),
      ]);
    });
  });
  it('polling has empty responses and more requests than SSE; bytes sum over both directions', () => {
    render(SummaryTable, { results: run.results });
    const cell = (id: TechniqueId, col: number) => {
      const row = screen.getAllByRole('row').find((r) => r.getAttribute('data-technique') === id)!;
      const cells = within(row).getAllByRole('cell');
      return Number(cells[col].textContent!.replace(/,/g, ''));
    };
    expect(cell('polling', 1)).toBeGreaterThan(0);
    expect(cell('polling', 0)).toBeGreaterThan(cell('sse', 0));
    expect(cell('sse', 1)).toBe(0);
  });
  it('a technique without latency samples shows a dash', () => {
    const r = structuredClone(run.results.sse!);
    r.latencyMs = { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 };
    render(SummaryTable, { results: { sse: r } });
    const cells = screen.getAllByRole('cell').map((c) => c.textContent!.trim());
    expect(cells[5]).toBe('–');
    expect(cells[6]).toBe('–');
  });
});

describe('MediaChart', () => {
  it('two timelines; streaming starts playback before downloading first does', () => {
    const media = run.results.streaming!.media!;
    const { container } = render(MediaChart, { media });
    const bar = (row: string, kind: string) => container.querySelector<SVGRectElement>(`g[data-row="${row}"] rect[data-kind="${kind}"]`)!;
    const x = (r: SVGRectElement) => Number(r.getAttribute('x'));
    const w = (r: SVGRectElement) => Number(r.getAttribute('width'));
    expect(x(bar('streamed', 'playing'))).toBeLessThan(x(bar('download-first', 'playing')));
    // Both play for the same time (no stalls here): equal widths.
    expect(media.stalls).toBe(0);
    expect(w(bar('streamed', 'playing'))).toBeCloseTo(w(bar('download-first', 'playing')), 6);
    expect(screen.getByText('Time to first chunk').nextElementSibling!.textContent).toBe(`${Math.round(media.timeToFirstChunkMs) / 1000} s`);
  });
  it('draws each stall where it happened, between stretches of playback', () => {
    const slow = simulate(
      resolveScenario({ durationMs: 10000, clients: 1, network: { bandwidthKbps: 1000, latencyMs: 100, jitterMs: 0 }, streaming: { mediaBytes: 500000, mediaBitrateKbps: 1200 } }),
      ['streaming'],
      { traceClients: 0 },
    );
    const media = slow.results.streaming!.media!;
    expect(media.stallIntervals.length).toBeGreaterThan(3);
    const { container } = render(MediaChart, { media });
    // The time axis, inverted from its tick labels ("2 s" at x = …).
    const ticks = [...container.querySelectorAll('.x-axis text.tick-label')].map((t) => ({ ms: parseFloat(t.textContent!) * 1000, x: Number(t.getAttribute('x')) }));
    const [a, b] = [ticks[0], ticks[ticks.length - 1]];
    const msAt = (x: number) => a.ms + ((x - a.x) * (b.ms - a.ms)) / (b.x - a.x);
    const pxPerMs = (b.x - a.x) / (b.ms - a.ms);
    const segs = [...container.querySelectorAll<SVGRectElement>('g[data-row="streamed"] rect.seg')];
    const stalls = segs.filter((r) => r.dataset.kind === 'stalled');
    expect(stalls).toHaveLength(media.stallIntervals.length);
    stalls.forEach((r, i) => {
      const st = media.stallIntervals[i];
      expect(Math.abs(msAt(Number(r.getAttribute('x'))) - st.atMs)).toBeLessThan(0.5);
      expect(Number(r.getAttribute('width'))).toBeCloseTo(Math.max(2, st.durationMs * pxPerMs), 4);
    });
    // waiting, then playing and stalled alternating, ending with playing.
    const kinds = segs.map((r) => r.dataset.kind);
    expect(kinds[0]).toBe('waiting');
    expect(kinds.at(-1)).toBe('playing');
    kinds.slice(1).forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'playing' : 'stalled'));
    // The last stall ends well before playback does: not one block at the end.
    const last = media.stallIntervals.at(-1)!;
    expect(last.atMs + last.durationMs).toBeLessThan(media.finishMs - 100);
    const first = media.stallIntervals[0];
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain(`stalls (${Math.round(media.stallMs) / 1000} s in all) at ${Math.round(first.atMs) / 1000} s (${Math.round(first.durationMs) / 1000} s)`);
  });
  it('says so when there is no media case', () => {
    render(MediaChart, { media: undefined });
    expect(screen.getByTestId('no-media').textContent).toMatch(/No media case/);
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('theme', () => {
  // Neutral inks, widths and font sizes come from the theme's custom
  // properties; the only literal colours are the palette's technique colours.
  const HEX = /#[0-9a-f]{3,8}\b/gi;
  const allowed = new Set(Object.values(TECHNIQUE_COLORS).map((c) => c.toLowerCase()));

  it('rendered charts carry no hard-coded colour except the technique palette; text gets its fill from CSS', () => {
    const { container } = render(ChartsHarness, { results: run.results, media: run.results.streaming!.media! });
    expect(container.querySelectorAll('svg').length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const el of container.querySelectorAll('*')) {
      for (const attr of ['fill', 'stroke', 'color', 'style', 'stop-color']) {
        for (const hex of el.getAttribute(attr)?.match(HEX) ?? []) if (!allowed.has(hex.toLowerCase())) found.push(`<${el.tagName} ${attr}="${hex}">`);
      }
      if (el.tagName.toLowerCase() === 'text') {
        expect(el.getAttribute('fill')).toBeNull();
        expect(el.getAttribute('style')).toBeNull();
      }
      // Technique lines: width from CSS (--line-width), not an attribute.
      expect(el.getAttribute('stroke-width')).toBeNull();
    }
    expect(found).toEqual([]);
    // Technique colours are still there, on the lines.
    const polling = container.querySelector('path.series[data-technique="polling"]')!;
    expect(polling.getAttribute('stroke')).toBe(TECHNIQUE_COLORS.polling);
  });

  it('every colour, width and font size in the components\' styles goes through a theme variable', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'viz', 'charts') + '/';
    const files = readdirSync(dir).filter((f) => f.endsWith('.svelte'));
    expect(files.length).toBeGreaterThan(8);
    // Okabe-Ito colours with a meaning of their own (payload, playing, stalled) and white labels on them.
    const fixed = new Set(['#56b4e9', '#0072b2', '#d55e00', '#fff']);
    const bad: string[] = [];
    let vars = 0;
    for (const f of files) {
      const css = readFileSync(dir + f, 'utf8').split('<style>')[1]?.split('</style>')[0] ?? '';
      for (const decl of css.split(/[;{}]/)) {
        const m = /^\s*(fill|stroke|color|background|border[a-z-]*|stroke-width|font-size)\s*:(.*)$/s.exec(decl);
        if (!m) continue;
        const value = m[2].trim();
        if (/var\(--/.test(value)) {
          vars++;
          // A literal only as the fallback of var(--x, literal).
          if (value.replace(/var\(--[a-z-]+,\s*[^)]*\)/g, '').match(HEX)) bad.push(`${f}: ${decl.trim()}`);
          continue;
        }
        if (m[1] === 'stroke-width' && /^(1px|none)$/.test(value)) continue; // hairline grids and separators
        if (m[1] === 'stroke' && value === 'none') continue;
        if ((m[1] === 'fill' || m[1] === 'background') && fixed.has(value.toLowerCase())) continue;
        if (m[1] === 'fill' && value === 'none') continue;
        if (m[1] === 'border-collapse') continue;
        bad.push(`${f}: ${decl.trim()}`);
      }
    }
    expect(bad).toEqual([]);
    expect(vars).toBeGreaterThan(30);
  });
});
