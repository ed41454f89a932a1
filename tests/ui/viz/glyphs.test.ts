// The packet glyphs' paths are d3's (src/viz/glyph-shapes.ts draws them with
// d3-shape's symbols; src/viz/glyphs.generated.ts keeps them so the page
// need not ship d3-shape). If the file test fails, run `npm run glyphs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { symbol, symbolCircle, symbolSquare, symbolStar } from 'd3';
import { GLYPHS } from '../../../src/viz/glyphs.generated';
import { GLYPH_AREAS, renderGlyphs } from '../../../src/viz/glyph-shapes';
import { glyphPath, KIND_ORDER, KIND_STYLE } from '../../../src/viz/kinds';

const file = join(import.meta.dirname, '..', '..', '..', 'src', 'viz', 'glyphs.generated.ts');

describe('packet glyphs', () => {
  it('the generated file is what d3 draws now, byte for byte', () => {
    expect(readFileSync(file, 'utf8')).toBe(renderGlyphs());
  });

  it("every kind at every drawn size is d3's symbol of its shape (to a hundredth of a pixel); the transport's at a third of the area", () => {
    for (const kind of KIND_ORDER) for (const a of GLYPH_AREAS) expect(glyphPath(kind, a)).toBe(GLYPHS[`${KIND_STYLE[kind].shape}:${kind === 'tcp' || kind === 'tls' ? a / 3 : a}`]);
    // Independently of the generator: d3 itself, here.
    expect(glyphPath('request', 130)).toBe(symbol(symbolSquare, 130).digits(2)());
    expect(glyphPath('event', 60)).toBe(symbol(symbolStar, 60).digits(2)());
    expect(glyphPath('tcp', 90)).toBe(symbol(symbolCircle, 30).digits(2)());
    // A square of area 130 has sides of sqrt(130) = 11.40 px.
    expect(glyphPath('request', 130)).toBe('M-5.7,-5.7h11.4v11.4h-11.4Z');
  });

  it('a size the page does not draw is refused with the way to add it', () => {
    expect(() => glyphPath('frame', 77)).toThrow(/GLYPH_AREAS.*npm run glyphs/);
  });
});
