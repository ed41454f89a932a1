// The page's single frame loop: a d3-timer that moves the playhead while
// playing, in lesson time (src/viz/lesson-time.ts: slow motion on the wire,
// idle gaps squeezed) or in real time. Everything drawn is a function of the
// playhead, so this is the only place where wall time enters the page.
//
// With prefers-reduced-motion the playhead does not glide: it jumps from one
// event to the next (a packet sent, a packet arrived, a state change), one
// jump every STEP_WALL_MS / speed of wall time, so nothing moves continuously.
// With loop (an embed's loop=1) the end of the run starts it again.

import { timer, type Timer } from 'd3';
import type { AppState } from '../state.svelte';
import { advance, advanceLesson } from './advance';
import { nextEvent } from '../../viz/timeline';

export const STEP_WALL_MS = 600;

export function startClock(app: AppState, reducedMotion: () => boolean = () => false): () => void {
  let last = 0;
  let acc = 0;
  const ended = () => {
    if (app.embed.loop) app.playheadMs = 0;
    else app.playing = false;
  };
  const t: Timer = timer((elapsed) => {
    const wall = elapsed - last;
    last = elapsed;
    if (reducedMotion()) {
      acc += Math.min(Math.max(0, wall), 100) * app.speed;
      if (acc < STEP_WALL_MS) return;
      acc = 0;
      const next = nextEvent(app.eventTimes, app.playheadMs);
      if (next === null || next >= app.durationMs) {
        app.playheadMs = app.durationMs;
        ended();
      } else app.playheadMs = next;
      return;
    }
    const step = app.timeMode === 'lesson' ? advanceLesson(app.playheadMs, wall, app.speed, app.durationMs, app.lesson) : advance(app.playheadMs, wall, app.speed, app.durationMs);
    app.playheadMs = step.t;
    if (step.ended) ended();
  });
  return () => t.stop();
}
