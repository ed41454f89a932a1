// Pure data → geometry helpers for the charts: per-second rates, cumulative
// counts, step paths, byte splits, histogram shares, media timelines.
// Unit-tested in tests/ui/charts/series.test.ts.

import { area, curveStepAfter, curveStepBefore, line, stack, type ScaleLinear, type ScaleLogarithmic, type SeriesPoint } from 'd3';
import { TECHNIQUES, type ByteTotals, type Histogram, type MediaResult, type Series, type TechniqueId, type TechniqueResult } from '../../sim/types';

export type Results = Partial<Record<TechniqueId, TechniqueResult>>;

type XScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** Techniques present in `results`, in the canonical order. */
export function presentTechniques(results: Results): TechniqueId[] {
  return TECHNIQUES.filter((id) => results[id] !== undefined);
}

/** End of a series' time axis, ms: its durationMs (the last bin may be shorter than binMs), else the last bin's end. */
export function seriesSpanMs(s: Series): number {
  const n = s.tMs.length;
  if (n === 0) return 0;
  const last = s.tMs[n - 1];
  const full = last + s.binMs;
  return Number.isFinite(s.durationMs) && s.durationMs > last ? Math.min(full, s.durationMs) : full;
}

/** End of the time axis over all techniques, ms (0 when there are no results). */
export function seriesEndMs(results: Results): number {
  let end = 0;
  for (const id of presentTechniques(results)) end = Math.max(end, seriesSpanMs(results[id]!.series));
  return end;
}

export interface Pt {
  t: number;
  v: number;
}

/** A run of adjacent bins [i0, i1) merged into one step over [t0, t1) ms. */
export interface MergedBin {
  i0: number;
  i1: number;
  t0: number;
  t1: number;
}

/**
 * Adjacent bins merged in groups of k = ceil(bins / maxBins), so that a chart
 * shows at most `maxBins` steps. Each group spans k × binMs, except the last,
 * which ends at the series' durationMs (the run may end inside its last bin).
 */
export function mergeBins(s: Series, maxBins = Infinity): { binMs: number; bins: MergedBin[] } {
  const n = s.tMs.length;
  const k = Math.max(1, Math.ceil(n / Math.max(1, maxBins)));
  const span = seriesSpanMs(s);
  const bins: MergedBin[] = [];
  for (let i = 0; i < n; i += k) {
    const i1 = Math.min(n, i + k);
    bins.push({ i0: i, i1, t0: s.tMs[i], t1: i1 === n ? span : s.tMs[i1] });
  }
  return { binMs: s.binMs * k, bins };
}

function sumRange(values: readonly number[], i0: number, i1: number): number {
  let sum = 0;
  for (let j = i0; j < i1; j++) sum += values[j] ?? 0;
  return sum;
}

/** Bytes / width in seconds (0 for an empty width). */
const rate = (bytes: number, fromMs: number, toMs: number): number => (toMs > fromMs ? (bytes * 1000) / (toMs - fromMs) : 0);

/**
 * Bytes per second over time, bins merged as in mergeBins: the rate of a
 * merged bin is its bytes / its width in seconds, the last one's width ending
 * at durationMs. `endMs` is where the last step ends.
 */
export function bytesPerSecond(s: Series, dir: 'up' | 'down', maxBins = Infinity): { binMs: number; endMs: number; pts: Pt[] } {
  return perSecond(s, dir === 'down' ? s.bytesDown : s.bytesUp, maxBins);
}

/** A per-bin count (bytes, connections opened, CPU µs) as a rate per second over merged bins, held over each bin. */
export function perSecond(s: Series, values: readonly number[], maxBins = Infinity): { binMs: number; endMs: number; pts: Pt[] } {
  const { binMs, bins } = mergeBins(s, maxBins);
  const pts = bins.map((b) => ({ t: b.t0, v: rate(sumRange(values, b.i0, b.i1), b.t0, b.t1) }));
  return { binMs, endMs: bins.length > 0 ? bins[bins.length - 1].t1 : 0, pts };
}

