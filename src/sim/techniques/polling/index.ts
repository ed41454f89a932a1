// Short polling: the polling client machine's GET every intervalMs, each on
// an idle pooled connection (a new one while earlier polls are unanswered,
// up to the browser's 6), answered at once by the server.

import { pollingDef, type PollingEvent, type PollingInput, type PollingPort } from './machine';
import type { Channel } from '../../run/channel';
import type { ClientHost } from '../../run/client-host';
import type { PacketSpec } from '../../run/encode';
import type { ServerSession } from '../../run/server-session';
import type { SimActor } from '../../run/spawn';
import type { World } from '../../run/world';
import { NO_PINGS, type Technique } from '../driver';
import { HttpClient } from '../http-client';
import { pollingPackets, type PollingPackets } from './packets';

const POLL = { type: 'POLL' } as const;
const POLL_EVENT = () => POLL;
/** The answer events by the count still outstanding, made once each (frozen: an event queued in a mailbox must not change). */
const RESPONSES: PollingEvent[] = [];
const DROPS: PollingEvent[] = [];
const response = (outstanding: number): PollingEvent => (RESPONSES[outstanding] ??= Object.freeze({ type: 'RESPONSE', outstanding }));
const dropped = (outstanding: number): PollingEvent => (DROPS[outstanding] ??= Object.freeze({ type: 'DROPPED', outstanding }));

export class PollingClient extends HttpClient implements PollingPort, PollingInput {
  readonly actor: SimActor<PollingEvent>;
  /** Polls sent and not yet answered or cut. */
  private outstanding = 0;
  // Its machine's input, so its context (http-client.ts says why).
  readonly port = this;
  readonly intervalMs: number;
  readonly firstRequest: PollingInput['firstRequest'];

  constructor(w: World, host: ClientHost, session: ServerSession, private readonly packets: PollingPackets) {
    super(w, host, session, POLL_EVENT);
    this.intervalMs = w.s.polling.intervalMs;
    this.firstRequest = w.s.polling.firstRequest;
    this.actor = this.machine(pollingDef, this);
  }

  sendPoll(): void {
    this.outstanding++;
    this.ask();
  }

  protected request(): PacketSpec {
    return this.packets.poll;
  }

  /** The answer. */
  down(conn: Channel): void {
    this.host.release(conn);
    this.outstanding--;
    this.actor.send(response(this.outstanding));
  }

  cut(): void {
    this.outstanding--;
    this.actor.send(dropped(this.outstanding));
  }
}

export const polling: Technique<PollingPackets> = {
  id: 'polling',
  packets: pollingPackets,
  client: (w, host, session, packets) => new PollingClient(w, host, session, packets),
  // Each poll: its timer, the request's arrival, the answer's, the machine's steps; each update rides once in some answer (its segments, its latency sample).
  work: (t) => (t.s.durationMs / t.s.polling.intervalMs + 1) * (4 + t.perRequest + t.requestSegs) + t.updates * (1 + t.updateSegs),
  retryPauseMs: (s) => s.polling.intervalMs,
  neverListens: true,
  pingIntervalMs: NO_PINGS,
  startSpanMs: (s) => s.polling.intervalMs,
};
