// Number formats shared by the charts and the summary table (d3-format).

import { format } from 'd3';

const intFmt = format(',d');
const oneDecimal = format(',.1f');
const pctFmt = format('.1%');
const siFmt = format('.3~s');

/** 24851 -> "24,851". */
export const fmtInt = (n: number): string => intFmt(Math.round(n));

/** Milliseconds, one decimal: 561.699 -> "561.7"; null -> "–". */
export const fmtMs = (n: number | null | undefined): string => (n == null || !Number.isFinite(n) ? '–' : oneDecimal(n));

/** A fraction as a percentage: 0.4123 -> "41.2%". */
export const fmtPct = (f: number | null | undefined): string => (f == null || !Number.isFinite(f) ? '–' : pctFmt(f));

const smallFmt = format('.2~g');

/** Compact SI for axes: 1500 -> "1.5k", 2000000 -> "2M"; below 1 plain decimals (0.25, not "250m"). */
export const fmtSi = (n: number): string => (n === 0 ? '0' : Math.abs(n) < 1 ? smallFmt(n) : siFmt(n));

/** Bytes in compact SI units: 24851 -> "24.9 kB". */
export function fmtBytes(n: number): string {
  if (n < 1000) return `${intFmt(n)} B`;
  const s = siFmt(n); // "24.9k"
  const unit = s.slice(-1);
  return `${s.slice(0, -1)} ${unit}B`;
}

/** Seconds from milliseconds for time axes: 12500 -> "12.5 s". */
export function fmtSeconds(ms: number): string {
  const s = ms / 1000;
  return `${format('~g')(Number(s.toPrecision(6)))} s`;
}
