// The shape shared by the clients that keep one connection open (SSE,
// WebSocket, HTTP streaming): connect, stay open while messages flow (they
// cost no machine step), and after a drop wait a reconnection delay and
// connect again. Each technique names its own machine and delay in its file.

import { setup } from 'xstate';

export interface PersistentPort {
  /** Open the connection and send the opening request (GET, or the Upgrade handshake). */
  connect(): void;
}

export interface PersistentInput {
  port: PersistentPort;
  reconnectDelayMs: number;
}

export type PersistentEvent =
  | { type: 'START' }
  /** Response head (or 101) received: the stream is open. */
  | { type: 'OPENED' }
  | { type: 'DROPPED' };

export function persistentClient(id: string) {
  return setup({
    types: {} as { context: PersistentInput; input: PersistentInput; events: PersistentEvent },
    actions: {
      connect: ({ context }) => context.port.connect(),
    },
    delays: { reconnect: ({ context }) => context.reconnectDelayMs },
  }).createMachine({
    id,
    context: ({ input }) => input,
    initial: 'stopped',
    states: {
      stopped: { on: { START: 'connecting' } },
      connecting: { entry: 'connect', on: { OPENED: 'open', DROPPED: 'reconnecting' } },
      open: { on: { DROPPED: 'reconnecting' } },
      reconnecting: { after: { reconnect: 'connecting' } },
    },
  });
}
