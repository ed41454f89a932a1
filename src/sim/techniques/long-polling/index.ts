// Long polling: a GET the server holds until an update is queued or
// longPolling.timeoutMs passes; the next GET follows each answer, once the
// page's handler is done with it (client.processingMs): it is the page's
// own code that asks again.

import { longPollingDef, type LongPollingEvent, type LongPollingInput, type LongPollingPort } from './machine';
import type { Channel } from '../../run/channel';
import type { ClientHost } from '../../run/client-host';
import type { PacketSpec } from '../../run/encode';
import type { ServerSession } from '../../run/server-session';
import type { SimActor } from '../../run/spawn';
import type { World } from '../../run/world';
import type { KernelTarget } from '../../kernel/kernel';
import { FIRST_SECOND, NO_PINGS, type Technique } from '../driver';
import { HttpClient } from '../http-client';
import { longPollingPackets, type LongPollingPackets } from './packets';
import { PRIORITY } from '../../kernel/order';

const RESPONSE = { type: 'RESPONSE' } as const;
const DROPPED = { type: 'DROPPED' } as const;
/** The server holds the poll, told how many updates wait for this client when it arrives. */
const LONG_POLL_EVENT = (session: ServerSession) => ({ type: 'LONG_POLL', queued: session.queued }) as const;

export class LongPollingClient extends HttpClient implements LongPollingPort, LongPollingInput, KernelTarget {
  readonly actor: SimActor<LongPollingEvent>;
  // Its machine's input, so its context (http-client.ts says why).
  readonly port = this;
  readonly reconnectDelayMs: number;

  constructor(w: World, host: ClientHost, session: ServerSession, private readonly packets: LongPollingPackets) {
    super(w, host, session, LONG_POLL_EVENT);
    this.reconnectDelayMs = w.s.longPolling.reconnectDelayMs;
    this.actor = this.machine(longPollingDef, this);
  }

  sendLongPoll(): void {
    this.ask();
  }

  protected request(): PacketSpec {
    return this.packets.longPoll;
  }

  /** The answer: the machine hears of it once the page's handler is free (client.processingMs). */
  down(conn: Channel): void {
    const { host, w } = this;
    host.release(conn);
    if (host.pageBusyUntil > w.kernel.now) w.kernel.post(host.pageBusyUntil, PRIORITY.timer, this, 0);
    else this.fire();
  }

  /** The page's handler is free: its code goes on with the answer. */
  fire(): void {
    this.actor.send(RESPONSE);
  }

  cut(): void {
    this.actor.send(DROPPED);
  }
}

export const longPolling: Technique<LongPollingPackets> = {
  id: 'long-polling',
  packets: longPollingPackets,
  client: (w, host, session, packets) => new LongPollingClient(w, host, session, packets),
  // At most one answer and one new request per update, plus a timeout cycle every longPolling.timeoutMs and one per cut.
  work: (t) => {
    const timeouts = t.s.durationMs / t.s.longPolling.timeoutMs + 1;
    return (t.updates + timeouts + t.cuts) * (6 + t.perRequest + t.requestSegs) + t.updates * (t.updateSegs + t.handled);
  },
  retryPauseMs: (s) => s.longPolling.reconnectDelayMs,
  pingIntervalMs: NO_PINGS,
  startSpanMs: FIRST_SECOND,
};
