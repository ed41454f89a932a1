// Theme choice: URL, then the saved pick, then the system; the controller
// saves picks and follows the system until there is one.
import { describe, expect, it } from 'vitest';
import { chooseTheme, STORAGE_KEY } from '../../../src/app/theme/theme';
import { ThemeController } from '../../../src/app/theme/controller.svelte';

describe('chooseTheme', () => {
  it('URL first, then the pick, then prefers-color-scheme', () => {
    expect(chooseTheme({ url: null, picked: null, prefersDark: false })).toBe('light');
    expect(chooseTheme({ url: null, picked: null, prefersDark: true })).toBe('dark');
    expect(chooseTheme({ url: null, picked: 'projector', prefersDark: true })).toBe('projector');
    expect(chooseTheme({ url: 'dark', picked: 'projector', prefersDark: false })).toBe('dark');
    expect(chooseTheme({ url: null, picked: 'neon', prefersDark: true })).toBe('dark');
  });
});

function fakeWindow(dark: boolean, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [[STORAGE_KEY, stored]] : []);
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const win = {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) },
    matchMedia: (q: string) => ({ matches: q.includes('dark') ? dark : false, addEventListener: (_: string, f: (e: { matches: boolean }) => void) => q.includes('dark') && listeners.push(f), removeEventListener: () => {} }),
    document: { documentElement: { dataset: {} as Record<string, string> } },
  };
  return { win: win as unknown as Window, store, setDark: (m: boolean) => listeners.forEach((f) => f({ matches: m })) };
}

describe('ThemeController', () => {
  it('follows the system until the user picks, and saves the pick', () => {
    const { win, store, setDark } = fakeWindow(false);
    const c = new ThemeController(win);
    expect(c.current).toBe('light');
    setDark(true);
    expect(c.current).toBe('dark');
    c.pick('projector');
    expect(store.get(STORAGE_KEY)).toBe('projector');
    setDark(false);
    expect(c.current).toBe('projector');
    c.apply(win.document);
    expect(win.document.documentElement.dataset.theme).toBe('projector');
    c.pick(null);
    expect(store.has(STORAGE_KEY)).toBe(false);
    expect(c.current).toBe('light');
  });

  it('starts from the saved pick; a URL theme wins until the user picks', () => {
    const { win } = fakeWindow(true, 'light');
    const c = new ThemeController(win);
    expect(c.current).toBe('light');
    c.urlTheme = 'projector';
    expect(c.current).toBe('projector');
    expect(c.explicit).toBe('projector');
    c.pick('dark');
    expect(c.current).toBe('dark');
    expect(c.urlTheme).toBeNull();
  });
});
