// The radio's energy from its time in each state and the bytes it moved:
// energy = sum of (time x power) + alpha_up x Mbit up + alpha_down x Mbit
// down (Huang et al., MobiSys 2012, §5: P = alpha_u t_u + alpha_d t_d + beta
// while data moves; here the state's power stands for beta, since a message
// takes milliseconds of a tail of seconds). Per client and per hour.

import type { EnergyResult } from '../types';
import type { RadioTimes } from './times';
import type { RadioProfile } from './profiles';

const US_PER_HOUR = 3_600_000_000;

/** µs x mW = nJ. */
const joules = (us: number, mw: number): number => (us * mw) / 1e9;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Energy of `clients` radios over `durationUs` each, with the wire bytes they moved in all. */
export function energyResult(p: RadioProfile, t: RadioTimes, wireUp: number, wireDown: number, clientUs: number): EnergyResult {
  const tail = joules(t.tailUs, p.tail[0].mw) + joules(t.fachUs, p.tail[1].mw);
  const promotion = joules(t.promotionUs, p.promotionMw);
  const idle = joules(t.idleUs, p.idleMw);
  // mJ per Mbit x Mbit.
  const data = (p.upMjPerMbit * wireUp * 8 + p.downMjPerMbit * wireDown * 8) / 1e9;
  const total = tail + promotion + idle + data;
  const clientHours = clientUs / US_PER_HOUR;
  return {
    radio: p.kind,
    tailMs: (p.tail[0].us + p.tail[1].us) / 1000,
    joulesPerHour: round(total / clientHours, 3),
    radioWakeupsPerHour: round(t.wakeups / clientHours, 3),
    connectedShare: round((t.promotionUs + t.tailUs + t.fachUs) / clientUs, 4),
    tailShare: total > 0 ? round(tail / total, 4) : 0,
  };
}
