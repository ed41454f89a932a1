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
  const h2 = enc.version === '2';
  return {
    open: enc.request('stream', 'GET /stream'),
    head: enc.streamHead('chunked', h2 ? '200 (stream)' : '200 chunked'),
    chunk: enc.bodyPiece('chunk', h2 ? (i) => `DATA #${i + 1}` : (i) => `chunk #${i + 1}`, 0, enc.updBytes, (i) => enc.updatePiece(i)),
  };
}
