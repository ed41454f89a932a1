// Long polling: a GET the server holds until an update is queued or
// longPolling.timeoutMs passes; the next GET follows each answer, once the
// page's handler is done with it (client.processingMs): it is the page's
// own code that asks again.

import { longPollingDef } from './machine';
import type { Channel } from '../../run/channel';
import { traceActor } from '../../run/trace-actor';
import { FIRST_SECOND, NO_PINGS, type DriverFactory, type Technique } from '../driver';
import { httpRequest } from '../http-request';
import { postUpstream } from '../upstream-post';
import { longPollingPackets, type LongPollingPackets } from './packets';
import { PRIORITY } from '../../kernel/order';

const RESPONSE = { type: 'RESPONSE' } as const;
const DROPPED = { type: 'DROPPED' } as const;

export const longPollingDriver: DriverFactory<LongPollingPackets> = (w, host, session, packets) => {
  const respond = () => actor.send(RESPONSE);
  const answered = (conn: Channel) => {
    host.release(conn);
    if (host.pageBusyUntil > w.kernel.now) w.kernel.at(host.pageBusyUntil, PRIORITY.timer, respond);
    else respond();
  };
  const cut = () => actor.send(DROPPED);
  const send = httpRequest(w, session, () => packets.longPoll, () => ({ type: 'LONG_POLL', queued: session.queued }), answered, cut);
  const port = { sendLongPoll: () => host.acquire(send, cut) };
  const actor = w.spawn(longPollingDef, { port, reconnectDelayMs: w.s.longPolling.reconnectDelayMs });
  traceActor(w, actor, host.id, 'client', null);
  return { actor, pumpUpstream: postUpstream(w, host, session) };
};

export const longPolling: Technique<LongPollingPackets> = {
  id: 'long-polling',
  packets: longPollingPackets,
  client: longPollingDriver,
  // At most one answer and one new request per update, plus a timeout cycle every longPolling.timeoutMs and one per cut.
  work: (t) => {
    const timeouts = t.s.durationMs / t.s.longPolling.timeoutMs + 1;
    return (t.updates + timeouts + t.cuts) * (6 + t.perRequest + t.requestSegs) + t.updates * (t.updateSegs + t.handled);
  },
  retryPauseMs: (s) => s.longPolling.reconnectDelayMs,
  pingIntervalMs: NO_PINGS,
  startSpanMs: FIRST_SECOND,
};
