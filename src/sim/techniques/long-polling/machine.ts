// Long-polling client: a GET that the server holds; on every answer (or a
// dropped connection) the next GET goes out at once, or after
// longPolling.reconnectDelayMs.

import { setup } from 'xstate';
import type { Behaviour, MachineDef } from '../../machines/engine';

export interface LongPollingPort {
  sendLongPoll(): void;
}

export interface LongPollingInput {
  port: LongPollingPort;
  reconnectDelayMs: number;
}

export type LongPollingEvent = { type: 'START' } | { type: 'RESPONSE' } | { type: 'DROPPED' };

/** The machine's own functions (plain code, no xstate: the run links them with its generated table). */
export const longPollingBehaviour = {
  actions: {
    sendLongPoll: ({ context }) => context.port.sendLongPoll(),
  },
  guards: {
    noPause: ({ context }) => context.reconnectDelayMs === 0,
  },
  delays: { pause: ({ context }) => context.reconnectDelayMs },
} satisfies Behaviour<LongPollingInput, LongPollingEvent>;

const ID = 'long-polling-client';
export const longPollingDef: MachineDef<LongPollingEvent, LongPollingInput> = { id: ID, behaviour: longPollingBehaviour };

// Pure: the page and the command line never use the xstate machine (only its table), so bundlers drop it and xstate.
export const longPollingClient = /* @__PURE__ */ setup({
  types: {} as { context: LongPollingInput; input: LongPollingInput; events: LongPollingEvent },
  ...longPollingBehaviour,
}).createMachine({
  id: ID,
  context: ({ input }) => input,
  initial: 'stopped',
  states: {
    stopped: { on: { START: 'waiting' } },
    waiting: {
      entry: 'sendLongPoll',
      on: {
        // No pause: skip the pausing state so that a message costs one step, not two.
        RESPONSE: [{ guard: 'noPause', target: 'waiting', reenter: true }, { target: 'pausing' }],
        DROPPED: [{ guard: 'noPause', target: 'waiting', reenter: true }, { target: 'pausing' }],
      },
    },
    pausing: { after: { pause: 'waiting' } },
  },
});
