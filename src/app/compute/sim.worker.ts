// The page's one Web Worker script, for both of its background jobs: a
// technique of the comparison (the pool of ./runner.ts starts several and
// gives each a technique) and a sweep (src/app/sweep/SweepView.svelte).
// One script, so the engine they share ships once; the message's `kind`
// picks the job (./protocol.ts).

import { sweepJob } from '../sweep/sweep-job';
import type { JobReply, SweepReply, WorkerRequest } from './protocol';
import { techniqueJob } from './technique-job';
import { installParts } from '../../sim/parts';

// A worker runs whatever scenario it is sent, HTTP/2 included.
installParts();

const post = (reply: JobReply | SweepReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  if (req.kind === 'sweep') sweepJob(req, post);
  else post(techniqueJob(req));
};
