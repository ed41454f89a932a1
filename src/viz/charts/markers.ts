// Point-marker path strings per technique (d3-shape symbols), centred on 0,0.

import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import type { TechniqueId } from '../../sim/types';
import { TECHNIQUE_MARKER } from './palette';

const SYMBOLS: Record<(typeof TECHNIQUE_MARKER)[TechniqueId], SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
};

/** Path of the technique's marker; `area` in square px. */
export function markerPath(id: TechniqueId, area = 64): string {
  return symbol(SYMBOLS[TECHNIQUE_MARKER[id]], area)() ?? '';
}
