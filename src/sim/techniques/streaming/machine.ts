// HTTP streaming client: one GET whose chunked response stays open, one chunk
// per update. Nothing standard resumes a dropped stream; the page's code
// reopens it after streaming.reconnectDelayMs, asking from the last id it saw.

import { persistentClient, persistentDef } from '../persistent-machine';

const ID = 'streaming-client';
export const streamingDef = persistentDef(ID);
export const streamingClient = /* @__PURE__ */ persistentClient(ID);
