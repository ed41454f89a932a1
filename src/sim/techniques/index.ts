// The five techniques by SPEC id, each in its own folder here: its client
// machine (machine.ts, an xstate definition), what it puts on the wire
// (packets.ts) and its technique (index.ts: the code that carries out the
// machine's actions, what the server sends on its open stream, how its
// clients start, its share of the work estimate). ./driver.ts says what a
// technique provides; what several share is beside it (requests, upstream
// POSTs, the machine of the persistent-connection clients, the work terms).

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
