// The worker's comparison job: one technique of a scenario, timed, with an
// error sent back as a reply (the pool then shows it) rather than thrown.

import { runTechnique } from '../../sim';
import type { JobReply, JobRequest } from './protocol';

export function techniqueJob(req: JobRequest): JobReply {
  const { gen, technique, scenario, traceClients } = req;
  const t0 = performance.now();
  try {
    const result = runTechnique(scenario, technique, { traceClients });
    return { gen, technique, ok: true, result, ms: performance.now() - t0 };
  } catch (err) {
    return { gen, technique, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
