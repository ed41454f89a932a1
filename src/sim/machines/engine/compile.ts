// Compiles an xstate v5 machine object (its `root` StateNode tree and its
// `implementations`) into a table of plain data (./tables.ts `MachineTable`:
// resting states, per event type the candidate transitions with their guard
// and flat action list, functions by name), checking that it stays inside the supported subset (../engine.ts
// lists it): anything else throws here, naming the machine, the state and
// the feature. Exit and entry sets follow xstate 5.33's transition domain
// rules (stateUtils: getTransitionDomain, computeExitSet, addDescendantStatesToEnter).

import type { AnyStateMachine, EventObject, StateValue } from 'xstate';
import type { ActionCode, CandidateCode, FnName, LeafCode, MachineTable, RawBuiltin, RawNode, RawTransition, StepCode } from './tables';

/** A machine's table, and its inline functions (named `#n` in the table). */
export interface CompiledTable {
  table: MachineTable;
  inline: unknown[];
}

/**
 * The xstate release whose internals this compiler reads (its StateNode tree
 * and built-in actions, which are not a public API): package.json pins it
 * exactly, and the table generator refuses any other (../oracle.ts).
 */
export const XSTATE_VERSION = '5.33.3';

const cache = new WeakMap<object, CompiledTable>();

const NODE_KEYS = new Set(['id', 'initial', 'states', 'on', 'entry', 'exit', 'after', 'always', 'type', 'description', 'meta']);
const ROOT_KEYS = new Set([...NODE_KEYS, 'context', 'schemas', 'types', 'version']);
const TRANSITION_KEYS = new Set(['target', 'actions', 'guard', 'reenter', 'description', 'meta', 'source', 'eventType', 'toJSON', 'delay', 'event']);

interface Implementations {
  actions: Record<string, unknown>;
  guards: Record<string, unknown>;
  delays: Record<string, unknown>;
}

/** A transition checked and resolved, before its exit and entry sets are known. */
interface Trans {
  source: RawNode;
  target: RawNode | null;
  reenter: boolean;
  guard: FnName | null;
  actions: ActionCode[];
}

export function compile(machine: AnyStateMachine): CompiledTable {
  const hit = cache.get(machine);
  if (hit) return hit;
  const compiled = new MachineCompiler(machine).compile();
  cache.set(machine, compiled);
  return compiled;
}

// ---- xstate's state-tree relations, for one chain of states (no parallel states)

function isDescendant(child: RawNode, parent: RawNode | undefined): boolean {
  let m = child;
  while (m.parent && m.parent !== parent) m = m.parent;
  return m.parent === parent;
}

function properAncestors(n: RawNode, upTo: RawNode | undefined): RawNode[] {
  const out: RawNode[] = [];
  if (upTo === n) return out;
  for (let m = n.parent; m && m !== upTo; m = m.parent) out.push(m);
  return out;
}

/** A resting state and its ancestors, innermost first. */
const chainOf = (leaf: RawNode): RawNode[] => [leaf, ...properAncestors(leaf, undefined)];
const byOrderAsc = (a: RawNode, b: RawNode) => a.order - b.order;
const byOrderDesc = (a: RawNode, b: RawNode) => b.order - a.order;

function addDescendants(s: RawNode, enter: Set<RawNode>): void {
  if (s.type !== 'compound') return;
  const init = s.initial.target[0];
  enter.add(init);
  addDescendants(init, enter);
}

/** A state's value as xstate writes it: 'a' or { a: 'b' }, frozen. */
function valueOf(leaf: RawNode): StateValue {
  const path = properAncestors(leaf, undefined).reverse().slice(1).concat(leaf).map((s) => s.key);
  let v: StateValue = path[path.length - 1];
  for (let i = path.length - 2; i >= 0; i--) v = Object.freeze({ [path[i]]: v });
  return v;
}

