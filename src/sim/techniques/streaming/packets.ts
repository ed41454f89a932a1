// What HTTP streaming puts on the wire: GET /stream, a response head whose
// body never ends, and each update as one piece of that body (a chunk on
// HTTP/1.1, RFC 9112 §7.1; a DATA frame on HTTP/2).

import type { Encoder, PacketSpec } from '../../run/encode';

export interface StreamingPackets {
  readonly open: PacketSpec;
  readonly head: PacketSpec;
  readonly chunk: PacketSpec;
}

export function streamingPackets(enc: Encoder): StreamingPackets {
  const { coding, piece } = enc.body;
  return {
    open: enc.request('stream', 'GET /stream'),
    head: enc.streamHead('chunked', `200 ${coding}`),
    chunk: enc.bodyPiece('chunk', (i) => `${piece} #${i + 1}`, 0, enc.updBytes, (i) => enc.updatePiece(i)),
  };
}
