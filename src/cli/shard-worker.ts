// One thread of a run on several (src/cli/workers.ts): simulates the shards
// of clients it is sent and posts each shard's counters back. The feed is
// drawn again here from the scenario's seed: the same times as the main
// thread's, and nothing large to send.

import { parentPort } from 'node:worker_threads';
import { runShardToPost, updateTimes, type ClientRange, type Scenario, type TechniqueId } from '../sim';
import { installParts } from '../sim/parts';

installParts();

export interface ShardJob {
  scenario: Scenario;
  technique: TechniqueId;
  range: ClientRange;
  traceClients: number;
}

/** The feed of the last scenario seen: every job of a run carries the same one. */
let cached: { key: string; feed: Float64Array } | null = null;

parentPort!.on('message', (job: ShardJob) => {
  const key = JSON.stringify(job.scenario);
  if (cached?.key !== key) cached = { key, feed: updateTimes(job.scenario) };
  parentPort!.postMessage(runShardToPost(job.scenario, job.technique, job.range, { traceClients: job.traceClients, feed: cached.feed }));
});