class MachineCompiler {
  private readonly root: RawNode;
  private readonly name: string;
  private readonly impl: Implementations;
  private readonly nodes: RawNode[] = [];
  private readonly actionCache = new Map<unknown, ActionCode>();
  private readonly inline: unknown[] = [];
  private readonly on = new Map<RawNode, Map<string, Trans[]>>();
  private readonly always = new Map<RawNode, Trans[]>();
  private readonly entry = new Map<RawNode, ActionCode[]>();
  private readonly exit = new Map<RawNode, ActionCode[]>();
  private readonly leaves = new Map<RawNode, { index: number; code: LeafCode }>();

  constructor(machine: AnyStateMachine) {
    const root = (machine as unknown as { root?: RawNode }).root;
    this.name = String((machine as unknown as { id?: unknown }).id);
    if (!root || !(root.transitions instanceof Map)) throw new Error(`fast engine: '${this.name}' is not an xstate v5 state machine`);
    this.root = root;
    this.impl = machine.implementations as unknown as Implementations;
  }

  compile(): CompiledTable {
    const walk = (n: RawNode) => {
      this.nodes.push(n);
      for (const c of Object.values(n.states)) walk(c);
    };
    walk(this.root);
    for (const n of this.nodes) this.checkNode(n);
    this.buildLeaves();
    const initial = this.stepFor(null, { source: this.root, target: null, reenter: true, guard: null, actions: [] });
    const leaves = [...this.leaves.values()].map((l) => l.code);
    return { table: { id: this.name, context: this.contextCode(), initial, leaves }, inline: this.inline };
  }

  /** The n-th inline function, as the table names it. */
  private nameInline(f: unknown): FnName {
    let i = this.inline.indexOf(f);
    if (i < 0) i = this.inline.push(f) - 1;
    return `#${i}`;
  }

  /** xstate's `context`: an object, or a function of ({ input }); the usual `({ input }) => input` is told apart by a probe. */
  private contextCode(): MachineTable['context'] {
    const c = this.root.config.context;
    if (typeof c !== 'function') return { value: c ?? {} };
    const probe = {};
    let answer: unknown;
    try {
      answer = (c as (a: unknown) => unknown)({ input: probe, spawn: () => undefined, self: undefined });
    } catch {
      answer = undefined;
    }
    return answer === probe ? { input: true } : { fn: this.nameInline(c) };
  }

  private fail(node: RawNode, what: string): never {
    throw new Error(`fast engine: machine '${this.name}', state '${node.id}': unsupported ${what}`);
  }

  // ---- checking and resolving

  private checkNode(n: RawNode): void {
    const allowed = n === this.root ? ROOT_KEYS : NODE_KEYS;
    for (const k of Object.keys(n.config)) if (!allowed.has(k)) this.fail(n, `'${k}'`);
    if (n.type === 'parallel' || n.type === 'history') this.fail(n, `${n.type} state`);
    if (n.type !== 'atomic' && n.type !== 'compound' && n.type !== 'final') this.fail(n, `state type '${n.type}'`);
    if (n === this.root && n.type !== 'compound') this.fail(n, 'machine without child states');
    if (n.type === 'final' && n.parent !== this.root) this.fail(n, 'nested final state (xstate.done.state events)');
    if (n.type === 'compound') {
      if (typeof n.config.initial !== 'string') this.fail(n, 'initial that is not a state key');
      if (n.initial.actions.length) this.fail(n, 'initial actions');
    }
    if (n.invoke.length) this.fail(n, 'invoke');
    const table = new Map<string, Trans[]>();
    for (const [type, ts] of n.transitions) {
      if (type.includes('*')) this.fail(n, `wildcard event descriptor '${type}'`);
      table.set(type, ts.map((t) => this.checkTransition(n, t, `on '${type}'`)));
    }
    this.on.set(n, table);
    if (n.always) this.always.set(n, n.always.map((t) => this.checkTransition(n, t, 'always')));
    this.entry.set(n, n.entry.map((a) => this.resolveAction(n, a)));
    this.exit.set(n, n.exit.map((a) => this.resolveAction(n, a)));
  }

