// HTTP streaming: one GET whose chunked response stays open, one chunk per
// update. The page's code reopens a dropped stream after
// streaming.reconnectDelayMs, asking from the last update it saw.

import { streamingDef } from './machine';
import type { Channel } from '../../run/channel';
import { traceActor } from '../../run/trace-actor';
import type { PacketKind } from '../../types';
import { FIRST_SECOND, NO_PINGS, type DriverFactory, type Technique } from '../driver';
import { httpRequest } from '../http-request';
import { postUpstream } from '../upstream-post';
import { streamingPackets, type StreamingPackets } from './packets';
import { pushWork } from '../work-terms';

const OPENED = { type: 'OPENED' } as const;
const DROPPED = { type: 'DROPPED' } as const;
const OPEN_STREAM = { type: 'OPEN_STREAM' } as const;

export const streamingDriver: DriverFactory<StreamingPackets> = (w, host, session, packets) => {
  const received = (_c: Channel, kind: PacketKind) => {
    if (kind === 'response') actor.send(OPENED);
  };
  const cut = () => actor.send(DROPPED);
  const send = httpRequest(w, session, () => packets.open, () => OPEN_STREAM, received, cut);
  const port = { connect: () => host.acquire(send, cut) };
  const actor = w.spawn(streamingDef, { port, reconnectDelayMs: w.s.streaming.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};

export const streaming: Technique<StreamingPackets> = {
  id: 'streaming',
  packets: streamingPackets,
  client: streamingDriver,
  // A chunked response head, then one chunk per update.
  stream: { head: (p) => p.head, update: (p) => p.chunk, responseBody: true },
  pingIntervalMs: NO_PINGS,
  work: pushWork,
  retryPauseMs: (s) => s.streaming.reconnectDelayMs,
  startSpanMs: FIRST_SECOND,
  mediaCase: true,
};
