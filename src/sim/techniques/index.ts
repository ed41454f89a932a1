// The five techniques by SPEC id.

import type { TechniqueId } from '../types';
import type { DriverFactory } from './driver';
import { longPollingDriver } from './long-polling';
import { pollingDriver } from './polling';
import { sseDriver } from './sse';
import { streamingDriver } from './streaming';
import { websocketDriver } from './websocket';

export const DRIVERS: Record<TechniqueId, DriverFactory> = {
  polling: pollingDriver,
  'long-polling': longPollingDriver,
  sse: sseDriver,
  websocket: websocketDriver,
  streaming: streamingDriver,
};