export const BYTE_CLASSES = ['header', 'framing', 'payload'] as const;
export type ByteClass = (typeof BYTE_CLASSES)[number];

/** Per merged bin: when it starts and ends, and each byte class's rate in bytes per second. */
export interface ClassRates extends Record<ByteClass, number> {
  t0: number;
  t1: number;
}

/** bytesByClass as bytes per second, bins merged as in bytesPerSecond (so the three rates of a bin add up to its rate). */
export function classRates(s: Series, dir: 'up' | 'down', maxBins = Infinity): ClassRates[] {
  const by = s.bytesByClass[dir];
  return mergeBins(s, maxBins).bins.map((b) => ({
    t0: b.t0,
    t1: b.t1,
    header: rate(sumRange(by.header, b.i0, b.i1), b.t0, b.t1),
    framing: rate(sumRange(by.framing, b.i0, b.i1), b.t0, b.t1),
    payload: rate(sumRange(by.payload, b.i0, b.i1), b.t0, b.t1),
  }));
}

/** Highest total (header + framing + payload) rate of any bin. */
export function maxClassTotal(rows: readonly ClassRates[]): number {
  let m = 0;
  for (const r of rows) m = Math.max(m, r.header + r.framing + r.payload);
  return m;
}

/**
 * Stacked step areas of the class rates, header at the bottom, payload on
 * top (d3.stack + d3.area): each value is held over its bin, the last up to
 * the bin's end. The top of the payload area is the technique's total rate.
 */
export function stackedClassAreas(rows: readonly ClassRates[], x: XScale, y: ScaleLinear<number, number>): { cls: ByteClass; d: string }[] {
  if (rows.length === 0) return BYTE_CLASSES.map((cls) => ({ cls, d: '' }));
  type Row = ClassRates & { t: number };
  const last = rows[rows.length - 1];
  const data: Row[] = [...rows.map((r) => ({ ...r, t: r.t0 })), { ...last, t: last.t1 }];
  const layers = stack<Row, ByteClass>()
    .keys(BYTE_CLASSES)
    .value((r, k) => r[k])(data);
  const gen = area<SeriesPoint<Row>>()
    .x((p) => x(p.data.t))
    .y0((p) => y(p[0]))
    .y1((p) => y(p[1]))
    .curve(curveStepAfter);
  return layers.map((layer) => ({ cls: layer.key, d: gen(layer) ?? '' }));
}

/** Mean bytes per second over the series' span (durationMs). */
export function meanRate(s: Series, dir: 'up' | 'down'): number {
  const bytes = dir === 'down' ? s.bytesDown : s.bytesUp;
  const span = seriesSpanMs(s);
  if (span <= 0) return 0;
  let sum = 0;
  for (const b of bytes) sum += b;
  return (sum * 1000) / span;
}

/** End of bin i, ms: binMs after its start, the last one at durationMs. */
function binEnd(s: Series, i: number): number {
  return i === s.tMs.length - 1 ? seriesSpanMs(s) : s.tMs[i] + s.binMs;
}

/** Running total of a per-bin count, as points at each bin's end, starting at (0, 0). */
export function cumulativeAtBinEnds(s: Series, values: readonly number[]): Pt[] {
  const out: Pt[] = [{ t: 0, v: 0 }];
  let sum = 0;
  for (let i = 0; i < s.tMs.length; i++) {
    sum += values[i];
    out.push({ t: binEnd(s, i), v: sum });
  }
  return out;
}

/** Open connections at each bin's end, starting from 0 open at t = 0. */
export function openConnectionsAtBinEnds(s: Series): Pt[] {
  return levelsAtBinEnds(s, s.openConnections);
}

/** A level known at each bin's end (open connections, queued updates), from 0 at the start. */
export function levelsAtBinEnds(s: Series, levels: readonly number[]): Pt[] {
  return [{ t: 0, v: 0 }, ...s.tMs.map((_, i) => ({ t: binEnd(s, i), v: levels[i] }))];
}

