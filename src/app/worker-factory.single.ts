// The one-file build's workers (see ./worker-factory.ts, which this module
// replaces in vite.single.config.ts): the worker's bundle (one script for
// both jobs) is inlined into the page as a string and started from a blob:
// URL (data: URL if blobs are refused), so nothing is fetched when the page
// is opened from disk. Where even that fails the factory is null and the
// callers compute on the main thread.

import SimWorker from './compute/sim.worker.ts?worker&inline';
import type { MakeWorker } from './worker-factory';

function probe(make: () => Worker): MakeWorker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    make().terminate();
    return make;
  } catch {
    return null;
  }
}

export type { MakeWorker };
export const simulationWorker: MakeWorker | null = probe(() => new SimWorker({ name: 'simulation' }));
export const sweepWorker: MakeWorker | null = probe(() => new SimWorker({ name: 'sweep' }));
