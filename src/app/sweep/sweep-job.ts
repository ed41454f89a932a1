// The worker's sweep job: runs the whole sweep synchronously, posting a
// progress reply after every simulation and the result (or the error) at
// the end. Cancelling is the page terminating the worker.

import type { SweepReply, SweepRequest } from '../compute/protocol';
import { runSweep } from './sweep';

export function sweepJob(req: SweepRequest, post: (reply: SweepReply) => void): void {
  const { id, scenario, param, metric, range } = req;
  try {
    const result = runSweep(scenario, param, metric, (p) => post({ type: 'progress', id, ...p }), undefined, { range });
    // runSweep returns null only when asked to stop, which nothing asks here.
    if (!result) throw new Error('the sweep stopped');
    post({ type: 'done', id, result });
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
}
