// Web Worker: runs one technique of a scenario off the main thread. The page
// starts several of these and gives each a technique (see ./runner.ts).

import { runTechnique } from '../../sim';
import type { JobReply, JobRequest } from './protocol';

self.onmessage = (e: MessageEvent<JobRequest>) => {
  const { gen, technique, scenario, traceClients } = e.data;
  const t0 = performance.now();
  let reply: JobReply;
  try {
    const result = runTechnique(scenario, technique, { traceClients });
    reply = { gen, technique, ok: true, result, ms: performance.now() - t0 };
  } catch (err) {
    reply = { gen, technique, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
