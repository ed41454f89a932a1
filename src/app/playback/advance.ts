// Moving the playhead by one animation frame: virtual time advances by the
// wall time elapsed times the speed, and stops at the end of the run.

export interface Advance {
  t: number;
  ended: boolean;
}

export function advance(playheadMs: number, wallDtMs: number, speed: number, durationMs: number): Advance {
  // A tab in the background gets no frames; cap a frame at 100 ms of wall
  // time so the animation resumes where it was instead of jumping ahead.
  const dt = Math.min(Math.max(0, wallDtMs), 100) * speed;
  const t = Math.min(durationMs, playheadMs + dt);
  return { t, ended: t >= durationMs };
}

/**
 * The same in lesson time: the frame's wall time (times the speed) moves the
 * lesson clock, and the playhead is read back in real time through the map.
 */
export function advanceLesson(playheadMs: number, wallDtMs: number, speed: number, durationMs: number, lesson: { toLesson(t: number): number; toReal(l: number): number; totalMs: number }): Advance {
  const dt = Math.min(Math.max(0, wallDtMs), 100) * speed;
  const l = lesson.toLesson(playheadMs) + dt;
  if (l >= lesson.totalMs) return { t: durationMs, ended: true };
  // Never backwards (floating error in the round trip), never past the end.
  const t = Math.min(durationMs, Math.max(playheadMs, lesson.toReal(l)));
  return { t, ended: t >= durationMs };
}

/** Speed slider: position -1..1 maps to 0.1x..10x logarithmically (0 = 1x). */
export function speedFromPos(pos: number): number {
  const x = Math.pow(10, Math.max(-1, Math.min(1, pos)));
  return Math.round(x * (x < 1 ? 100 : 10)) / (x < 1 ? 100 : 10);
}

export function posFromSpeed(speed: number): number {
  return Math.log10(speed);
}
