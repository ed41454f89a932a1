// The network parameters of a scenario in kernel units, computed in one place
// for the feed's connections and the media case alike.

import { fromMs } from '../kernel/time';
import type { Scenario } from '../scenario/types';
import { RTO_MIN_US, type PathParams } from './tcp';

export function pathParams(s: Scenario): PathParams {
  const latencyUs = fromMs(s.network.latencyMs);
  const jitterUs = fromMs(s.network.jitterMs);
  // RFC 6298 §2 with a settled estimate: RTO = SRTT + max(G, 4·RTTVAR); Linux
  // floors the second term at 200 ms (TCP_RTO_MIN). Jitter adds to the variance.
  const rtoUs = 2 * latencyUs + jitterUs + Math.max(RTO_MIN_US, 2 * jitterUs);
  return { latencyUs, jitterUs, lossRate: s.network.lossRate, rtoUs, initialCwnd: s.network.initialCwndSegments };
}
