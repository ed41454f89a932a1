// Keeps the address bar in step with the store (SPEC §6). Continuous changes
// (a slider, the playhead) replace the current history entry at most every
// THROTTLE_MS; a discrete change (the view, the technique, the techniques
// shown) pushes a new entry, so Back and Forward move between views, and
// popstate puts the page back as the entry says.

import { TECHNIQUES } from '../../sim';
import type { AppState } from '../state.svelte';
import { encode, type UrlState } from './codec';
import type { ThemeId } from '../theme/theme';

export const THROTTLE_MS = 300;

export function toUrlState(app: AppState, theme: ThemeId | null): UrlState {
  return {
    values: { ...app.values },
    view: app.view,
    technique: app.focus,
    t: app.playheadMs,
    speed: app.speed,
    time: app.timeMode,
    lesson: app.lessonRun ? { source: app.lessonRun.source, step: app.lessonRun.step } : null,
    shown: [...app.shown],
    theme,
    embed: { ...app.embed, controls: app.embed.controls ? [...app.embed.controls] : null },
  };
}

/** Put the page in the state a URL describes (the playhead clamped to the run). A lesson in it is started by the page (App.svelte), which owns the lesson controller. */
export function applyUrlState(app: AppState, s: UrlState): void {
  app.playing = false;
  app.values = { ...s.values };
  app.view = s.view;
  app.focus = s.technique;
  app.shown = s.shown.length > 0 ? [...s.shown] : [...TECHNIQUES];
  app.speed = s.speed;
  app.timeMode = s.time;
  app.embed = s.embed;
  app.selectedPacket = null;
  app.playheadMs = Math.min(Math.max(0, s.t), s.values.durationMs as number);
}

/** The parts of a state whose change deserves its own history entry. */
function discreteKey(s: UrlState): string {
  return `${s.view}|${s.technique}|${s.shown.join(',')}|${s.lesson ? `${s.lesson.source.length}:${s.lesson.step}` : ''}`;
}

export class UrlSync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: UrlState | null = null;
  private lastDiscrete: string;

  constructor(
    private readonly win: Window,
    initial: UrlState,
  ) {
    this.lastDiscrete = discreteKey(initial);
  }

  /** The link of a state, from this page's address. */
  href(s: UrlState): string {
    const qs = encode(s);
    const u = new URL(this.win.location.href);
    u.search = qs ? `?${qs}` : '';
    return u.href;
  }

  private current(): string {
    return this.win.location.search.replace(/^\?/, '');
  }

  /**
   * Called whenever the store changes (from an $effect), which is every
   * frame while playing: a continuous change is only remembered here and
   * encoded when the throttle timer fires, so a frame costs no encoding.
   */
  update(s: UrlState): void {
    const d = discreteKey(s);
    if (d !== this.lastDiscrete) {
      this.lastDiscrete = d;
      this.cancel();
      const qs = encode(s);
      if (qs !== this.current()) this.write(qs, 'push');
      return;
    }
    this.pending = s;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.writePending();
    }, THROTTLE_MS);
  }

  private writePending(): void {
    if (this.pending === null) return;
    const qs = encode(this.pending);
    this.pending = null;
    if (qs !== this.current()) this.write(qs, 'replace');
  }

  /** After popstate: the entry's state is the page's now; nothing to write. */
  restored(s: UrlState): void {
    this.cancel();
    this.lastDiscrete = discreteKey(s);
  }

  /** Write any pending change now (before copying a link, say). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writePending();
    }
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private write(qs: string, how: 'push' | 'replace'): void {
    const { pathname, hash } = this.win.location;
    const url = `${pathname}${qs ? `?${qs}` : ''}${hash}`;
    try {
      if (how === 'push') this.win.history.pushState(null, '', url);
      else this.win.history.replaceState(null, '', url);
    } catch {
      // A sandboxed frame or a file:// page may refuse; the page works on without a live URL.
    }
  }
}
