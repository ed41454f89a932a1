// @vitest-environment jsdom
// Chart components on a real simulate() run: one path per technique, the
// time cursor follows playheadMs, the summary table's numbers are the
// result's (recomputed here from the result fields), latency marks, media.
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
import { TECHNIQUE_LABEL } from '../../../src/viz/charts/palette';

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

  it('bandwidth split: one bar per technique whose segment widths are proportional to header/framing/payload', () => {
    const { container } = render(BandwidthChart, { results: run.results, playheadMs: 0, direction: 'down' });
    for (const id of TECHNIQUES) {
      const b = run.results[id]!.bytes.down;
      const rects = [...container.querySelectorAll<SVGRectElement>(`svg.split g[data-technique="${id}"] rect`)];
      const w: Record<string, number> = Object.fromEntries(rects.map((r) => [r.dataset.class!, Number(r.getAttribute('width'))]));
      const sum = Object.values(w).reduce((a, v) => a + v, 0);
      expect(w.payload / sum).toBeCloseTo(b.payload / b.total, 2);
      expect(w.header / sum).toBeCloseTo(b.header / b.total, 2);
    }
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
  it('says so when there is no media case', () => {
    render(MediaChart, { media: undefined });
    expect(screen.getByTestId('no-media').textContent).toMatch(/No media case/);
    expect(screen.queryByRole('img')).toBeNull();
  });
});
