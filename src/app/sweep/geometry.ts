// Scales of the sweep chart (pure, unit-tested).

import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import type { PlotBox } from '../../viz/charts/scales';
import type { SweepResult } from './sweep';

export interface SweepScales {
  x: ScaleContinuousNumeric<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  xTicks: number[];
  yTicks: number[];
  /** Log y was asked for but impossible (no positive value): the scale fell back to linear. */
  yFellBack: boolean;
}

/**
 * x: log over the swept values. y: log over the positive values (a decade
 * margin is added when all are equal), or linear from 0 to a nice maximum.
 */
export function sweepScales(r: Pick<SweepResult, 'xs' | 'values' | 'techniques'>, logY: boolean, box: PlotBox): SweepScales {
  const x0 = r.xs[0] ?? 1;
  const x1 = r.xs[r.xs.length - 1] ?? 10;
  const x = scaleLog()
    .domain([x0, x1 > x0 ? x1 : x0 * 10])
    .range([box.x0, box.x1]);
  const vals: number[] = [];
  for (const id of r.techniques) for (const v of r.values[id]) if (v != null && Number.isFinite(v)) vals.push(v);
  const pos = vals.filter((v) => v > 0);
  let y: ScaleContinuousNumeric<number, number>;
  let yFellBack = false;
  if (logY && pos.length > 0) {
    let lo = Math.min(...pos);
    let hi = Math.max(...pos);
    if (hi / lo < 10) {
      const mid = Math.sqrt(lo * hi);
      lo = Math.min(lo, mid / Math.sqrt(10));
      hi = Math.max(hi, mid * Math.sqrt(10));
    }
    // A little room below and above (no .nice(): it would add whole empty decades).
    y = scaleLog()
      .domain([lo / 1.25, hi * 1.25])
      .range([box.y1, box.y0]);
  } else {
    yFellBack = logY;
    y = scaleLinear()
      .domain([0, 1.05 * Math.max(1e-9, ...vals, 0) || 1])
      .range([box.y1, box.y0])
      .nice(6);
  }
  // Log ticks: d3 gives 1..9 per decade; keep 1, 2, 5 (or only powers of ten when many decades).
  const thin = (s: ScaleContinuousNumeric<number, number>, isLog: boolean, n: number) => {
    const t = s.ticks(n);
    if (!isLog) return t;
    const mant = (v: number) => Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(3));
    const decades = Math.log10(s.domain()[1] / s.domain()[0]);
    return t.filter((v) => (decades > 4 ? mant(v) === 1 : [1, 2, 5].includes(mant(v))));
  };
  return {
    x,
    y,
    xTicks: thin(x, true, 10),
    yTicks: thin(y, logY && !yFellBack, 6),
    yFellBack,
  };
}
