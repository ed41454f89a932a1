// What reading packet texts needs on the page's own thread: a WebSocket
// answer's Sec-WebSocket-Accept, which takes SHA-1 (src/sim/run/parts.ts,
// `websocketAccept`). The views that show or export texts import this (they
// are loaded on first use), so it is installed before any text is read and
// the first visit does not ship it. Workers install every part.
import { installPart } from '../../sim/run/parts';
import { websocketAccept } from '../../sim/wire/handshake';

installPart('websocketAccept', websocketAccept);
