// Runs one of the project's TypeScript entry points (the command line, the
// benchmark) as a single bundled ES module: `node bin/run-bundled.mjs
// src/cli/main.ts --technique sse`. Bundled by esbuild, the simulation runs
// about 2.5x faster than under tsx, whose transform keeps every function's
// name with a `__name(...)` call that costs on each closure created (npm run
// bench: 50,000 SSE clients for 10 s, 3.6-3.9 s under tsx, 1.3-1.4 s
// bundled). The worker-thread entry of a run on several threads
// (src/cli/shard-worker.ts) is bundled beside it. Each process bundles into
// its own temporary directory (about 0.1 s), removed when it exits, so runs
// side by side never share files.

import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bin/run-bundled.mjs ENTRY.ts [ARGS...]\n');
  process.exit(2);
}
const outdir = mkdtempSync(join(tmpdir(), 'push-sim-bundle-'));
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));

await build({
  absWorkingDir: root,
  entryPoints: { main: resolve(entry), 'shard-worker': join(root, 'src/cli/shard-worker.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // jsonc-parser's UMD build requires files at run time; its ES module build bundles.
  mainFields: ['module', 'main'],
  // Some dependencies are CommonJS and call require(): give the ES module one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// The entry reads its arguments from process.argv.slice(2), as under tsx.
process.argv = [process.argv[0], resolve(entry), ...args];
await import(pathToFileURL(join(outdir, 'main.mjs')).href);
