// The theme in force, live: the URL's theme= wins, then the user's pick
// (localStorage), then the system's prefers-color-scheme (followed as it
// changes). Also tracks prefers-reduced-motion. Sets data-theme on <html>.

import { chooseTheme, isTheme, STORAGE_KEY, type ThemeId } from './theme';

function media(win: Window | undefined, q: string): MediaQueryList | null {
  try {
    return win?.matchMedia?.(q) ?? null;
  } catch {
    return null;
  }
}

function readPick(win: Window | undefined): ThemeId | null {
  try {
    const v = win?.localStorage?.getItem(STORAGE_KEY) ?? null;
    return isTheme(v) ? v : null;
  } catch {
    return null; // storage blocked (a sandboxed frame, privacy settings)
  }
}

export class ThemeController {
  /** theme= from the URL, until the user picks another. */
  urlTheme = $state<ThemeId | null>(null);
  /** The user's saved pick; null follows the system. */
  picked = $state<ThemeId | null>(null);
  prefersDark = $state(false);
  reducedMotion = $state(false);
  current: ThemeId = $derived(chooseTheme({ url: this.urlTheme, picked: this.picked, prefersDark: this.prefersDark }));
  /** The theme written in links: an explicit one only (none when following the system). */
  explicit: ThemeId | null = $derived(this.urlTheme ?? this.picked);

  private cleanups: (() => void)[] = [];

  constructor(private readonly win: Window | undefined = typeof window === 'undefined' ? undefined : window) {
    this.picked = readPick(win);
    const dark = media(win, '(prefers-color-scheme: dark)');
    const motion = media(win, '(prefers-reduced-motion: reduce)');
    this.prefersDark = dark?.matches ?? false;
    this.reducedMotion = motion?.matches ?? false;
    const onDark = (e: MediaQueryListEvent) => (this.prefersDark = e.matches);
    const onMotion = (e: MediaQueryListEvent) => (this.reducedMotion = e.matches);
    dark?.addEventListener?.('change', onDark);
    motion?.addEventListener?.('change', onMotion);
    this.cleanups.push(() => dark?.removeEventListener?.('change', onDark), () => motion?.removeEventListener?.('change', onMotion));
  }

  /** The user picks a theme (null: follow the system again). Saved for next time. */
  pick(t: ThemeId | null): void {
    this.picked = t;
    this.urlTheme = null;
    try {
      if (t) this.win?.localStorage?.setItem(STORAGE_KEY, t);
      else this.win?.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // not saved; the pick still holds for this page
    }
  }

  /** Put data-theme on the document's root element. */
  apply(doc: Document | undefined = this.win?.document): void {
    if (doc) doc.documentElement.dataset.theme = this.current;
  }

  dispose(): void {
    for (const c of this.cleanups) c();
    this.cleanups = [];
  }
}
