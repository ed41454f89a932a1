// Pure chart geometry: rates (short last bin), byte classes over time and
// their stacked areas, cumulative counts, byte splits, histogram
// shares, label spreading, media timelines, ticks and the cursor.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear } from 'd3';
import type { MediaResult, Series } from '../../../src/sim/types';
import { fmtBytes, fmtPct, fmtSi } from '../../../src/viz/charts/format';
import { cursorX, plotBox, ticks125, FALLBACK_WIDTH, MIN_WIDTH } from '../../../src/viz/charts/scales';
import {
  byteSegments,
  bytesPerSecond,
  perSecond,
  classRates,
  cumulativeAtBinEnds,
  histogramBins,
  latencyExtent,
  LOG_ZERO_MS,
  maxClassTotal,
  mediaTimelines,
  meanRate,
  openConnectionsAtBinEnds,
  seriesSpanMs,
  spreadLabels,
  stackedClassAreas,
} from '../../../src/viz/charts/series';

function series(binMs: number, bytesDown: number[], extra: Partial<Series> = {}): Series {
  const n = bytesDown.length;
  return {
    binMs,
    durationMs: n * binMs,
    tMs: bytesDown.map((_, i) => i * binMs),
    bytesByClass: {
      up: { header: new Array(n).fill(0), framing: new Array(n).fill(0), payload: new Array(n).fill(0) },
      down: { header: new Array(n).fill(0), framing: new Array(n).fill(0), payload: bytesDown.slice() },
    },
    bytesUp: new Array(n).fill(0),
    bytesDown,
    requests: new Array(n).fill(0),
    messagesDelivered: new Array(n).fill(0),
    openConnections: new Array(n).fill(0),
    connectionsOpened: new Array(n).fill(0),
    cpuBusyUs: new Array(n).fill(0),
    queuedMessages: new Array(n).fill(0),
    ...extra,
  };
}

describe('bytesPerSecond', () => {
  it('divides each bin by its width in seconds', () => {
    const { binMs, pts } = bytesPerSecond(series(500, [100, 0, 250]), 'down');
    expect(binMs).toBe(500);
    expect(pts).toEqual([
      { t: 0, v: 200 },
      { t: 500, v: 0 },
      { t: 1000, v: 500 },
    ]);
  });
  it('merges bins in groups of ceil(n / maxBins), keeping total bytes; the last group ends with the run', () => {
    const { binMs, endMs, pts } = bytesPerSecond(series(500, [100, 300, 50, 50, 1000]), 'down', 2);
    // k = ceil(5/2) = 3 -> groups of 1500 ms: [100+300+50] over 0-1.5 s, [50+1000] over 1.5-2.5 s (the run's end).
    expect(binMs).toBe(1500);
    expect(endMs).toBe(2500);
    expect(pts.map((p) => p.t)).toEqual([0, 1500]);
    expect(pts[0].v).toBeCloseTo((450 * 1000) / 1500);
    expect(pts[1].v).toBeCloseTo((1050 * 1000) / 1000);
  });
  it('a last bin shorter than binMs (durationMs inside it) is divided by its own width', () => {
    const s = series(1000, [100, 200, 300], { durationMs: 2250 });
    expect(seriesSpanMs(s)).toBe(2250);
    const { endMs, pts } = bytesPerSecond(s, 'down');
    expect(endMs).toBe(2250);
    expect(pts).toEqual([
      { t: 0, v: 100 },
      { t: 1000, v: 200 },
      { t: 2000, v: 1200 },
    ]);
    expect(meanRate(s, 'down')).toBeCloseTo((600 * 1000) / 2250);
    expect(cumulativeAtBinEnds(s, [1, 1, 1]).map((p) => p.t)).toEqual([0, 1000, 2000, 2250]);
    expect(openConnectionsAtBinEnds(s).at(-1)!.t).toBe(2250);
    // A durationMs outside the last bin falls back to its full width.
    expect(seriesSpanMs({ ...s, durationMs: 0 })).toBe(3000);
  });
  it('property: rate × width summed over merged bins = total bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10000), { minLength: 1, maxLength: 130 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 250 }), (bytes, maxBins, lastMs) => {
        const { endMs, pts } = bytesPerSecond(series(250, bytes, { durationMs: (bytes.length - 1) * 250 + lastMs }), 'down', maxBins);
        expect(pts.length).toBeLessThanOrEqual(maxBins);
        const back = pts.reduce((a, p, i) => a + (p.v * ((pts[i + 1]?.t ?? endMs) - p.t)) / 1000, 0);
        expect(back).toBeCloseTo(
          bytes.reduce((a, b) => a + b, 0),
          6,
        );
      }),
    );
  });
  it('meanRate = all bytes / span', () => {
    expect(meanRate(series(1000, [100, 200, 300]), 'down')).toBeCloseTo(200);
  });
});

