// Code the first visit does not need (the sweep view, the export panel) is
// fetched the first time it is used: lazy(() => import('./X.svelte')) gives
// a loader that starts the import once and hands every later caller the
// same promise. A failed fetch is forgotten, so the next use tries again.
// (The one-file build inlines these imports: vite.single.config.ts.)

export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    }));
}

/** An attachment for an element: the first pointer over it or focus in it starts `load` (what a reader is about to use). */
export function onFirstUse(load: () => unknown): (el: HTMLElement) => () => void {
  return (el) => {
    const start = () => void load();
    el.addEventListener('pointerenter', start, { once: true });
    el.addEventListener('focusin', start, { once: true });
    return () => {
      el.removeEventListener('pointerenter', start);
      el.removeEventListener('focusin', start);
    };
  };
}
