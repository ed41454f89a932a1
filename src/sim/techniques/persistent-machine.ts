// The shape shared by the clients that keep one connection open (SSE,
// WebSocket, HTTP streaming): connect, stay open while messages flow (they
// cost no machine step), and after a drop wait a reconnection delay and
// connect again; a page's library may give up while connecting and use
// another transport (GAVE_UP). Each technique names its own machine and
// delay in its file.

import { setup } from 'xstate';
import type { Behaviour, MachineDef } from '../machines/engine';

export interface PersistentPort {
  /** Open the connection and send the opening request (GET, or the Upgrade handshake). */
  connect(): void;
  /**
   * The page's pause before a reconnection, drawn each time
   * (websocket.reconnectJitter); absent: reconnectDelayMs. On the port, not
   * in the input: xstate copies an input's own fields into the context, not
   * its class's methods.
   */
  reconnectDelay?(): number;
}

export interface PersistentInput {
  port: PersistentPort;
  reconnectDelayMs: number;
}

export type PersistentEvent =
  | { type: 'START' }
  /** Response head (or 101) received: the stream is open. */
  | { type: 'OPENED' }
  | { type: 'DROPPED' }
  /** The page's library gave up on this transport and uses another (a WebSocket's fallback to long polling). */
  | { type: 'GAVE_UP' };

/** The machine's own functions (plain code, no xstate: the run links them with its generated table). */
export const persistentBehaviour = {
  actions: {
    connect: ({ context }) => context.port.connect(),
  },
  delays: { reconnect: ({ context }) => (context.port.reconnectDelay ? context.port.reconnectDelay() : context.reconnectDelayMs) },
} satisfies Behaviour<PersistentInput, PersistentEvent>;

/** A technique's client as the run knows it: its table's id and the shared behaviour. */
export const persistentDef = (id: string): MachineDef<PersistentEvent, PersistentInput> => ({ id, behaviour: persistentBehaviour });

/** The xstate definition under a technique's id (pure: unused at run time, dropped by bundlers with xstate). */
export function persistentClient(id: string) {
  return /* @__PURE__ */ setup({
    types: {} as { context: PersistentInput; input: PersistentInput; events: PersistentEvent },
    ...persistentBehaviour,
  }).createMachine({
    id,
    context: ({ input }) => input,
    initial: 'stopped',
    states: {
      stopped: { on: { START: 'connecting' } },
      connecting: { entry: 'connect', on: { OPENED: 'open', DROPPED: 'reconnecting', GAVE_UP: 'gaveUp' } },
      open: { on: { DROPPED: 'reconnecting' } },
      reconnecting: { after: { reconnect: 'connecting' } },
      gaveUp: { type: 'final' },
    },
  });
}
