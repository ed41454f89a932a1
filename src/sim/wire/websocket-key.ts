// The client's Sec-WebSocket-Key (RFC 6455 §4.1): base64 of 16 random bytes.
// Apart from ./handshake.ts, whose answer needs SHA-1: a run writes keys
// into every handshake's head, the answer only when a packet's text is read.

import { base64Encode } from './base64';

/** Sec-WebSocket-Key from 16 (seeded random) bytes: always 24 characters. */
export function makeWebSocketKey(bytes16: Uint8Array): string {
  if (bytes16.length !== 16) throw new Error(`makeWebSocketKey: need 16 bytes (RFC 6455 §4.1), got ${bytes16.length}`);
  return base64Encode(bytes16);
}
