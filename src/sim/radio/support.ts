// What the engine asks of the phone's radio (src/sim/radio/index.ts installs
// it as a part: src/sim/run/parts.ts).

import type { EnergyResult } from '../types';
import type { RadioChoice } from '../scenario/types';
import type { RadioTimes } from './times';

export type RadioKind = Exclude<RadioChoice, 'none'>;

/** One client's radio at a time: the packets it saw, then its time in each state. */
export interface RadioLogPort {
  saw(t: number): void;
  /** `spans`, when given, receives the client's states over time (a traced client). */
  close(endUs: number, into: RadioTimes, spans?: import('../types').RadioSpan[]): void;
}

export interface RadioSupport {
  log(kind: RadioKind): RadioLogPort;
  /** Energy of `clients` radios over `durationUs` each, with the wire bytes they moved in all. */
  energy(kind: RadioKind, t: RadioTimes, wireUp: number, wireDown: number, clients: number, durationUs: number): EnergyResult;
}
