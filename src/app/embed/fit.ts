// The scale of an embedded view (see FitFrame.svelte): pure, so it is tested.

/** Never lay the content out narrower than this (CSS px): smaller frames scale it down instead. */
export const MIN_LAYOUT_PX = 560;
export const MAX_STEPS = 8;

/**
 * One fixed-point step. The content, laid out at width frameW/scale, measured
 * `contentH` px tall (unscaled). The next scale is as large as possible such
 * that the content fits the frame's height and is laid out at least
 * MIN_LAYOUT_PX wide. Changes under 1 % are ignored (no jitter); after
 * MAX_STEPS only shrinking is allowed, so it always ends fitting.
 */
export function nextScale(scale: number, frameW: number, frameH: number, contentH: number, steps: number): number {
  if (frameW <= 0 || frameH <= 0 || contentH <= 0) return scale;
  const byHeight = frameH / contentH;
  const target = Math.max(0.05, Math.min(frameW / MIN_LAYOUT_PX, byHeight, 8));
  const fits = contentH * scale <= frameH + 0.5;
  if (steps >= MAX_STEPS) return fits ? scale : Math.max(0.05, byHeight * 0.995);
  if (fits && Math.abs(target - scale) / scale < 0.01) return scale;
  return target;
}
