// The one-file build: `npm run build:single` writes dist-single/index.html,
// the whole page (script, styles, workers) in one HTML file that works when
// opened from disk with no network. vite-plugin-singlefile inlines the
// script and the CSS; the workers are inlined by swapping
// src/app/worker-factory.ts for src/app/worker-factory.single.ts (Vite's
// `?worker&inline`). The favicon (public/favicon.svg) becomes a data: URL,
// and cspHashes() writes the page's Content-Security-Policy <meta> with the
// sha256 hashes of the inlined script and styles (csp.config.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspHashes } from './csp.config.ts';
import { numberInterpolators } from './interpolate.config.ts';

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

const FAVICON = fileURLToPath(new URL('./public/favicon.svg', import.meta.url));

/** index.html's /favicon.svg (a file of public/ in the normal build) as a data: URL. */
function inlineFavicon(): Plugin {
  return {
    name: 'push-sim:inline-favicon',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const data = `data:image/svg+xml,${encodeURIComponent(readFileSync(FAVICON, 'utf8').trim())}`;
        if (!html.includes('href="/favicon.svg"')) throw new Error('index.html has no href="/favicon.svg" to inline');
        return html.replace('href="/favicon.svg"', `href="${data}"`);
      },
    },
  };
}

export default defineConfig({
  base: './',
  // cspHashes() must come after viteSingleFile(): both rewrite the HTML in
  // generateBundle (enforce and order 'post'), and it hashes the inlined code.
  plugins: [inlineWorkers(), inlineFavicon(), svelte(), viteSingleFile({ removeViteModuleLoader: true }), cspHashes(), numberInterpolators()],
  // No public/ files next to the page: the favicon is inlined (above).
  publicDir: false,
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
