// What short polling sends: GET /poll, and nothing else of its own. The
// server answers it at once with the updates queued for this client, the
// poll answer every technique that asks shares (../../run/encode.ts batch()).

import type { Encoder, PacketSpec } from '../../run/encode';

export interface PollingPackets {
  readonly poll: PacketSpec;
}

export const pollingPackets = (enc: Encoder): PollingPackets => ({ poll: enc.request('poll', 'GET /poll') });
