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

/** An action as the actor runs it; `slot` is the timer id's index in the machine's timer list (-1: no id). */
export type Action =
  | { kind: typeof CUSTOM; fn: ActionFn }
  | { kind: typeof RAISE; event: EventObject; slot: number; delay: DelayRef | undefined; code: number }
  | { kind: typeof CANCEL; slot: number }
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
  /** Its place in the machine's `leaves`: what an actor's state column holds. */
  index: number;
  value: StateValue;
  done: boolean;
  on: Map<string, Candidate[]>;
  always: Candidate[] | null;
}

/** How an actor makes its context from its input. */
export type ContextMaker = (input: unknown, self: unknown) => unknown;

export interface Compiled {
  id: string;
  initial: Step;
  /** The resting states, by index. */
  leaves: Leaf[];
  context: ContextMaker;
  /** Timer ids, in slot order (delayed raises and cancels name them by slot). */
  timers: string[];
  /**
   * Every raise of the machine, by its code: the event it sends and its
   * timer's slot. A delayed raise posts its code to the kernel, so what a
   * timer sends is the machine's, not kept per actor.
   */
  raises: { event: EventObject; slot: number }[];
}

// ---- the table: a compiled machine as plain data (JSON), functions named

/**
 * A function of the machine's behaviour, by name: an action, guard or delay of
 * `setup({ actions, guards, delays })`, or `#n`, the n-th inline function
 * (only in tables made at start-up; the generated tables refuse them).
 */
export type FnName = string;

export type ActionCode =
  | { call: FnName }
  | { raise: EventObject; id?: string; delay?: number | FnName }
  | { cancel: string }
  | { noop: true };

export interface StepCode {
  actions: ActionCode[];
  /** Index of the resting state reached, in `leaves`. */
  to: number;
}

export interface CandidateCode extends StepCode {
  guard?: FnName;
}

export interface LeafCode {
  value: StateValue;
  done?: true;
  on: Record<string, CandidateCode[]>;
  always?: CandidateCode[];
}

export interface MachineTable {
  id: string;
  /** `input`: a shallow copy of the input (xstate's `context: ({ input }) => input`); `value`: that object; `fn`: a named function of ({ input, self }). */
  context: { input: true } | { value: unknown } | { fn: FnName };
  initial: StepCode;
  leaves: LeafCode[];
}

/** The named functions a table calls: a machine's custom actions, guards and delays, with no xstate in them. */
export interface Behaviour<TContext = never, TEvent extends EventObject = EventObject> {
  actions?: Record<string, (args: { context: TContext; event: TEvent }) => void>;
  guards?: Record<string, (args: { context: TContext; event: TEvent }) => boolean>;
  delays?: Record<string, (args: { context: TContext; event: TEvent }) => number>;
}

/** A machine as the runtime knows it: its id (the key of its table) and its behaviour. */
export interface MachineDef<TEvent extends EventObject = EventObject, TInput = unknown> {
  readonly id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly behaviour: Behaviour<any, any>;
  /** Types only: what the machine accepts. */
  readonly types?: { event: TEvent; input: TInput };
}
