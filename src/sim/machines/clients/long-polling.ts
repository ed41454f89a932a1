// Long-polling client: a GET that the server holds; on every answer (or a
// dropped connection) the next GET goes out at once, or after
// longPolling.reconnectDelayMs.

import { setup } from 'xstate';

export interface LongPollingPort {
  sendLongPoll(): void;
}

export interface LongPollingInput {
  port: LongPollingPort;
  reconnectDelayMs: number;
}

export type LongPollingEvent = { type: 'START' } | { type: 'RESPONSE' } | { type: 'DROPPED' };

export const longPollingClient = setup({
  types: {} as { context: LongPollingInput; input: LongPollingInput; events: LongPollingEvent },
  actions: {
    sendLongPoll: ({ context }) => context.port.sendLongPoll(),
  },
  guards: {
    noPause: ({ context }) => context.reconnectDelayMs === 0,
  },
  delays: { pause: ({ context }) => context.reconnectDelayMs },
}).createMachine({
  id: 'long-polling-client',
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
