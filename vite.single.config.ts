// The one-file build: `npm run build:single` writes dist-single/index.html,
// the whole page (script, styles, workers) in one HTML file that works when
// opened from disk with no network. vite-plugin-singlefile inlines the
// script and the CSS; the workers are inlined by swapping
// src/app/worker-factory.ts for src/app/worker-factory.single.ts (Vite's
// `?worker&inline`).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';

const FACTORY = fileURLToPath(new URL('./src/app/worker-factory.ts', import.meta.url));
const SINGLE_FACTORY = fileURLToPath(new URL('./src/app/worker-factory.single.ts', import.meta.url));

/** Resolves every import of the worker factory to its inlining variant. */
function inlineWorkers(): Plugin {
  return {
    name: 'push-sim:inline-workers',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/worker-factory(\.ts)?$/.test(source) || importer === SINGLE_FACTORY) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && r.id === FACTORY ? SINGLE_FACTORY : null;
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [inlineWorkers(), svelte(), viteSingleFile({ removeViteModuleLoader: true })],
  // Classic (IIFE) workers: started from a blob: URL they load in every
  // browser that runs the page, and under test-time request interception,
  // where a module worker from a blob: URL never starts.
  worker: { format: 'iife' },
  build: {
    // No <link rel=modulepreload> polyfill: there is nothing to preload.
    modulePreload: false,
    outDir: 'dist-single',
    emptyOutDir: true,
    // Everything goes into the HTML: no asset may become a separate file.
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
  },
});
