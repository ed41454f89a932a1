// Messages between the page and its one worker script (./sim.worker.ts),
// which does both of the page's background jobs: a shard of one technique's
// clients for the comparison (the runner's pool, ./runner.ts) and a whole sweep
// (src/app/sweep/SweepView.svelte). `kind` tells them apart.

import type { ClientRange, Scenario, ShardResult, TechniqueId } from '../../sim';
import type { SweepMetric, SweepParam, SweepRange, SweepResult } from '../sweep/sweep';

/** Run a shard of one technique's clients (the comparison's pool; src/sim/run/shards.ts). */
export interface JobRequest {
  kind: 'technique';
  gen: number;
  technique: TechniqueId;
  scenario: Scenario;
  range: ClientRange;
  traceClients: number;
}

export type JobReply =
  | { gen: number; technique: TechniqueId; ok: true; shard: ShardResult; ms: number }
  | { gen: number; technique: TechniqueId; ok: false; error: string };

/** Run a sweep: every value of `param`, all five techniques. Cancelling = terminating the worker. */
export interface SweepRequest {
  kind: 'sweep';
  id: number;
  scenario: Scenario;
  param: SweepParam;
  /** Only names the default selection: the reply carries every metric. */
  metric: SweepMetric;
  range?: Partial<SweepRange>;
}

export type SweepReply =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; result: SweepResult }
  | { type: 'error'; id: number; message: string };

export type WorkerRequest = JobRequest | SweepRequest;
