// A run on several threads: each technique's clients are split into shards
// (src/sim/run/shards.ts), a pool of worker threads simulates them, and the
// shards are merged into exactly what one thread prints (tests/cli/cli.test.ts).
// Node only (worker_threads); src/sim stays free of it.

import { Worker } from 'node:worker_threads';
import { clientsIndependent, mergeRun, population, splitClients, type RunOutput, type Scenario, type ShardResult, type TechniqueId } from '../sim';
import type { ShardJob } from './shard-worker';

/** Shards per thread and technique: smaller pieces even out techniques of unequal cost. */
const SHARDS_PER_WORKER = 2;

/**
 * Start the worker script. Bundled (bin/run-bundled.mjs, what `npm run sim`
 * does) it sits beside this module as shard-worker.mjs. Under tsx (the tests
 * spawn `tsx src/cli/main.ts`) the worker must register tsx's loader before
 * it imports TypeScript, so it starts from a one-line module that does that.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./shard-worker.mjs', import.meta.url));
  const script = new URL('./shard-worker.ts', import.meta.url);
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(script.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

export async function simulateInWorkers(scenario: Scenario, techniques: readonly TechniqueId[], traceClients: number, workers: number): Promise<RunOutput> {
  const jobs: ShardJob[] = [];
  for (const technique of techniques) {
    for (const range of splitClients(population(scenario).total, clientsIndependent(scenario) ? workers * SHARDS_PER_WORKER : 1, traceClients)) jobs.push({ scenario, technique, range, traceClients });
  }
  const done = new Map<TechniqueId, ShardResult[]>(techniques.map((t) => [t, []]));
  let next = 0;
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, startWorker);
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= jobs.length) return resolve();
              const job = jobs[next++];
              w.once('message', (r: ShardResult) => {
                done.get(job.technique)!.push(r);
                give();
              });
              w.postMessage(job);
            };
            w.once('error', reject);
            w.once('exit', (code) => code !== 0 && reject(new Error(`a simulation thread stopped (exit ${code})`)));
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return mergeRun(scenario, done);
}
