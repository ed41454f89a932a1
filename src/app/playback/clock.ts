// The page's single frame loop: a d3-timer that moves the playhead while
// playing. Everything drawn is a function of the playhead, so this is the
// only place where wall time enters the page.

import { timer, type Timer } from 'd3';
import type { AppState } from '../state.svelte';
import { advance } from './advance';

export function startClock(app: AppState): () => void {
  let last = 0;
  const t: Timer = timer((elapsed) => {
    const step = advance(app.playheadMs, elapsed - last, app.speed, app.durationMs);
    last = elapsed;
    app.playheadMs = step.t;
    if (step.ended) app.playing = false;
  });
  return () => t.stop();
}
