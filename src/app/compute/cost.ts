// A rough size of a simulation, in "work units" proportional to the kernel
// events it will process, so the page can predict how long a run takes from
// how long the previous runs took, and decide whether to run it on the main
// thread (fits in a frame) or in Web Workers (keeps the page responsive).

import type { Scenario } from '../../sim';

export function workUnits(s: Scenario): number {
  const seconds = s.durationMs / 1000;
  const updates = s.server.updateRateHz * seconds;
  const polls = s.durationMs / s.polling.intervalMs;
  const upstream = s.client.sendRateHz * seconds;
  const pings = s.websocket.pingIntervalMs > 0 ? s.durationMs / s.websocket.pingIntervalMs : 0;
  // Every technique carries every update and upstream message; polling adds its polls; a base cost per client.
  return s.clients * (5 * (updates + upstream) + polls + pings + 5 * 4);
}

/** Running estimate of milliseconds per work unit (exponentially weighted, so it follows the machine's speed). */
export class CostModel {
  msPerUnit: number;
  // Initial guess from the fast machine engine: the default comparison (380
  // units) takes about 3-4 ms in Node and up to ~2x that in a browser.
  constructor(initial = 0.02) {
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
