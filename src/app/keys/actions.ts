// Applying a keyboard action to the store. Steps go through the events of
// what is on screen (AppState.eventTimes), as the playback bar's buttons do.

import { TECHNIQUES } from '../../sim';
import type { AppState } from '../state.svelte';
import { nextSpeed, stepTime, type Action } from './keymap';

export function togglePlay(app: AppState): void {
  if (!app.playing && app.playheadMs >= app.durationMs) app.playheadMs = 0;
  app.playing = !app.playing;
}

/** Apply an action; returns false for the ones the page handles itself (help, close). */
export function applyAction(app: AppState, a: Action): boolean {
  switch (a.type) {
    case 'toggle':
      togglePlay(app);
      return true;
    case 'step': {
      app.playing = false;
      const t = stepTime(app.eventTimes, app.playheadMs, a.events);
      if (t !== null) app.seek(t);
      else app.seek(a.events > 0 ? app.durationMs : 0);
      return true;
    }
    case 'speed':
      app.setSpeed(nextSpeed(app.speed, a.dir));
      return true;
    case 'reset':
      app.reset();
      return true;
    case 'technique': {
      const id = TECHNIQUES[a.index];
      if (!id) return true;
      app.focus = id;
      app.selectedPacket = null;
      if (app.view === 'compare') app.highlight = id;
      return true;
    }
    default:
      return false;
  }
}
