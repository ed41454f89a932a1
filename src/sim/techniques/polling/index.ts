// Short polling: the polling client machine's GET every intervalMs, each on
// an idle pooled connection (a new one while earlier polls are unanswered,
// up to the browser's 6), answered at once by the server.

import { pollingDef, type PollingEvent } from './machine';
import type { Channel } from '../../run/channel';
import { traceActor } from '../../run/trace-actor';
import { NO_PINGS, type DriverFactory, type Technique } from '../driver';
import { pollingPackets, type PollingPackets } from './packets';
import { httpRequest } from '../http-request';
import { postUpstream } from '../upstream-post';

const POLL = { type: 'POLL' } as const;
/** The answer events by the count still outstanding, made once each (frozen: an event queued in a mailbox must not change). */
const RESPONSES: PollingEvent[] = [];
const DROPS: PollingEvent[] = [];
const response = (outstanding: number): PollingEvent => (RESPONSES[outstanding] ??= Object.freeze({ type: 'RESPONSE', outstanding }));
const dropped = (outstanding: number): PollingEvent => (DROPS[outstanding] ??= Object.freeze({ type: 'DROPPED', outstanding }));

export const pollingDriver: DriverFactory<PollingPackets> = (w, host, session, packets) => {
  let outstanding = 0;
  // Handlers built once per client: a poll allocates no closure here.
  const answered = (conn: Channel) => {
    host.release(conn);
    outstanding--;
    actor.send(response(outstanding));
  };
  const cut = () => {
    outstanding--;
    actor.send(dropped(outstanding));
  };
  const send = httpRequest(w, session, () => packets.poll, () => POLL, answered, cut);
  const port = {
    sendPoll: () => {
      outstanding++;
      host.acquire(send, cut);
    },
  };
  const actor = w.spawn(pollingDef, { port, intervalMs: w.s.polling.intervalMs, firstRequest: w.s.polling.firstRequest });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};

export const polling: Technique<PollingPackets> = {
  id: 'polling',
  packets: pollingPackets,
  client: pollingDriver,
  // Each poll: its timer, the request's arrival, the answer's, the machine's steps; each update rides once in some answer (its segments, its latency sample).
  work: (t) => (t.s.durationMs / t.s.polling.intervalMs + 1) * (4 + t.perRequest + t.requestSegs) + t.updates * (1 + t.updateSegs),
  retryPauseMs: (s) => s.polling.intervalMs,
  neverListens: true,
  pingIntervalMs: NO_PINGS,
  startSpanMs: (s) => s.polling.intervalMs,
};
