// The one rule for when the server is down (src/sim/downtime.ts), used by
// the engine in µs and by the page's lanes in ms.
import { describe, expect, it } from 'vitest';
import { serverDownAt } from '../../src/sim/downtime';

describe('serverDownAt', () => {
  it('down for `down` from each restart: [at, at + down), then [at + every, at + every + down), ...', () => {
    const at = 20;
    const every = 30;
    const down = 5;
    const times = [0, 19, 20, 24, 25, 49, 50, 54, 55, 80];
    expect(times.map((t) => serverDownAt(at, every, down, t))).toEqual([false, false, true, true, false, false, true, true, false, true]);
    // Once (every 0): only the first window.
    expect(times.map((t) => serverDownAt(at, 0, down, t))).toEqual([false, false, true, true, false, false, false, false, false, false]);
  });

  it('never down without a restart or without downtime', () => {
    for (const t of [0, 10, 1e9]) {
      expect(serverDownAt(0, 0, 5, t)).toBe(false);
      expect(serverDownAt(20, 30, 0, t)).toBe(false);
    }
  });
});