describe('byte classes over time', () => {
  const cls = (header: number[], framing: number[], payload: number[]) =>
    series(1000, header.map((h, i) => h + framing[i] + payload[i]), {
      bytesByClass: { up: { header: [0, 0, 0], framing: [0, 0, 0], payload: [0, 0, 0] }, down: { header, framing, payload } },
      durationMs: 2500,
    });
  it('class rates add up to the bin rate, bins merged the same way', () => {
    const s = cls([10, 20, 30], [1, 2, 3], [100, 0, 50]);
    for (const maxBins of [Infinity, 2, 1]) {
      const rows = classRates(s, 'down', maxBins);
      const { pts } = bytesPerSecond(s, 'down', maxBins);
      expect(rows.map((r) => r.t0)).toEqual(pts.map((p) => p.t));
      rows.forEach((r, i) => expect(r.header + r.framing + r.payload).toBeCloseTo(pts[i].v, 9));
    }
    const rows = classRates(s, 'down');
    expect(rows[2]).toEqual({ t0: 2000, t1: 2500, header: 60, framing: 6, payload: 100 });
    expect(maxClassTotal(rows)).toBeCloseTo(166);
  });
  it('stacked areas: header at the bottom, payload on top, each a closed step area ending at the run end', () => {
    const s = cls([10, 20, 30], [1, 2, 3], [100, 0, 50]);
    const rows = classRates(s, 'down');
    const x = scaleLinear().domain([0, 2500]).range([0, 250]);
    const y = scaleLinear().domain([0, 200]).range([200, 0]);
    const areas = stackedClassAreas(rows, x, y);
    expect(areas.map((a) => a.cls)).toEqual(['header', 'framing', 'payload']);
    const pts = (d: string) => d.replace(/Z$/, '').slice(1).split('L').map((p) => p.split(',').map(Number));
    // Top edge of the payload area: (0, total0) … step … (250, total2); totals 111, 22, 166.
    const top = pts(areas[2].d).slice(0, 6);
    expect(top).toEqual([
      [0, 200 - 111],
      [100, 200 - 111],
      [100, 200 - 22],
      [200, 200 - 22],
      [200, 200 - 166],
      [250, 200 - 166],
    ]);
    // The header area starts from the baseline.
    expect(pts(areas[0].d).at(-1)).toEqual([0, 200]);
    expect(stackedClassAreas([], x, y).map((a) => a.d)).toEqual(['', '', '']);
  });
});

describe('cumulative and open connections', () => {
  it('cumulative requests at bin ends, from (0, 0)', () => {
    const s = series(1000, [0, 0, 0], { requests: [1, 0, 2] });
    expect(cumulativeAtBinEnds(s, s.requests)).toEqual([
      { t: 0, v: 0 },
      { t: 1000, v: 1 },
      { t: 2000, v: 1 },
      { t: 3000, v: 3 },
    ]);
  });
  it('open connections at bin ends, from 0 at t = 0', () => {
    const s = series(200, [0, 0], { openConnections: [1, 2] });
    expect(openConnectionsAtBinEnds(s)).toEqual([
      { t: 0, v: 0 },
      { t: 200, v: 1 },
      { t: 400, v: 2 },
    ]);
  });
});

