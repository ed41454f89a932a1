// The page's use of the core's work estimate (src/sim/run/work.ts): predict
// how long a run takes from how long the previous runs took, to decide
// whether to run it on the main thread (fits in a frame) or in Web Workers
// (keeps the page responsive), and refuse a run too big for a browser tab.

import { estimateWork, TECHNIQUES, type Scenario } from '../../sim';

/**
 * Most work the page runs, in work units: about 10 s in the page's workers on
 * a 2-core laptop, measured in Chromium (issue 9: 46,000 clients × the
 * default minute, 39.5 million units, took 10.6 s on two workers; 10,000
 * clients, 8.7 million, 2.2 s; npm run measure:ui, 2026-12-07: 2.5 s for the
 * first run that starts the workers, 1.9 s once they are warm). Memory does not grow with it: each worker
 * holds one client at a time and the counters of its shard. A link asking
 * for more is scaled down (src/app/url/codec.ts), a slider setting over it
 * is refused with a notice. The command line has its own limit and
 * `--max-work` to lift it.
 */
export const PAGE_WORK_BUDGET = 40_000_000;

/** Work units of the page's run of all five techniques. */
export function workUnits(s: Scenario): number {
  return estimateWork(s, TECHNIQUES).total;
}

/** Why the page will not run `s`, or null when it fits the budget. */
export function overBudget(s: Scenario): string | null {
  const units = workUnits(s);
  if (units <= PAGE_WORK_BUDGET) return null;
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  return `this run is too big for a browser tab: about ${f(units)} work units, over the page's limit of ${f(PAGE_WORK_BUDGET)}. Lower the clients, the duration or the rates, or run it from the command line (npm run sim, with --max-work).`;
}

/** Running estimate of milliseconds per work unit (exponentially weighted, so it follows the machine's speed). */
export class CostModel {
  msPerUnit: number;
  // Initial guess from the fast machine engine: the default comparison
  // (about 1,300 units) takes about 1-4 ms in Node and up to ~2x that in a browser.
  constructor(initial = 0.003) {
    this.msPerUnit = initial;
  }
  predictMs(s: Scenario): number {
    return workUnits(s) * this.msPerUnit;
  }
  observe(s: Scenario, ms: number): void {
    const units = workUnits(s);
    if (units <= 0 || !Number.isFinite(ms)) return;
    this.msPerUnit = 0.7 * this.msPerUnit + 0.3 * (ms / units);
  }
}
