// Which theme the page uses: a `theme=` URL parameter wins, then the user's
// pick (saved in localStorage), then the system's prefers-color-scheme.
// Pure choice here; applying it (data-theme on <html>) is in ./apply.ts.
// The themes themselves are CSS custom properties in ./theme.css.

export const THEMES = ['light', 'dark', 'projector'] as const;
export type ThemeId = (typeof THEMES)[number];
export const THEME_NAME: Record<ThemeId, string> = { light: 'Light', dark: 'Dark', projector: 'Projector' };

export const STORAGE_KEY = 'push-sim.theme';

export function isTheme(x: unknown): x is ThemeId {
  return typeof x === 'string' && (THEMES as readonly string[]).includes(x);
}

/** The theme in force. `picked` is the saved pick (null: follow the system). */
export function chooseTheme(opts: { url: ThemeId | null; picked: string | null; prefersDark: boolean }): ThemeId {
  if (opts.url) return opts.url;
  if (isTheme(opts.picked)) return opts.picked;
  return opts.prefersDark ? 'dark' : 'light';
}