  private checkTransition(node: RawNode, t: RawTransition, where: string): Trans {
    for (const k of Object.keys(t)) if (!TRANSITION_KEYS.has(k)) this.fail(node, `transition key '${k}' (${where})`);
    if (t.target && t.target.length > 1) this.fail(node, `multiple targets (${where})`);
    const target = t.target && t.target.length === 1 ? t.target[0] : null;
    return { source: node, target, reenter: t.reenter === true, guard: this.resolveGuard(node, t.guard), actions: t.actions.map((a) => this.resolveAction(node, a)) };
  }

  private resolveAction(node: RawNode, a: unknown): ActionCode {
    const known = this.actionCache.get(a);
    if (known) return known;
    let out: ActionCode;
    if (typeof a === 'string') {
      const f = this.impl.actions[a];
      // xstate runs an unimplemented named action as a no-op.
      out = f === undefined ? { noop: true } : this.resolveFn(node, f, `action '${a}'`, a);
    } else if (typeof a === 'function') {
      out = this.resolveFn(node, a, 'inline action', null);
    } else {
      return this.fail(node, `action ${JSON.stringify(a)} (object-form actions / params)`);
    }
    this.actionCache.set(a, out);
    return out;
  }

  private resolveFn(node: RawNode, f: unknown, label: string, name: string | null): ActionCode {
    if (typeof f !== 'function') return this.fail(node, `${label}: not a function`);
    if (!('resolve' in f)) return { call: name ?? this.nameInline(f) };
    const b = f as unknown as RawBuiltin;
    if (b.type === 'xstate.raise') {
      if (typeof b.event !== 'object' || b.event === null) return this.fail(node, `${label}: raise with an event expression`);
      if (b.id !== undefined && typeof b.id !== 'string') return this.fail(node, `${label}: raise with a non-string id`);
      const code: ActionCode = { raise: b.event as EventObject };
      if (b.id !== undefined) code.id = b.id;
      const delay = this.resolveDelay(node, b.delay, label);
      if (delay !== undefined) code.delay = delay;
      return code;
    }
    if (b.type === 'xstate.cancel') {
      if (typeof b.sendId !== 'string') return this.fail(node, `${label}: cancel with a non-string id`);
      return { cancel: b.sendId };
    }
    return this.fail(node, `${label}: built-in action '${b.type}'`);
  }

  private resolveDelay(node: RawNode, delay: unknown, label: string): number | FnName | undefined {
    if (delay === undefined || typeof delay === 'number') return delay;
    if (typeof delay === 'function') return this.nameInline(delay);
    if (typeof delay === 'string') {
      const d = this.impl.delays[delay];
      if (typeof d !== 'number' && typeof d !== 'function') return this.fail(node, `${label}: delay '${delay}' is not implemented`);
      return typeof d === 'number' ? d : delay;
    }
    return this.fail(node, `${label}: raise with delay ${String(delay)}`);
  }

  private resolveGuard(node: RawNode, g: unknown): FnName | null {
    if (g === undefined) return null;
    let f: unknown = g;
    if (typeof g === 'string') {
      f = this.impl.guards[g];
      if (f === undefined) return this.fail(node, `guard '${g}': not implemented`);
    } else if (typeof g !== 'function') return this.fail(node, `guard ${JSON.stringify(g)} (object-form guards / params)`);
    if (typeof f !== 'function' || 'check' in f) return this.fail(node, `guard ${typeof g === 'string' ? `'${g}'` : 'inline'}: built-in guard combinators`);
    return typeof g === 'string' ? g : this.nameInline(g);
  }

  // ---- resting states, and the microstep of each transition from each

