// Links a machine's table (plain data, ./tables.ts `MachineTable`) with the
// functions it names (the machine's behaviour: custom actions, guards,
// delays) into what the actor runs: resting states as objects, per event type
// its candidates with their guard and actions resolved, timer ids as slots.
// The generated tables (../tables.generated.ts) are linked here at run time,
// so the page and the command line run machines without xstate.

import type { EventObject, StateValue } from 'xstate';
import { CANCEL, CUSTOM, NOOP, RAISE, type Action, type ActionCode, type ActionFn, type Behaviour, type Candidate, type CandidateCode, type Compiled, type ContextMaker, type DelayRef, type FnName, type GuardFn, type Leaf, type MachineTable, type StepCode, type Step } from './tables';

/** Functions by kind and name; inline ones (`#n`) from a table made at start-up. */
interface Names {
  behaviour: Behaviour<unknown>;
  inline: readonly unknown[];
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

class Linker {
  private readonly timers: string[] = [];
  private readonly raises: Compiled['raises'] = [];
  private readonly leaves: Leaf[];

  constructor(
    private readonly table: MachineTable,
    private readonly names: Names,
  ) {
    this.leaves = table.leaves.map((l, index) => ({ index, value: deepFreeze(l.value) as StateValue, done: l.done === true, on: new Map(), always: null }));
  }

  link(): Compiled {
    const t = this.table;
    t.leaves.forEach((code, i) => {
      const leaf = this.leaves[i];
      for (const [type, cands] of Object.entries(code.on)) leaf.on.set(type, cands.map((c) => this.candidate(c)));
      if (code.always) leaf.always = code.always.map((c) => this.candidate(c));
    });
    return { id: t.id, initial: this.step(t.initial), leaves: this.leaves, context: this.context(), timers: this.timers, raises: this.raises };
  }

  private fn(kind: 'actions' | 'guards' | 'delays', name: FnName): unknown {
    const f = name.startsWith('#') ? this.names.inline[Number(name.slice(1))] : this.names.behaviour[kind]?.[name];
    if (typeof f !== 'function') throw new Error(`fast engine: machine '${this.table.id}': ${kind.slice(0, -1)} '${name}' is named by its table but its behaviour has no such function`);
    return f;
  }

  private slot(id: string): number {
    const i = this.timers.indexOf(id);
    return i >= 0 ? i : this.timers.push(id) - 1;
  }

  private candidate(c: CandidateCode): Candidate {
    return { guard: c.guard === undefined ? null : (this.fn('guards', c.guard) as GuardFn), step: this.step(c) };
  }

  private step(s: StepCode): Step {
    const to = this.leaves[s.to];
    if (to === undefined) throw new Error(`fast engine: machine '${this.table.id}': a step goes to resting state ${s.to}, which its table lacks`);
    return { actions: s.actions.map((a) => this.action(a)), to };
  }

  private action(a: ActionCode): Action {
    if ('call' in a) return { kind: CUSTOM, fn: this.fn('actions', a.call) as ActionFn };
    if ('cancel' in a) return { kind: CANCEL, slot: this.slot(a.cancel) };
    if ('raise' in a) {
      const delay: DelayRef | undefined = typeof a.delay === 'string' ? (this.fn('delays', a.delay) as DelayRef) : a.delay;
      const event = a.raise as EventObject;
      const slot = a.id === undefined ? -1 : this.slot(a.id);
      return { kind: RAISE, event, slot, delay, code: this.raises.push({ event, slot }) - 1 };
    }
    return { kind: NOOP };
  }

  private context(): ContextMaker {
    const c = this.table.context;
    // The input itself, not xstate's shallow copy of it (engine.ts: differences left on purpose).
    if ('input' in c) return (input) => input;
    if ('fn' in c) {
      const f = this.fn('actions', c.fn) as (a: unknown) => unknown;
      const spawn = () => {
        throw new Error(`fast engine: machine '${this.table.id}': spawn in context is not supported`);
      };
      return (input, self) => Object.assign({}, f({ spawn, input, self }));
    }
    const value = c.value;
    return () => value;
  }
}

export function link(table: MachineTable, behaviour: Behaviour<unknown>, inline: readonly unknown[] = []): Compiled {
  return new Linker(table, { behaviour, inline }).link();
}
