// The five techniques by SPEC id: each one's client, stream packets and
// start-up in its own file here (./driver.ts says what a technique provides).

import type { TechniqueId } from '../types';
import type { Technique } from './driver';
import { longPolling } from './long-polling';
import { polling } from './polling';
import { sse } from './sse';
import { streaming } from './streaming';
import { websocket } from './websocket';

export const TECHNIQUE_DEFS: Record<TechniqueId, Technique> = {
  polling,
  'long-polling': longPolling,
  sse,
  websocket,
  streaming,
};
