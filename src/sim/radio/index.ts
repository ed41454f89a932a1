// The phone's radio for the engine (network.radio), in one home: the
// radios' timers and powers (./profiles.ts), one client's states from its
// packets (./activity.ts) and the energy (./energy.ts). Loaded on demand:
// installRadioSupport() fills the engine's slot (src/sim/run/parts.ts).

import { installPart } from '../run/parts';
import { RadioLog } from './activity';
import { energyResult } from './energy';
import { RADIO_PROFILES } from './profiles';

export function installRadioSupport(): void {
  installPart('radio', {
    log: (kind) => new RadioLog(RADIO_PROFILES[kind]),
    energy: (kind, t, up, down, clientUs) => energyResult(RADIO_PROFILES[kind], t, up, down, clientUs),
  });
}
