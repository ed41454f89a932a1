// Where the page's Web Workers come from: the simulation pool
// (./compute/runner.ts) and the sweep (./sweep/SweepView.svelte). Both
// start the same script (./compute/sim.worker.ts, which does either job),
// under their own names so that they are told apart in the dev tools.
//
// The normal build emits that worker as one file next to the page. The
// one-file build (`npm run build:single`, vite.single.config.ts) swaps this
// module for ./worker-factory.single.ts, which inlines the worker into the
// page; a null factory means "no workers here": the callers then compute on
// the main thread.

export type MakeWorker = () => Worker;

// One `new URL(...)` call site for both jobs: the build emits one worker file.
const start = (name: string): Worker => new Worker(new URL('./compute/sim.worker.ts', import.meta.url), { type: 'module', name });

export const simulationWorker: MakeWorker | null = typeof Worker === 'undefined' ? null : () => start('simulation');

export const sweepWorker: MakeWorker | null = typeof Worker === 'undefined' ? null : () => start('sweep');
