// What long polling sends: GET /poll?wait=1, which the server holds until
// an update is queued; its answer is the poll answer every technique that
// asks shares (../../run/encode.ts batch()).

import type { Encoder, PacketSpec } from '../../run/encode';

export interface LongPollingPackets {
  readonly longPoll: PacketSpec;
}

export const longPollingPackets = (enc: Encoder): LongPollingPackets => ({ longPoll: enc.request('long-poll', 'GET /poll?wait') });
