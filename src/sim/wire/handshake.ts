// WebSocket opening-handshake keys (RFC 6455 §1.3, §4.1, §4.2.2).
//
// The client sends Sec-WebSocket-Key = base64 of 16 random bytes; the server
// proves it understood WebSocket by answering
//   Sec-WebSocket-Accept = base64( SHA-1( key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" ) ).
// The 16 bytes come from the caller (the simulation's seeded random stream),
// so everything here is deterministic.

//
// Only the server's answer needs SHA-1, and only to be shown (a packet's
// text): the page loads this module when it first shows or exports packet
// texts (src/sim/run/parts.ts, `websocketAccept`); the key is ./websocket-key.ts.

import { sha1 } from './sha1';
import { base64Encode } from './base64';

export { makeWebSocketKey } from './websocket-key';

/** The GUID of RFC 6455 §1.3. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a key: always 28 characters (base64 of a 20-byte digest). */
export function websocketAccept(key: string): string {
  // The key is base64, hence ASCII: one byte per character.
  const s = key.trim() + WEBSOCKET_GUID;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e) throw new Error(`websocketAccept: non-ASCII key ${JSON.stringify(key)}`);
    bytes[i] = c;
  }
  return base64Encode(sha1(bytes));
}
