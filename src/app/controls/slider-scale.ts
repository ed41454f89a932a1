// Maps a slider's integer position to a scenario value and back. Keys whose
// range spans three or more decades (clients 1..10,000, latency 0..10,000 ms)
// get a symmetric-log scale (d3 scaleSymlog: logarithmic, yet 0 is reachable),
// so that every decade gets the same slider travel; narrow ones stay linear.
// Values are rounded to two or three significant digits so that dragging
// gives readable numbers (47 ms, 1,200 kbit/s) rather than 47.2913.

import { scaleLinear, scaleSymlog } from 'd3';
import type { KeySpec } from '../../sim';

export const SLIDER_STEPS = 1000;

export interface SliderScale {
  log: boolean;
  toValue(pos: number): number;
  toPos(value: number): number;
}

/** Low end of the slider: 0 when 0 is allowed ("off" or a zero minimum). */
function lowEnd(spec: KeySpec): number {
  return spec.zeroMeansOff ? 0 : spec.min!;
}

export function isWide(spec: KeySpec): boolean {
  const lo = Math.max(Math.abs(lowEnd(spec)), spec.kind === 'int' ? 1 : 0.001);
  return spec.max! / Math.max(lo, 1) >= 1000;
}

/** Round to `digits` significant digits (2 for log scales: one step per few percent). */
export function roundSignificant(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const p = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  // Near the ends of the doubles (5e-324, 1e308) the scale itself overflows: the value is kept as it is.
  if (!Number.isFinite(p) || p === 0) return v;
  const r = Math.round(v * p) / p;
  return Number.isFinite(r) ? r : v;
}

export function sliderScale(spec: KeySpec): SliderScale {
  const lo = lowEnd(spec);
  const hi = spec.max!;
  const log = isWide(spec);
  const s = log ? scaleSymlog().domain([lo, hi]).range([0, SLIDER_STEPS]) : scaleLinear().domain([lo, hi]).range([0, SLIDER_STEPS]);
  s.clamp(true);
  const snap = (raw: number): number => {
    let v = log ? roundSignificant(raw, 2) : roundSignificant(raw, 3);
    if (spec.kind === 'int') v = Math.round(v);
    // Values between 0 ("off") and the minimum snap to whichever is nearer.
    if (spec.zeroMeansOff && v > 0 && v < spec.min!) v = v < spec.min! / 2 ? 0 : spec.min!;
    return Math.min(hi, Math.max(lo, v));
  };
  return {
    log,
    toValue: (pos) => (pos <= 0 ? lo : pos >= SLIDER_STEPS ? hi : snap(s.invert(pos))),
    toPos: (value) => Math.round(s(value)),
  };
}

/** A value as the numeric input shows it: plain digits, no trailing noise (an exponent only below 1e-6, where digits would not fit). */
export function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(roundSignificant(v, 6));
}
