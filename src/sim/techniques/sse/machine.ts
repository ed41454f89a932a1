// EventSource client (WHATWG HTML, server-sent events): one GET with
// Accept: text/event-stream; when the connection drops it waits the
// reconnection time (`retry`, sse.retryMs; Chromium's default 3,000 ms) and
// reconnects with Last-Event-ID so that the server replays what it missed.

import { persistentClient, persistentDef } from '../persistent-machine';

const ID = 'sse-client';
export const sseDef = persistentDef(ID);
export const sseClient = /* @__PURE__ */ persistentClient(ID);