  private buildLeaves(): void {
    for (const n of this.nodes) {
      if (n.type !== 'atomic' && n.type !== 'final') continue;
      const code: LeafCode = { value: valueOf(n), on: {} };
      if (n.type === 'final') code.done = true;
      this.leaves.set(n, { index: this.leaves.size, code });
    }
    for (const [node, { code }] of this.leaves) {
      for (const s of chainOf(node)) {
        for (const [type, ts] of this.on.get(s)!) {
          const list = (code.on[type] ??= []);
          for (const t of ts) list.push(this.candidate(node, t));
        }
        const al = this.always.get(s);
        if (al) {
          code.always ??= [];
          for (const t of al) code.always.push(this.candidate(node, t));
        }
      }
    }
  }

  private candidate(leaf: RawNode, t: Trans): CandidateCode {
    const step = this.stepFor(leaf, t);
    return t.guard === null ? step : { guard: t.guard, ...step };
  }

  /** xstate's getTransitionDomain. */
  private domainOf(t: Trans): RawNode | undefined {
    const targets = t.target ? [t.target] : [];
    if (!t.reenter && targets.every((x) => x === t.source || isDescendant(x, t.source))) return t.source;
    const [head, ...tail] = [...targets, t.source];
    for (const anc of properAncestors(head, undefined)) if (tail.every((x) => isDescendant(x, anc))) return anc;
    return t.reenter ? undefined : this.root;
  }

  /** The microstep for transition t taken in resting state `from` (null: the initial transition). */
  private stepFor(from: RawNode | null, t: Trans): StepCode {
    const active = new Set(from ? chainOf(from) : []);
    const { exits, entered } = from === null ? this.initialSets() : this.transitionSets(active, t);
    const config = new Set(active);
    for (const s of exits) config.delete(s);
    for (const s of entered) config.add(s);
    const to = this.leafOf(config, t.source);
    const flat = (ns: RawNode[], m: Map<RawNode, ActionCode[]>) => ns.flatMap((s) => m.get(s)!);
    const actions = [...flat(exits, this.exit), ...t.actions, ...flat(entered, this.entry)];
    // Reaching a top-level final state: xstate then runs every exit action (innermost first).
    if (to.code.done) actions.push(...flat([...config].sort(byOrderDesc), this.exit));
    return { actions, to: to.index };
  }

  /** initialMicrostep: enter the root and its initial descendants. */
  private initialSets(): { exits: RawNode[]; entered: RawNode[] } {
    const enter = new Set<RawNode>([this.root]);
    addDescendants(this.root, enter);
    return { exits: [], entered: [...enter].sort(byOrderAsc) };
  }

  /** computeExitSet and the entry set of a transition from the `active` chain (none for a targetless one). */
  private transitionSets(active: Set<RawNode>, t: Trans): { exits: RawNode[]; entered: RawNode[] } {
    if (!t.target) return { exits: [], entered: [] };
    const domain = this.domainOf(t);
    const ex = new Set<RawNode>();
    if (t.reenter && t.source === domain) ex.add(domain);
    for (const s of active) if (isDescendant(s, domain)) ex.add(s);
    const enter = new Set<RawNode>();
    const s = t.target;
    if (t.source !== s || t.source !== domain || t.reenter) enter.add(s);
    addDescendants(s, enter);
    const reentrancy = !t.source.parent && t.reenter ? undefined : domain;
    for (const anc of properAncestors(s, domain)) if (!reentrancy || isDescendant(anc, reentrancy)) enter.add(anc);
    return { exits: [...ex].sort(byOrderDesc), entered: [...enter].sort(byOrderAsc) };
  }

  /** The resting state a configuration is, or a failure if it is not one chain ending in one atomic state. */
  private leafOf(config: Set<RawNode>, node: RawNode): { index: number; code: LeafCode } {
    const atomic = [...config].filter((s) => s.type === 'atomic' || s.type === 'final');
    if (atomic.length !== 1) return this.fail(node, 'transition that leaves no single resting state');
    const chain = chainOf(atomic[0]);
    if (chain.some((s) => !config.has(s)) || config.size !== chain.length) this.fail(node, 'transition that leaves an inconsistent configuration');
    return this.leaves.get(atomic[0])!;
  }
}
