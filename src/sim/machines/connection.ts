// The life of one TCP connection, as both ends see it: opening (SYN sent),
// open (SYN-ACK received), closed. Per-packet work is not a transition here:
// sending data is plain code in src/sim/run/connection.ts, so a message costs
// no machine step (xstate costs microseconds per event).

import { setup } from 'xstate';

export const connectionMachine = setup({
  types: {} as {
    events: { type: 'ESTABLISHED' } | { type: 'CLOSE' } | { type: 'DROP' };
  },
}).createMachine({
  id: 'connection',
  initial: 'opening',
  states: {
    opening: { on: { ESTABLISHED: 'open', CLOSE: 'closed', DROP: 'dropped' } },
    open: { on: { CLOSE: 'closed', DROP: 'dropped' } },
    closed: { type: 'final' },
    /** Cut by the network or an intermediary (fault injection), not by either end. */
    dropped: { type: 'final' },
  },
});
