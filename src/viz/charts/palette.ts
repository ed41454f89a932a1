// One palette for every chart and for the page shell: Okabe-Ito colours
// (Okabe & Ito, "Color Universal Design", 2002/2008), which stay distinct for
// the common colour-vision deficiencies. Colour is never the only cue: each
// technique also has a dash pattern, a marker shape and a text label.
// Yellow (#F0E442) and sky blue are left out: too little contrast on white
// for a 2-3 px line on a projector.

import type { TechniqueId } from '../../sim/types';

export const TECHNIQUE_COLORS: Readonly<Record<TechniqueId, string>> = {
  polling: '#D55E00', // vermillion
  'long-polling': '#E69F00', // orange
  sse: '#0072B2', // blue
  websocket: '#009E73', // bluish green
  streaming: '#CC79A7', // reddish purple
};

/** SVG stroke-dasharray per technique ('none' = solid). */
export const TECHNIQUE_DASH: Readonly<Record<TechniqueId, string>> = {
  polling: '2 5',
  'long-polling': '9 4',
  sse: '14 4 3 4',
  websocket: 'none',
  streaming: '5 3',
};

export const TECHNIQUE_LABEL: Readonly<Record<TechniqueId, string>> = {
  polling: 'Polling',
  'long-polling': 'Long polling',
  sse: 'SSE',
  websocket: 'WebSocket',
  streaming: 'HTTP streaming',
};

/** d3-shape symbol name per technique, for point markers (sweep). */
export const TECHNIQUE_MARKER: Readonly<Record<TechniqueId, 'circle' | 'square' | 'triangle' | 'diamond' | 'cross'>> = {
  polling: 'circle',
  'long-polling': 'square',
  sse: 'triangle',
  websocket: 'diamond',
  streaming: 'cross',
};

/*
 * Neutral inks (text, axes, grid, cursor), line widths and font sizes are not
 * here: the components take them from the theme's CSS custom properties
 * (--fg, --muted, --bg, --grid, --axis, --border, --line-width,
 * --font-size-chart, --font-size-ui) with light-theme fallbacks, so a dark or
 * projector theme restyles every chart. The byte classes of SPEC §2 are
 * styled in BandwidthChart: header and framing in the theme's ink (strong,
 * faint), payload in Okabe-Ito sky blue (#56B4E9).
 */
