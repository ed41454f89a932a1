// A run on several threads: each technique's clients are split into shards
// (src/sim/run/shards.ts), a pool of worker threads simulates them, and the
// shards are merged into exactly what one thread prints (tests/cli/workers.test.ts).
// Node only (worker_threads); src/sim stays free of it.

import { Worker } from 'node:worker_threads';
import { mergeShards, splitClients, updateTimes, type RunOutput, type Scenario, type ShardResult, type TechniqueId } from '../sim';
import type { ShardJob } from './shard-worker';

/** Shards per thread and technique: smaller pieces even out techniques of unequal cost. */
const SHARDS_PER_WORKER = 2;

/**
 * Start the worker script. Under tsx (`npm run sim`) the worker must register
 * tsx's loader before it imports TypeScript, so it starts from a one-line
 * module that does that; compiled to .js it starts directly.
 */
function startWorker(): Worker {
  const script = new URL(import.meta.url.endsWith('.ts') ? './shard-worker.ts' : './shard-worker.js', import.meta.url);
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(script.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

export async function simulateInWorkers(scenario: Scenario, techniques: readonly TechniqueId[], traceClients: number, workers: number): Promise<RunOutput> {
  const jobs: ShardJob[] = [];
  for (const technique of techniques) {
    for (const range of splitClients(scenario.clients, workers * SHARDS_PER_WORKER, traceClients)) jobs.push({ scenario, technique, range, traceClients });
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
  const feed = updateTimes(scenario);
  const results: RunOutput['results'] = {};
  for (const id of techniques) results[id] = mergeShards(scenario, id, feed, done.get(id)!);
  return { scenario, results };
}
