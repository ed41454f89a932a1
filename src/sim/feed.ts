// The server's update feed: the times at which updates are generated, drawn
// once per run from the feed's own random stream, so that all five
// techniques carry exactly the same updates and can be compared update for
// update. Every update is meant for every client.

import { fromMs, type Micros } from './kernel/time';
import { STREAM_KIND, createStream } from './random/streams';
import type { Scenario } from './scenario/types';

/** Generation times (µs, strictly before the end of the run, non-decreasing). */
export function updateTimes(s: Scenario): Float64Array {
  const rate = s.server.updateRateHz;
  const end: Micros = fromMs(s.durationMs);
  const out: number[] = [];
  if (rate > 0) {
    const meanUs = 1e6 / rate;
    const rng = createStream(s.seed, STREAM_KIND.feed, 0);
    switch (s.server.updatePattern) {
      case 'periodic':
        // One update every 1/rate s, the first at 1/rate s (not at 0).
        for (let k = 1; Math.round(k * meanUs) < end; k++) out.push(Math.round(k * meanUs));
        break;
      case 'poisson': {
        // Exponential gaps of mean 1/rate: a Poisson process of the given rate.
        let t = rng.exponential(meanUs);
        while (Math.round(t) < end) {
          out.push(Math.round(t));
          t += rng.exponential(meanUs);
        }
        break;
      }
      case 'bursty': {
        // Bursts of burstSize updates, burstSpacingMs apart, at Poisson times
        // of rate rate/burstSize: the same mean rate, delivered in clumps.
        const size = s.server.burstSize;
        const spacing = fromMs(s.server.burstSpacingMs);
        let t = rng.exponential(meanUs * size);
        while (Math.round(t) < end) {
          for (let j = 0; j < size; j++) {
            const u = Math.round(t) + j * spacing;
            if (u < end) out.push(u);
          }
          t += rng.exponential(meanUs * size);
        }
        out.sort((a, b) => a - b);
        break;
      }
    }
  }
  return Float64Array.from(out);
}

/** How many updates of a (non-decreasing) feed are made before `end` µs. */
export function updatesBefore(feed: Float64Array, end: Micros): number {
  let n = feed.length;
  while (n > 0 && feed[n - 1] >= end) n--;
  return n;
}
