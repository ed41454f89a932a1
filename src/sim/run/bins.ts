// Fixed-width time bins for the result series. The width is the smallest
// "nice" value that gives at most MAX_BINS bins over the run, so a chart has
// enough points and a 1-hour run stays small.

export const MAX_BINS = 120;
const NICE_MS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000];

export function binWidthMs(durationMs: number): number {
  for (const w of NICE_MS) if (durationMs / w <= MAX_BINS) return w;
  return Math.ceil(durationMs / MAX_BINS / 60000) * 60000;
}

export function binCount(durationMs: number, widthMs: number): number {
  return Math.max(1, Math.ceil(durationMs / widthMs));
}
