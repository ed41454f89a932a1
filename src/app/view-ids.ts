// The page's views and playback-speed bounds: plain data shared by the store
// (state.svelte.ts), the URL codec and the keyboard map, with no runes.

export type ViewId = 'compare' | 'focus' | 'charts' | 'sweep';
export const VIEWS: readonly { id: ViewId; name: string }[] = [
  { id: 'compare', name: 'Compare' },
  { id: 'focus', name: 'Focus' },
  { id: 'charts', name: 'Charts' },
  { id: 'sweep', name: 'Sweep' },
];

/** The Charts view's charts, in their usual order (a lesson step can name one to lead). */
export const CHART_IDS = ['summary', 'costs', 'bandwidth-down', 'bandwidth-up', 'requests', 'connections', 'server', 'energy', 'latency', 'media'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;

/** Playback clocks: lesson time (slow motion on the wire, idle gaps squeezed: src/viz/lesson-time.ts) or real time. */
export type TimeMode = 'lesson' | 'real';
export const TIME_MODES: readonly TimeMode[] = ['lesson', 'real'];