/** One technique's line over simulated time. */
export interface TimeLine {
  id: TechniqueId;
  pts: Pt[];
  /** Bin width, when the points are per-bin values. */
  binMs?: number;
  /** Where the last bin ends, when it is shorter than binMs. */
  endMs?: number;
}

/**
 * Step path over per-bin values: value i is held over [t_i, t_i + binMs).
 * (A final point at the last bin's end, `endMs` or else binMs after its
 * start, closes the last step.)
 */
export function binStepPath(pts: readonly Pt[], binMs: number, x: XScale, y: ScaleLinear<number, number>, endMs?: number): string {
  if (pts.length === 0) return '';
  const last = pts[pts.length - 1];
  const all = [...pts, { t: endMs ?? last.t + binMs, v: last.v }];
  return line<Pt>().x((p) => x(p.t)).y((p) => y(p.v)).curve(curveStepAfter)(all) ?? '';
}

/** Path through points; `step` holds each value back to the previous point (value reached by the end of the bin). */
export function pointPath(pts: readonly Pt[], x: XScale, y: ScaleLinear<number, number>, step = false): string {
  const gen = line<Pt>().x((p) => x(p.t)).y((p) => y(p.v));
  if (step) gen.curve(curveStepBefore);
  return gen(pts as Pt[]) ?? '';
}

export function maxOf(pts: readonly Pt[]): number {
  let m = 0;
  for (const p of pts) if (p.v > m) m = p.v;
  return m;
}

// ---- byte classes ---------------------------------------------------------

export interface ByteSegment {
  cls: 'header' | 'framing' | 'payload';
  bytes: number;
  /** Share of this direction's total, 0..1 (0 when the total is 0). */
  share: number;
  /** Cumulative share before this segment, 0..1. */
  start: number;
}

/** header | framing | payload as consecutive segments of one bar. */
export function byteSegments(b: ByteTotals): ByteSegment[] {
  const total = b.header + b.framing + b.payload;
  let start = 0;
  return (['header', 'framing', 'payload'] as const).map((cls) => {
    const share = total > 0 ? b[cls] / total : 0;
    const seg = { cls, bytes: b[cls], share, start };
    start += share;
    return seg;
  });
}

/** Overhead of a run: (header + framing) / total, both directions together; null when nothing was sent. */
export function overheadFraction(r: TechniqueResult): number | null {
  const total = r.bytes.up.total + r.bytes.down.total;
  if (total <= 0) return null;
  return (r.bytes.up.header + r.bytes.up.framing + r.bytes.down.header + r.bytes.down.framing) / total;
}

// ---- latency histogram ----------------------------------------------------

/** Stand-in for the 0 edge on a log axis: the [0, 1) ms bin is drawn from here. */
export const LOG_ZERO_MS = 0.5;

export interface HistBin {
  x0: number;
  x1: number;
  count: number;
  /** count / all samples. */
  share: number;
}

export function histogramBins(h: Histogram): HistBin[] {
  let n = 0;
  for (const c of h.counts) n += c;
  return h.counts.map((count, i) => ({
    x0: h.edgesMs[i],
    x1: h.edgesMs[i + 1],
    count,
    share: n > 0 ? count / n : 0,
  }));
}

/**
 * Log-axis extent covering every non-empty bin of the given histograms:
 * [lower edge of the first non-empty bin, upper edge of the last], with the
 * 0 edge replaced by LOG_ZERO_MS. Falls back to [1, 1000] when all are empty.
 */
export function latencyExtent(hists: readonly Histogram[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of hists) {
    h.counts.forEach((c, i) => {
      if (c > 0) {
        lo = Math.min(lo, h.edgesMs[i]);
        hi = Math.max(hi, h.edgesMs[i + 1]);
      }
    });
  }
  if (!Number.isFinite(lo)) return [1, 1000];
  return [Math.max(lo, LOG_ZERO_MS), hi];
}

