// Which playhead times an exported animation shows. The Compare lanes are a
// pure function of (trace, playhead), so a clip is a list of times; drawing
// frame i at times[i] gives the same file on every run.

export interface ClipRequest {
  /** Playhead where the clip starts (ms of simulated time). */
  startMs: number;
  /** Length of the run (ms): no frame lies past it. */
  endMs: number;
  /** Length of the clip when played (s of wall time). */
  seconds: number;
  /** Frames per second of the clip. */
  fps: number;
  /** Playback speed: simulated ms per wall ms, as on the page. */
  speed: number;
}

export interface Clip {
  /** Playhead (ms) of each frame, increasing. */
  times: number[];
  /** Display time of each frame (ms), a whole number of centiseconds (what GIF stores). */
  delayMs: number;
  /** Simulated ms between frames. */
  stepMs: number;
}

export const MAX_FRAMES = 240;

/**
 * Frames evenly spaced in simulated time, `speed * 1000 / fps` ms apart,
 * starting at the playhead; a clip that would run past the end starts
 * earlier instead (never before 0), and a run shorter than the clip gives
 * fewer frames. Always at least two frames when the run is longer than 0.
 */
export function frameSchedule(r: ClipRequest): Clip {
  const fps = Math.min(50, Math.max(1, r.fps));
  const delayMs = Math.max(20, Math.round(100 / fps) * 10);
  const stepMs = r.speed * delayMs;
  const end = Math.max(0, r.endMs);
  let n = Math.min(MAX_FRAMES, Math.max(2, Math.round((r.seconds * 1000) / delayMs)));
  // Whole steps that fit in the run.
  n = Math.min(n, Math.floor(end / stepMs + 1e-9) + 1);
  if (end > 0) n = Math.max(2, n);
  const span = Math.min(end, (n - 1) * stepMs);
  const step = n > 1 ? span / (n - 1) : 0;
  const start = Math.min(Math.max(0, r.startMs), end - span);
  const times = Array.from({ length: n }, (_, i) => Math.min(end, round3(start + i * step)));
  return { times, delayMs, stepMs: step };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
