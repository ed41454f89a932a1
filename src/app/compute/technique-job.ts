// The worker's comparison job: a shard of one technique's clients, timed,
// with an error sent back as a reply (the pool then shows it) rather than
// thrown. The runner merges the shards (./runner.ts).

import { runShardToPost } from '../../sim';
import type { JobReply, JobRequest } from './protocol';

export function techniqueJob(req: JobRequest): JobReply {
  const { gen, technique, scenario, range, traceClients } = req;
  const t0 = performance.now();
  try {
    const shard = runShardToPost(scenario, technique, range, { traceClients });
    return { gen, technique, ok: true, shard, ms: performance.now() - t0 };
  } catch (err) {
    return { gen, technique, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
