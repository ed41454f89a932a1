// What the machines' states mean, in plain words for the lanes and the
// sequence diagram (issue 8: no internal state names in visible text). The
// state ids themselves (src/sim/machines) stay in the trace, the exports and
// the elements' data-state attributes; a state without an entry here shows
// its id, so a new machine state is never hidden.

import type { TraceState } from '../sim/types';

export const STATE_WORDS: Readonly<Record<TraceState['machine'], Readonly<Record<string, string>>>> = {
  client: {
    stopped: 'not started',
    waiting: 'awaiting answer',
    idle: 'between polls',
    pausing: 'pausing',
    connecting: 'connecting',
    open: 'listening',
    reconnecting: 'reconnecting',
    gaveUp: 'gave up: fell back',
  },
  server: {
    idle: 'idle',
    holding: 'holding request',
    'streaming.choosing': 'stream open',
    'streaming.quiet': 'stream open',
    'streaming.pinging': 'stream open, pinging',
  },
  connection: {
    opening: 'opening',
    open: 'open',
    closed: 'closed',
    dropped: 'dropped',
  },
};

export function stateWords(machine: TraceState['machine'], state: string): string {
  return STATE_WORDS[machine][state] ?? state;
}
