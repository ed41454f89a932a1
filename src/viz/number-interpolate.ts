// d3-scale's interpolators, for numbers only: what d3-scale imports from
// d3-interpolate (interpolate, interpolateNumber, interpolateRound,
// piecewise), with the same formulas. Every scale of the page maps numbers
// to numbers (pixels, bar lengths); d3-interpolate's generic `interpolate`
// also reads colours, dates and strings, and brings d3-color with it: about
// 4 KB gzip of the first visit for nothing. interpolate.config.ts hands this
// module to d3-scale alone; any other d3 import is d3-interpolate's own.

type Interp = (t: number) => number;

const checked = (v: unknown): number => {
  if (typeof v !== 'number') throw new Error(`this build's d3 scales interpolate numbers only (interpolate.config.ts), not ${JSON.stringify(v)}`);
  return v;
};

export function interpolateNumber(a: number, b: number): Interp {
  const x = checked(a);
  const y = checked(b);
  return (t) => x * (1 - t) + y * t;
}

export function interpolateRound(a: number, b: number): Interp {
  const x = checked(a);
  const y = checked(b);
  return (t) => Math.round(x * (1 - t) + y * t);
}

export const interpolate = interpolateNumber;

/** Piecewise over `values` (d3-interpolate's piecewise, for numbers). */
export function piecewise(i: ((a: number, b: number) => Interp) | number[], values?: number[]): Interp {
  const [interp, vs] = values === undefined ? [interpolate, i as number[]] : [i as (a: number, b: number) => Interp, values];
  const n = vs.length - 1;
  const parts: Interp[] = [];
  for (let k = 0; k < n; k++) parts.push(interp(vs[k], vs[k + 1]));
  return (t) => {
    const k = Math.max(0, Math.min(n - 1, Math.floor((t *= n))));
    return parts[k](t - k);
  };
}