describe('byteSegments', () => {
  it('consecutive shares that add up to 1', () => {
    const segs = byteSegments({ header: 300, framing: 100, payload: 600, total: 1000 });
    expect(segs.map((s) => s.cls)).toEqual(['header', 'framing', 'payload']);
    expect(segs.map((s) => s.share)).toEqual([0.3, 0.1, 0.6]);
    expect(segs.map((s) => s.start)).toEqual([0, 0.3, 0.4]);
  });
  it('all zero -> zero shares, no NaN', () => {
    expect(byteSegments({ header: 0, framing: 0, payload: 0, total: 0 }).every((s) => s.share === 0)).toBe(true);
  });
});

describe('latency histogram', () => {
  const h = { edgesMs: [0, 1, 2, 5, 10, 20, 50, 100], counts: [0, 0, 0, 0, 0, 3, 1] };
  it('shares of all samples per bin', () => {
    const b = histogramBins(h);
    expect(b).toHaveLength(7);
    expect(b[5]).toEqual({ x0: 20, x1: 50, count: 3, share: 0.75 });
    expect(b[6].share).toBe(0.25);
  });
  it('extent = first non-empty lower edge .. last non-empty upper edge, over all histograms', () => {
    expect(latencyExtent([h])).toEqual([20, 100]);
    expect(latencyExtent([h, { edgesMs: [0, 1, 2, 5], counts: [0, 2, 0] }])).toEqual([1, 100]);
    expect(latencyExtent([{ edgesMs: [0, 1, 2], counts: [4, 0] }])).toEqual([LOG_ZERO_MS, 1]);
    expect(latencyExtent([{ edgesMs: [0, 1], counts: [0] }])).toEqual([1, 1000]);
  });
});

describe('spreadLabels', () => {
  it('keeps labels that are apart, pushes close ones up by the gap, in input order', () => {
    expect(spreadLabels([100, 50], 16)).toEqual([100, 50]);
    expect(spreadLabels([100, 100, 100], 16)).toEqual([100, 84, 68]);
    expect(spreadLabels([90, 100], 16)).toEqual([84, 100]);
  });
  it('keeps labels inside [minY, maxY]: a stack at the top edge is pushed back down', () => {
    expect(spreadLabels([10, 10, 10], 16, 0, 300)).toEqual([32, 16, 0]);
    expect(spreadLabels([400, 5], 16, 0, 300)).toEqual([300, 5]);
  });
  it('property with bounds: inside the band and at least the gap apart when they fit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 350 }), { maxLength: 8 }), (ys) => {
        const out = spreadLabels(ys, 16, 0, 300);
        out.forEach((y) => {
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(300);
        });
        const s = [...out].sort((a, b) => a - b);
        for (let i = 1; i < s.length; i++) expect(s[i] - s[i - 1]).toBeGreaterThanOrEqual(16 - 1e-9);
      }),
    );
  });
  it('property: every pair at least the gap apart, no label moved down', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 8 }), (ys) => {
        const out = spreadLabels(ys, 16);
        out.forEach((y, i) => expect(y).toBeLessThanOrEqual(ys[i]));
        const s = [...out].sort((a, b) => a - b);
        for (let i = 1; i < s.length; i++) expect(s[i] - s[i - 1]).toBeGreaterThanOrEqual(16 - 1e-9);
      }),
    );
  });
});

