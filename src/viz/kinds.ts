// How each packet kind looks: an Okabe-Ito colour (readable with the common
// colour-vision deficiencies), a d3 symbol shape and a short name, so that
// kinds differ by shape and label, never by colour alone. The shapes' paths
// are d3's, computed at build time (./glyph-shapes.ts, ./glyphs.generated.ts).

import { GLYPHS } from './glyphs.generated';
import type { PacketKind, TechniqueId } from '../sim/types';

/** d3-shape's symbols, by name (./glyph-shapes.ts). */
export type ShapeName = 'square' | 'circle' | 'diamond' | 'star' | 'wye' | 'cross' | 'triangle' | 'triangle2';

export interface KindStyle {
  colour: string;
  /** Stroke drawn around the glyph (dark for the light colours so they stay visible on white). */
  stroke: string;
  shape: ShapeName;
  name: string;
}

// Okabe & Ito (2008), "Color Universal Design".
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
  grey: '#999999',
} as const;

export const KIND_STYLE: Record<PacketKind, KindStyle> = {
  request: { colour: OKABE_ITO.blue, stroke: '#00304d', shape: 'square', name: 'request' },
  response: { colour: OKABE_ITO.vermillion, stroke: '#5c2600', shape: 'circle', name: 'response' },
  handshake: { colour: OKABE_ITO.purple, stroke: '#5e2d4a', shape: 'diamond', name: 'handshake' },
  event: { colour: OKABE_ITO.green, stroke: '#003d2d', shape: 'star', name: 'SSE event' },
  chunk: { colour: OKABE_ITO.orange, stroke: '#5c4000', shape: 'wye', name: 'chunk' },
  frame: { colour: OKABE_ITO.skyBlue, stroke: '#1d4e6b', shape: 'cross', name: 'WS frame' },
  ping: { colour: OKABE_ITO.yellow, stroke: '#5c5700', shape: 'triangle', name: 'ping' },
  pong: { colour: OKABE_ITO.yellow, stroke: '#5c5700', shape: 'triangle2', name: 'pong' },
  tcp: { colour: OKABE_ITO.grey, stroke: '#333333', shape: 'circle', name: 'TCP' },
  // Light stroke: black alone would vanish on the dark theme.
  tls: { colour: OKABE_ITO.black, stroke: '#bbbbbb', shape: 'square', name: 'TLS' },
};

export const KIND_ORDER: readonly PacketKind[] = ['request', 'response', 'handshake', 'event', 'chunk', 'frame', 'ping', 'pong', 'tls', 'tcp'];

/** SVG path of a kind's glyph centred on 0,0; `area` in square pixels, one of GLYPH_AREAS (the transport's, TCP and TLS, are drawn smaller). */
export function glyphPath(kind: PacketKind, area: number): string {
  const a = kind === 'tcp' || kind === 'tls' ? area / 3 : area;
  const d = GLYPHS[`${KIND_STYLE[kind].shape}:${a}`];
  if (d === undefined) throw new Error(`no ${kind} glyph of ${area} px²: add the area to GLYPH_AREAS (src/viz/glyph-shapes.ts) and run npm run glyphs`);
  return d;
}

export const TECHNIQUE_NAME: Record<TechniqueId, string> = {
  polling: 'Short polling',
  'long-polling': 'Long polling',
  sse: 'Server-Sent Events',
  websocket: 'WebSocket',
  streaming: 'HTTP streaming',
};
