// jsdom has no layout and no ResizeObserver (Svelte's bind:clientWidth uses
// it); a no-op stub leaves the components at their default widths.
export function stubResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
