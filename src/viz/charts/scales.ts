// Chart geometry that does not need the DOM: plot boxes, scales and ticks.
// d3 computes (d3-scale, d3-array); Svelte renders the ticks in markup.

import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotBox {
  width: number;
  height: number;
  margin: Margin;
  /** Inner plot area, in SVG user units (= CSS px: the viewBox follows the measured width). */
  x0: number;
  x1: number;
  y0: number; // top
  y1: number; // bottom
}

/** Width used before layout (and in jsdom, which has none). */
export const FALLBACK_WIDTH = 640;
/** Charts never get narrower than this; below it the SVG scales down instead. */
export const MIN_WIDTH = 320;

export function plotBox(measuredWidth: number, height: number, margin: Margin): PlotBox {
  const width = Math.max(MIN_WIDTH, measuredWidth > 0 ? Math.round(measuredWidth) : FALLBACK_WIDTH);
  return {
    width,
    height,
    margin,
    x0: margin.left,
    x1: width - margin.right,
    y0: margin.top,
    y1: height - margin.bottom,
  };
}

export interface Tick {
  value: number;
  /** Position along the axis, in SVG units. */
  pos: number;
  label: string;
}

type AnyScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** Ticks of a scale, positioned and labelled, for rendering in markup. */
export function ticksOf(scale: AnyScale, count: number, fmt: (v: number) => string): Tick[] {
  return scale.ticks(count).map((value) => ({ value, pos: scale(value), label: fmt(value) }));
}

/** Linear scale from 0 to a nice maximum (at least `minMax`, so an all-zero series still has an axis). */
export function zeroBasedY(maxValue: number, y1: number, y0: number, minMax = 1): ScaleLinear<number, number> {
  const top = Math.max(minMax, Number.isFinite(maxValue) ? maxValue : 0);
  return scaleLinear().domain([0, top]).range([y1, y0]).nice(5);
}

/** Linear time axis in ms over [0, durationMs]. */
export function timeX(durationMs: number, x0: number, x1: number): ScaleLinear<number, number> {
  return scaleLinear().domain([0, Math.max(1, durationMs)]).range([x0, x1]);
}

/**
 * Ticks at 1, 2, 5 × 10^k between lo and hi (inclusive) — the steps of the
 * latency histogram's edges, readable on a log axis. When that gives too many,
 * keep only the powers of ten.
 */
export function ticks125(lo: number, hi: number, maxTicks = 10): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      const r = Number(v.toPrecision(12));
      if (r >= lo * (1 - 1e-9) && r <= hi * (1 + 1e-9)) out.push(r);
    }
  }
  if (out.length <= maxTicks) return out;
  const powers = out.filter((v) => Number.isInteger(Math.log10(v)) || Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (powers.length <= maxTicks) return powers;
  const step = Math.ceil(powers.length / maxTicks);
  return powers.filter((_, i) => i % step === 0);
}

/** Log scale over [lo, hi] (both > 0). */
export function logScale(lo: number, hi: number, r0: number, r1: number): ScaleLogarithmic<number, number> {
  const a = Math.max(lo, Number.MIN_VALUE);
  const b = hi > a ? hi : a * 10;
  return scaleLog().domain([a, b]).range([r0, r1]);
}

/** x of the time cursor: playheadMs clamped into the scale's domain. */
export function cursorX(x: ScaleLinear<number, number>, playheadMs: number): number {
  const [d0, d1] = x.domain();
  const t = Number.isFinite(playheadMs) ? Math.min(d1, Math.max(d0, playheadMs)) : d0;
  return x(t);
}
