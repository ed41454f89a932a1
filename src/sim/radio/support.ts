// What the engine asks of the phone's radio (src/sim/radio/index.ts installs
// it as a part: src/sim/run/parts.ts).

import type { EnergyResult } from '../types';
import type { RadioChoice } from '../scenario/types';
import type { RadioTimes } from './times';

export type RadioKind = Exclude<RadioChoice, 'none'>;

/** One client's radio at a time: the packets it saw, then its time in each state. */
export interface RadioLogPort {
  saw(t: number): void;
  /** The client's radio from `startUs` (its arrival) to `endUs`; `spans`, when given, receives its states over time (a traced client). */
  close(startUs: number, endUs: number, into: RadioTimes, spans?: import('../types').RadioSpan[]): void;
}

export interface RadioSupport {
  log(kind: RadioKind): RadioLogPort;
  /** Energy of radios watched for `clientUs` µs in all (clients × the time each was watched), with the wire bytes they moved. */
  energy(kind: RadioKind, t: RadioTimes, wireUp: number, wireDown: number, clientUs: number): EnergyResult;
}