/** Filled step area of a histogram's shares on a log x axis (bins outside the extent are clipped by the extent). */
export function histogramArea(bins: readonly HistBin[], x: ScaleLogarithmic<number, number>, y: ScaleLinear<number, number>): string {
  const [lo, hi] = x.domain();
  const vis = bins.filter((b) => b.x1 > lo && b.x0 < hi);
  if (vis.length === 0) return '';
  const pts = vis.map((b) => ({ t: Math.max(lo, b.x0 || LOG_ZERO_MS), v: b.share }));
  const lastBin = vis[vis.length - 1];
  pts.push({ t: Math.min(hi, lastBin.x1), v: lastBin.share });
  return (
    area<Pt>()
      .x((p) => x(p.t))
      .y0(y(0))
      .y1((p) => y(p.v))
      .curve(curveStepAfter)(pts) ?? ''
  );
}

// ---- media case -----------------------------------------------------------

export interface TimelineSegment {
  kind: 'waiting' | 'downloading' | 'playing' | 'stalled';
  fromMs: number;
  toMs: number;
}

export interface MediaTimelines {
  streamed: TimelineSegment[];
  downloadFirst: TimelineSegment[];
  /** Marks on the streamed bar. */
  firstChunkMs: number;
  completeMs: number;
  endMs: number;
}

/**
 * Two bars of the media case. Streamed: waiting for the first chunk, then
 * playing, interrupted by each stall where it happened (stallIntervals), up to
 * the end of playback. Download first: downloading, then playing.
 */
export function mediaTimelines(m: MediaResult): MediaTimelines {
  const streamed: TimelineSegment[] = [{ kind: 'waiting', fromMs: 0, toMs: m.startupMs }];
  let at = m.startupMs;
  for (const st of [...(m.stallIntervals ?? [])].sort((p, q) => p.atMs - q.atMs)) {
    if (st.atMs > at) streamed.push({ kind: 'playing', fromMs: at, toMs: st.atMs });
    const from = Math.max(at, st.atMs);
    streamed.push({ kind: 'stalled', fromMs: from, toMs: from + st.durationMs });
    at = from + st.durationMs;
  }
  if (m.finishMs > at) streamed.push({ kind: 'playing', fromMs: at, toMs: m.finishMs });
  const downloadFirst: TimelineSegment[] = [
    { kind: 'downloading', fromMs: 0, toMs: m.downloadFirst.startupMs },
    { kind: 'playing', fromMs: m.downloadFirst.startupMs, toMs: m.downloadFirst.finishMs },
  ];
  return {
    streamed,
    downloadFirst,
    firstChunkMs: m.timeToFirstChunkMs,
    completeMs: m.completeMs,
    endMs: Math.max(m.finishMs, m.downloadFirst.finishMs),
  };
}

// ---- labels -----------------------------------------------------------------

/**
 * Vertical positions for end-of-line labels: each label near its line's y,
 * no two closer than `gap` (px), all inside [minY, maxY] when they fit.
 * Close labels are pushed up first; if that takes the top one above minY,
 * the stack is pushed back down. Returns positions in the input order.
 */
export function spreadLabels(ys: readonly number[], gap: number, minY = -Infinity, maxY = Infinity): number[] {
  const order = ys.map((y, i) => ({ y: Math.min(maxY, Math.max(minY, y)), i })).sort((a, b) => b.y - a.y || a.i - b.i);
  // Bottom to top: push up.
  for (let k = 1; k < order.length; k++) {
    if (order[k - 1].y - order[k].y < gap) order[k].y = order[k - 1].y - gap;
  }
  // Top to bottom: keep inside minY, pushing down the ones below.
  for (let k = order.length - 1; k >= 0; k--) {
    const floor = k === order.length - 1 ? minY : order[k + 1].y + gap;
    if (order[k].y < floor) order[k].y = floor;
  }
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}
