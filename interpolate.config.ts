// Gives d3-scale the page's number-only interpolators
// (src/viz/number-interpolate.ts) instead of d3-interpolate, which would
// bring d3-color into the first visit: every scale here maps numbers to
// numbers. Only d3-scale's own import is redirected.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SHIM = fileURLToPath(new URL('./src/viz/number-interpolate.ts', import.meta.url));

export function numberInterpolators(): Plugin {
  return {
    name: 'push-sim:number-interpolators',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === 'd3-interpolate' && importer && /[\\/]d3(-scale)?[\\/]dist[\\/]/.test(importer) ? SHIM : null;
    },
  };
}
