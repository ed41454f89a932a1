// Geometry of the Focus view's sequence diagram: time flows down, the client
// and server are vertical axes, and each packet is an arrow from its sender's
// axis at sendMs to the receiver's axis at arriveMs, so latency and
// transmission time show as the slant. Machine states are bands beside the
// axes on the same time scale. Pure functions, tested without a browser.

import { precisionFixed, scaleLinear, type ScaleLinear } from 'd3';
import type { TracePacket, TraceState } from '../../sim/types';

export interface SeqLayout {
  width: number;
  height: number;
  /** Time labels column. */
  timeX: number;
  clientBandX: number;
  connBandX: number;
  bandWidth: number;
  connBandWidth: number;
  clientX: number;
  serverX: number;
  serverBandX: number;
  y: ScaleLinear<number, number>;
  t0: number;
  t1: number;
}

export const HEADER = 28;

export function seqLayout(width: number, height: number, t0: number, t1: number): SeqLayout {
  const w = Math.max(320, width);
  // On narrow screens the bands shrink first so the arrows keep most of the width.
  const bandWidth = Math.round(Math.min(96, Math.max(44, w * 0.12)));
  const connBandWidth = Math.round(bandWidth * 0.7);
  const timeX = w < 500 ? 34 : 44;
  const clientBandX = timeX + 4;
  const connBandX = clientBandX + bandWidth + 2;
  const clientX = connBandX + connBandWidth + 8;
  const serverBandX = w - bandWidth - 2;
  const serverX = serverBandX - 8;
  const y = scaleLinear().domain([t0, t1]).range([HEADER, height - 6]);
  return { width: w, height, timeX, clientBandX, connBandX, bandWidth, connBandWidth, clientX, serverX, serverBandX, y, t0, t1 };
}

/**
 * The time window shown: `spanMs` long with the playhead a third of the way
 * down (what just happened above, what comes next below), kept inside the run.
 */
export function seqWindow(playheadMs: number, spanMs: number, durationMs: number): [number, number] {
  const span = Math.min(spanMs, durationMs);
  let t0 = playheadMs - span / 3;
  t0 = Math.max(0, Math.min(durationMs - span, t0));
  return [t0, t0 + span];
}

export interface Arrow {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The middle of the arrow. */
  mx: number;
  my: number;
  /**
   * Where the label goes: a third of the way from the sender, so requests'
   * labels stand in a column near the client and answers' near the server,
   * and a request and its quick answer are both labelled.
   */
  lx: number;
  ly: number;
}

export const LABEL_AT = 1 / 3;

export function arrowFor(layout: SeqLayout, p: Pick<TracePacket, 'dir' | 'sendMs'>, endMs: number): Arrow {
  const [x1, x2] = p.dir === 'up' ? [layout.clientX, layout.serverX] : [layout.serverX, layout.clientX];
  const y1 = layout.y(p.sendMs);
  const y2 = layout.y(endMs);
  return { x1, y1, x2, y2, mx: (x1 + x2) / 2, my: (y1 + y2) / 2, lx: x1 + (x2 - x1) * LABEL_AT, ly: y1 + (y2 - y1) * LABEL_AT };
}

/** Distance from (x, y) to an arrow's line segment. */
export function distanceToArrow(a: Arrow, x: number, y: number): number {
  const dx = a.x2 - a.x1;
  const dy = a.y2 - a.y1;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x1) * dx + (y - a.y1) * dy) / len2));
  return Math.hypot(x - (a.x1 + u * dx), y - (a.y1 + u * dy));
}

/**
 * The arrow nearest the pointer, within `reach` px, or -1: where arrows
 * cross or lie close, a click selects the one under the pointer, not the one
 * drawn last.
 */
export function nearestArrow(arrows: readonly Arrow[], x: number, y: number, reach = 10): number {
  let best = -1;
  let bestD = reach;
  arrows.forEach((a, i) => {
    const d = distanceToArrow(a, x, y);
    if (d <= bestD) [best, bestD] = [i, d];
  });
  return best;
}

/** Indices of packets (sorted by sendMs) of one client whose arrow crosses [t0, t1]. */
export function visiblePackets(packets: readonly TracePacket[], endMs: ArrayLike<number>, client: number, t0: number, t1: number, max = 400): number[] {
  const out: number[] = [];
  for (let i = 0; i < packets.length && out.length < max; i++) {
    const p = packets[i];
    if (p.sendMs > t1) break;
    if (p.client === client && endMs[i] >= t0) out.push(i);
  }
  return out;
}

/**
 * Greedy choice of labels that do not overlap vertically (at least `gap` px
 * apart), in the given order; labels of different `columns` never collide.
 */
export function spacedLabels(ys: readonly number[], gap = 13, columns?: readonly unknown[]): boolean[] {
  const taken: { y: number; c: unknown }[] = [];
  return ys.map((y, i) => {
    const c = columns?.[i];
    if (taken.some((t) => t.c === c && Math.abs(t.y - y) < gap)) return false;
    taken.push({ y, c });
    return true;
  });
}

export interface Segment {
  state: string;
  from: number;
  to: number;
}

/** A machine's states as segments clipped to [t0, t1]; the last lasts until `endMs`. */
export function segments(states: readonly TraceState[], t0: number, t1: number, endMs: number): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < states.length; i++) {
    const from = states[i].tMs;
    const to = i + 1 < states.length ? states[i + 1].tMs : endMs;
    if (to <= t0 || from >= t1 || to <= from) continue;
    out.push({ state: states[i].state, from: Math.max(from, t0), to: Math.min(to, t1) });
  }
  return out;
}

/** Readable time tick values for a window (d3's nice ticks). */
export function timeTicks(layout: SeqLayout, count = 8): number[] {
  return layout.y.ticks(count);
}

/**
 * Tick labels in seconds with as many decimals as the tick step needs (d3's
 * precisionFixed), so neighbouring ticks never read the same at any zoom
 * (a 1 s window has ticks every 0.1 s or 0.05 s; a minute every 10 s).
 */
export function timeTickLabels(ticks: readonly number[]): string[] {
  if (ticks.length === 0) return [];
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) / 1000 : 1;
  const decimals = step > 0 ? Math.min(6, precisionFixed(step)) : 0;
  return ticks.map((t) => `${(t / 1000).toFixed(decimals)} s`);
}
