// Vite builds the static site; Vitest (configured here too) runs the tests.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { cspMeta } from './csp.config.ts';
import { numberInterpolators } from './interpolate.config.ts';

export default defineConfig({
  // Relative asset URLs so that dist/ works from any sub-path (GitHub Pages, a slide deck's folder).
  base: './',
  // cspMeta: the Content-Security-Policy <meta> of the built page (csp.config.ts).
  // numberInterpolators: d3-scale without d3-color (interpolate.config.ts).
  plugins: [svelte(), svelteTesting(), cspMeta(), numberInterpolators()],
  // The simulation worker is an ES module (src/app/compute/sim.worker.ts).
  worker: { format: 'es' },
  // Every browser the build targets but Safari 16 preloads modules itself; the polyfill would cost the first visit 0.5 KB for it.
  build: { modulePreload: { polyfill: false } },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**'],
    environment: 'node',
    // HTTP/2 support installed for every test (tests/setup.ts).
    setupFiles: ['tests/setup.ts'],
  },
});
