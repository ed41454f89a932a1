// The server's side of one client's session. One definition for every
// technique: what differs (the bytes of a poll answer, an SSE event, a
// WebSocket frame, a chunk) is in the named actions, which the runtime carries
// out through `context.port` (src/sim/run/server-session.ts).
//
//   idle ──POLL──▶ idle (answer at once: short polling)
//   idle ──LONG_POLL, nothing queued──▶ holding ──UPDATE──▶ idle (answer)
//                                        holding ──timeout──▶ idle (empty answer)
//   idle ──OPEN_STREAM──▶ streaming ──UPDATE──▶ streaming (push) ──CLOSED──▶ idle

import { setup } from 'xstate';
import type { Behaviour, MachineDef } from './engine';

export interface ServerPort {
  /** Answer the current poll with every queued update (maybe none). */
  respond(): void;
  /** Answer the held long poll with an empty response. */
  respondEmpty(): void;
  /** Start receiving feed updates (holding or streaming). */
  subscribe(): void;
  unsubscribe(): void;
  /** Send the stream's response head (or 101) and everything queued. */
  openStream(): void;
  /** Send queued updates on the open stream. */
  push(): void;
  sendPing(): void;
  /** An upstream message arrived (a POST, answered with 204, or a WebSocket frame). */
  upstream(): void;
}

export interface ServerInput {
  port: ServerPort;
  longPollTimeoutMs: number;
  pingIntervalMs: number;
}

export type ServerEvent =
  | { type: 'POLL' }
  | { type: 'LONG_POLL'; queued: number }
  | { type: 'OPEN_STREAM' }
  | { type: 'UPDATE' }
  | { type: 'CLOSED' }
  | { type: 'UPSTREAM' };

/** The machine's own functions (plain code, no xstate: the run links them with its generated table). */
export const serverBehaviour = {
  actions: {
    respond: ({ context }) => context.port.respond(),
    respondEmpty: ({ context }) => context.port.respondEmpty(),
    subscribe: ({ context }) => context.port.subscribe(),
    unsubscribe: ({ context }) => context.port.unsubscribe(),
    openStream: ({ context }) => context.port.openStream(),
    push: ({ context }) => context.port.push(),
    sendPing: ({ context }) => context.port.sendPing(),
    upstream: ({ context }) => context.port.upstream(),
  },
  guards: {
    hasQueued: ({ event }) => event.type === 'LONG_POLL' && event.queued > 0,
    pings: ({ context }) => context.pingIntervalMs > 0,
  },
  delays: {
    longPollTimeout: ({ context }) => context.longPollTimeoutMs,
    pingInterval: ({ context }) => context.pingIntervalMs,
  },
} satisfies Behaviour<ServerInput, ServerEvent>;

const ID = 'server';
export const serverDef: MachineDef<ServerEvent, ServerInput> = { id: ID, behaviour: serverBehaviour };

// Pure: the page and the command line never use the xstate machine (only its table), so bundlers drop it and xstate.
export const serverMachine = /* @__PURE__ */ setup({
  types: {} as { context: ServerInput; input: ServerInput; events: ServerEvent },
  ...serverBehaviour,
}).createMachine({
  id: ID,
  context: ({ input }) => input,
  initial: 'idle',
  on: { UPSTREAM: { actions: 'upstream' } },
  states: {
    idle: {
      on: {
        POLL: { actions: 'respond' },
        LONG_POLL: [{ guard: 'hasQueued', actions: 'respond' }, { target: 'holding' }],
        OPEN_STREAM: 'streaming',
      },
    },
    holding: {
      entry: 'subscribe',
      exit: 'unsubscribe',
      after: { longPollTimeout: { target: 'idle', actions: 'respondEmpty' } },
      on: {
        UPDATE: { target: 'idle', actions: 'respond' },
        CLOSED: 'idle',
      },
    },
    streaming: {
      entry: ['openStream', 'subscribe'],
      exit: 'unsubscribe',
      on: {
        UPDATE: { actions: 'push' },
        CLOSED: 'idle',
      },
      initial: 'choosing',
      states: {
        choosing: { always: [{ guard: 'pings', target: 'pinging' }, { target: 'quiet' }] },
        quiet: {},
        // Re-entering re-arms the timer: a ping every pingIntervalMs while open.
        pinging: { after: { pingInterval: { target: 'pinging', reenter: true, actions: 'sendPing' } } },
      },
    },
  },
});