describe('mediaTimelines', () => {
  const m: MediaResult = {
    mediaBytes: 2e6,
    chunkBytes: 16384,
    bitrateKbps: 1000,
    playbackMs: 16000,
    timeToFirstChunkMs: 200,
    startupMs: 200,
    completeMs: 1800,
    stalls: 2,
    stallMs: 500,
    stallIntervals: [
      { atMs: 5000, durationMs: 300 },
      { atMs: 9000, durationMs: 200 },
    ],
    stallIntervalsOmitted: 0,
    finishMs: 16700,
    downloadFirst: { startupMs: 1800, finishMs: 17800 },
  };
  it('streamed: waiting, then playing interrupted by each stall where it happened; download first: downloading then playing', () => {
    const t = mediaTimelines(m);
    expect(t.streamed).toEqual([
      { kind: 'waiting', fromMs: 0, toMs: 200 },
      { kind: 'playing', fromMs: 200, toMs: 5000 },
      { kind: 'stalled', fromMs: 5000, toMs: 5300 },
      { kind: 'playing', fromMs: 5300, toMs: 9000 },
      { kind: 'stalled', fromMs: 9000, toMs: 9200 },
      { kind: 'playing', fromMs: 9200, toMs: 16700 },
    ]);
    const total = (kind: string) => t.streamed.filter((g) => g.kind === kind).reduce((a, g) => a + g.toMs - g.fromMs, 0);
    expect(total('playing')).toBe(m.playbackMs);
    expect(total('stalled')).toBe(m.stallMs);
    expect(t.downloadFirst).toEqual([
      { kind: 'downloading', fromMs: 0, toMs: 1800 },
      { kind: 'playing', fromMs: 1800, toMs: 17800 },
    ]);
    expect(t.endMs).toBe(17800);
  });
  it('no stall segment when there was no stall', () => {
    expect(mediaTimelines({ ...m, stalls: 0, stallMs: 0, stallIntervals: [], finishMs: 16200 }).streamed.map((s) => s.kind)).toEqual(['waiting', 'playing']);
  });
});

describe('scales and formats', () => {
  it('1-2-5 ticks', () => {
    expect(ticks125(20, 2000)).toEqual([20, 50, 100, 200, 500, 1000, 2000]);
    expect(ticks125(0.5, 10)).toEqual([0.5, 1, 2, 5, 10]);
    expect(ticks125(1, 1e6, 8)).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
    expect(ticks125(0, 10)).toEqual([]);
  });
  it('cursor clamps into the time domain', () => {
    const x = scaleLinear().domain([0, 60000]).range([50, 650]);
    expect(cursorX(x, 30000)).toBe(350);
    expect(cursorX(x, -5)).toBe(50);
    expect(cursorX(x, 1e9)).toBe(650);
    expect(cursorX(x, NaN)).toBe(50);
  });
  it('plot box: fallback width without layout, minimum width, margins', () => {
    expect(plotBox(0, 300, { top: 10, right: 20, bottom: 30, left: 40 })).toMatchObject({ width: FALLBACK_WIDTH, x0: 40, x1: FALLBACK_WIDTH - 20, y0: 10, y1: 270 });
    expect(plotBox(100, 300, { top: 0, right: 0, bottom: 0, left: 0 }).width).toBe(MIN_WIDTH);
  });
  it('formats', () => {
    expect(fmtBytes(999)).toBe('999 B');
    expect(fmtBytes(24851)).toBe('24.9 kB');
    expect(fmtPct(0.4123)).toBe('41.2%');
    expect(fmtPct(null)).toBe('–');
    expect(fmtSi(0.25)).toBe('0.25');
    expect(fmtSi(1500)).toBe('1.5k');
  });
});

describe('perSecond (the server chart: connections opened, CPU µs)', () => {
  it('a per-bin count over each bin’s width: 4 connections in a 500 ms bin is 8 a second; the short last bin over its own width', () => {
    const s = series(500, [0, 0, 0], { connectionsOpened: [0, 4, 1], durationMs: 1250, tMs: [0, 500, 1000] });
    const r = perSecond(s, s.connectionsOpened);
    expect(r.pts.map((p) => p.v)).toEqual([0, 8, 4]);
    expect(r.endMs).toBe(1250);
  });
});
