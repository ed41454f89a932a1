// Where the page's Web Workers come from: the simulation pool
// (./compute/runner.ts) and the sweep (./sweep/SweepView.svelte).
//
// The normal build emits each worker as its own file next to the page. The
// one-file build (`npm run build:single`, vite.single.config.ts) swaps this
// module for ./worker-factory.single.ts, which inlines the workers into the
// page; a null factory means "no workers here": the callers then compute on
// the main thread.

export type MakeWorker = () => Worker;

export const simulationWorker: MakeWorker | null =
  typeof Worker === 'undefined' ? null : () => new Worker(new URL('./compute/sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });

export const sweepWorker: MakeWorker | null =
  typeof Worker === 'undefined' ? null : () => new Worker(new URL('./sweep/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
