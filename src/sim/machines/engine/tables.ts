// The compiled form of a machine (./compile.ts makes it, ./actor.ts runs it):
// every resting state with, per event type, its candidate transitions, each
// with its resolved guard and one flat list of actions; and the shapes of
// xstate's StateNode objects that the compiler reads.

import type { EventObject, StateValue } from 'xstate';

/** The parts of xstate's StateNode that are read here (see StateMachine-*.js). */
export interface RawNode {
  id: string;
  key: string;
  type: string;
  order: number;
  parent?: RawNode;
  states: Record<string, RawNode>;
  entry: unknown[];
  exit: unknown[];
  transitions: Map<string, RawTransition[]>;
  always?: RawTransition[];
  initial: { target: RawNode[]; actions: unknown[] };
  invoke: unknown[];
  config: Record<string, unknown>;
}

export interface RawTransition {
  target?: RawNode[];
  actions: unknown[];
  guard?: unknown;
  reenter: boolean;
  source: RawNode;
  [key: string]: unknown;
}

/** xstate's built-in actions are functions carrying these fields. */
export interface RawBuiltin {
  type: string;
  resolve: unknown;
  event?: unknown;
  id?: unknown;
  delay?: unknown;
  sendId?: unknown;
}

export type Args = { context: unknown; event: EventObject; self: unknown };
export type ActionFn = (args: Args, params: undefined) => void;
export type GuardFn = (args: { context: unknown; event: EventObject }, params: undefined) => boolean;
export type DelayRef = number | ((args: Args, params: undefined) => unknown);

export const CUSTOM = 0;
export const RAISE = 1;
export const CANCEL = 2;
export const NOOP = 3;

export type Action =
  | { kind: typeof CUSTOM; fn: ActionFn }
  | { kind: typeof RAISE; event: EventObject; id: string | undefined; delay: DelayRef | undefined }
  | { kind: typeof CANCEL; id: string }
  | { kind: typeof NOOP };

export interface Step {
  /** Exit actions, transition actions, entry actions (and, on reaching a final state, every exit action). */
  actions: Action[];
  to: Leaf;
}

export interface Candidate {
  guard: GuardFn | null;
  step: Step;
}

/** A resting configuration: one atomic or final state and its ancestors. */
export interface Leaf {
  node: RawNode;
  value: StateValue;
  done: boolean;
  on: Map<string, Candidate[]>;
  always: Candidate[] | null;
}

export interface Compiled {
  id: string;
  initial: Step;
  context: unknown;
}
