// HTTP streaming client: one GET whose chunked response stays open, one chunk
// per update. Nothing standard resumes a dropped stream; the page's code
// reopens it after streaming.reconnectDelayMs, asking from the last id it saw.

import { persistentClient } from './persistent';

export const streamingClient = persistentClient('streaming-client');
