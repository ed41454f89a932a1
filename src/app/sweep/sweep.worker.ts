// Web Worker that runs a sweep off the main thread. Protocol:
//   in:  { id, scenario, param, metric, range? }
//   out: { type: 'progress', id, done, total } after every simulation,
//        { type: 'done', id, result } at the end, { type: 'error', id, message }.
// Cancelling = the page terminates the worker (a sweep is synchronous here).

import type { Scenario } from '../../sim';
import { runSweep, type SweepMetric, type SweepParam, type SweepRange } from './sweep';

export interface SweepRequest {
  id: number;
  scenario: Scenario;
  param: SweepParam;
  metric: SweepMetric;
  range?: Partial<SweepRange>;
}

self.onmessage = (e: MessageEvent<SweepRequest>) => {
  const { id, scenario, param, metric, range } = e.data;
  try {
    const result = runSweep(scenario, param, metric, (p) => self.postMessage({ type: 'progress', id, ...p }), undefined, { range });
    self.postMessage({ type: 'done', id, result });
  } catch (err) {
    self.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
