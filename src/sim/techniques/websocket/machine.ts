// WebSocket client (RFC 6455): the HTTP/1.1 Upgrade handshake, then frames
// both ways. Browsers do not reconnect a WebSocket by themselves; the page's
// code does, after websocket.reconnectDelayMs, resuming from the last id it saw.

import { persistentClient, persistentDef } from '../persistent-machine';

const ID = 'websocket-client';
export const websocketDef = persistentDef(ID);
export const websocketClient = /* @__PURE__ */ persistentClient(ID);
