// `npm run glyphs`: writes src/viz/glyphs.generated.ts, the packet glyphs'
// SVG paths as d3 draws them (src/viz/glyph-shapes.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGlyphs } from '../src/viz/glyph-shapes';

const out = join(import.meta.dirname, '..', 'src', 'viz', 'glyphs.generated.ts');
writeFileSync(out, renderGlyphs());
console.log(`wrote ${out}`);
