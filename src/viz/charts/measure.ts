// Width measurement for responsive charts, as a Svelte attachment
// ({@attach measureWidth((w) => (width = w))}). Unlike bind:clientWidth it
// does not throw where ResizeObserver is missing (jsdom): the chart then
// keeps its fallback width and scales with its viewBox.

export function measureWidth(set: (width: number) => void): (el: HTMLElement) => (() => void) | void {
  return (el) => {
    if (el.clientWidth > 0) set(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) set(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  };
}
