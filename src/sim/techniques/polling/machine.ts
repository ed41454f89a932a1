// Short-polling client: a GET every intervalMs on a fixed-rate timer, the
// first at start or one interval later (polling.firstRequest)
// (setInterval semantics: the next GET goes out on time whether or not the
// last one was answered; REFERENCES.md "Behaviour of browsers"). The timer is
// a delayed self-event with an id, so the kernel (through kernelClock) fires
// it at exactly start + k·interval.

import { raise, setup } from 'xstate';
import type { Behaviour, MachineDef } from '../../machines/engine';

export interface PollingPort {
  sendPoll(): void;
}

export interface PollingInput {
  port: PollingPort;
  intervalMs: number;
  /**
   * `immediate`: a GET at start, then one per interval (a fetch, then
   * setInterval); `afterInterval`: the first one interval after start
   * (setInterval alone).
   */
  firstRequest: 'immediate' | 'afterInterval';
}

export type PollingEvent =
  | { type: 'START' }
  | { type: 'TICK' }
  /** A poll answer arrived; `outstanding` polls are still unanswered. */
  | { type: 'RESPONSE'; outstanding: number }
  /** A poll's connection was cut before its answer came. */
  | { type: 'DROPPED'; outstanding: number };

/** The machine's own functions (plain code, no xstate: the run links them with its generated table). */
export const pollingBehaviour = {
  actions: {
    sendPoll: ({ context }) => context.port.sendPoll(),
  },
  guards: {
    firstAfterInterval: ({ context }) => context.firstRequest === 'afterInterval',
    allAnswered: ({ event }) => (event.type === 'RESPONSE' || event.type === 'DROPPED') && event.outstanding === 0,
  },
  delays: { interval: ({ context }) => context.intervalMs },
} satisfies Behaviour<PollingInput, PollingEvent>;

const ID = 'polling-client';
export const pollingDef: MachineDef<PollingEvent, PollingInput> = { id: ID, behaviour: pollingBehaviour };

// Pure: the page and the command line never use the xstate machine (only its table), so bundlers drop it and xstate.
export const pollingClient = /* @__PURE__ */ setup({
  types: {} as { context: PollingInput; input: PollingInput; events: PollingEvent },
  actions: {
    ...pollingBehaviour.actions,
    scheduleTick: raise({ type: 'TICK' }, { delay: 'interval', id: 'tick' }),
  },
  guards: pollingBehaviour.guards,
  delays: pollingBehaviour.delays,
}).createMachine({
  id: ID,
  context: ({ input }) => input,
  initial: 'stopped',
  states: {
    stopped: {
      on: {
        START: [
          { guard: 'firstAfterInterval', target: 'idle', actions: ['scheduleTick'] },
          { target: 'waiting', actions: ['sendPoll', 'scheduleTick'] },
        ],
      },
    },
    idle: { on: { TICK: { target: 'waiting', actions: ['sendPoll', 'scheduleTick'] } } },
    waiting: {
      on: {
        TICK: { actions: ['sendPoll', 'scheduleTick'] },
        RESPONSE: { guard: 'allAnswered', target: 'idle' },
        DROPPED: { guard: 'allAnswered', target: 'idle' },
      },
    },
  },
});
