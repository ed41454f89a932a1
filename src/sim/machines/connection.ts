// The life of one TCP connection, as both ends see it: opening (SYN sent),
// open (SYN-ACK received), closed. Per-packet work is not a transition here:
// sending data is plain code in src/sim/run/connection.ts, so a message costs
// no machine step (xstate costs microseconds per event).

import { setup } from 'xstate';
import type { MachineDef } from './engine';

export type ConnectionEvent = { type: 'ESTABLISHED' } | { type: 'CLOSE' } | { type: 'DROP' };

const ID = 'connection';
/** No functions of its own: the run links its generated table alone. */
export const connectionDef: MachineDef<ConnectionEvent, undefined> = { id: ID, behaviour: {} };

// Pure: the page and the command line never use the xstate machine (only its table), so bundlers drop it and xstate.
export const connectionMachine = /* @__PURE__ */ setup({
  types: {} as { events: ConnectionEvent },
}).createMachine({
  id: ID,
  initial: 'opening',
  states: {
    opening: { on: { ESTABLISHED: 'open', CLOSE: 'closed', DROP: 'dropped' } },
    open: { on: { CLOSE: 'closed', DROP: 'dropped' } },
    closed: { type: 'final' },
    /** Cut by the network or an intermediary (fault injection), not by either end. */
    dropped: { type: 'final' },
  },
});
