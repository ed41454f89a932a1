// The kernel's contract: run(until) runs every event with time < until (an
// event due exactly at `until` does not run, as in SimPy) and leaves now at
// until; cancel is honoured; scheduling is only at integer times >= now.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Kernel, type EventId } from '../../src/sim/kernel/kernel';
import { MAX_EVENT_TIME, PRIORITY } from '../../src/sim/kernel/order';

const P = PRIORITY.network;

describe('run(until) boundary', () => {
  it('does not run an event due exactly at until, and runs it in a later run()', () => {
    const k = new Kernel();
    const ran: number[] = [];
    k.at(999, P, () => ran.push(999));
    k.at(1000, P, () => ran.push(1000));
    k.run(1000);
    expect(ran).toEqual([999]);
    expect(k.now).toBe(1000);
    k.run(1001);
    expect(ran).toEqual([999, 1000]);
    expect(k.now).toBe(1001);
  });

  it('leaves now at until even when the queue is empty or ends earlier', () => {
    const k = new Kernel();
    k.run(500);
    expect(k.now).toBe(500);
    k.at(600, P, () => {});
    k.run(5000);
    expect(k.now).toBe(5000);
  });

  it('sets now to each event time while it runs', () => {
    const k = new Kernel();
    const seen: number[] = [];
    for (const t of [3, 17, 17, 250]) k.at(t, P, () => seen.push(k.now));
    k.run(1000);
    expect(seen).toEqual([3, 17, 17, 250]);
  });

  it('counts only events that ran in processed', () => {
    const k = new Kernel();
    k.at(1, P, () => {});
    const c = k.at(2, P, () => {});
    k.at(10, P, () => {});
    k.cancel(c);
    k.run(10);
    expect(k.processed).toBe(1);
  });

  it('after() is relative to now', () => {
    const k = new Kernel();
    k.run(100);
    let at = -1;
    k.after(50, P, () => (at = k.now));
    k.run(1000);
    expect(at).toBe(150);
  });
});

describe('cancel', () => {
  it('a cancelled event never runs', () => {
    const k = new Kernel();
    const ran: string[] = [];
    const a = k.at(10, P, () => ran.push('a'));
    k.at(20, P, () => ran.push('b'));
    k.cancel(a);
    k.run(100);
    expect(ran).toEqual(['b']);
  });

  it('an event can cancel a later event, including one at the same time', () => {
    const k = new Kernel();
    const ran: string[] = [];
    const handles: EventId[] = [];
    k.at(10, P, () => {
      ran.push('first');
      for (const h of handles) k.cancel(h);
    });
    handles.push(k.at(10, P, () => ran.push('same')));
    handles.push(k.at(50, P, () => ran.push('later')));
    k.run(100);
    expect(ran).toEqual(['first']);
  });

  it('cancelling an event already run has no effect', () => {
    const k = new Kernel();
    const ran: string[] = [];
    const a = k.at(10, P, () => ran.push('a'));
    k.run(20);
    k.cancel(a);
    k.at(30, P, () => ran.push('b'));
    k.run(40);
    expect(ran).toEqual(['a', 'b']);
  });

  it('a cancelled event left at until stays cancelled in the next run()', () => {
    const k = new Kernel();
    const ran: string[] = [];
    const a = k.at(100, P, () => ran.push('a'));
    k.run(100);
    k.cancel(a);
    k.run(200);
    expect(ran).toEqual([]);
  });
});

describe('event ids and reuse (the queue keeps events in typed arrays and reuses their slots)', () => {
  it('cancelling the id of an event that has run does not cancel the event that took its slot', () => {
    const k = new Kernel();
    const ran: string[] = [];
    const a = k.at(10, P, () => ran.push('a'));
    k.run(20);
    // The freed slot is taken by b; a's old id must not reach it.
    const b = k.at(30, P, () => ran.push('b'));
    expect(b).not.toBe(a);
    k.cancel(a);
    k.run(40);
    expect(ran).toEqual(['a', 'b']);
  });

  it('a target and a code run as a closure would, in the same order among closures', () => {
    const k = new Kernel();
    const log: string[] = [];
    const target = { fire: (code: number) => log.push(`t${code}@${k.now}`) };
    k.post(10, P, target, 7);
    k.at(10, P, () => log.push(`c@${k.now}`));
    k.post(5, PRIORITY.timer, target, 2);
    const x = k.postCancellable(20, P, target, 9);
    k.cancel(x);
    k.run(100);
    expect(log).toEqual(['t2@5', 't7@10', 'c@10']);
  });

  it('reset starts again at time 0 with nothing pending and no owner dropped; ids from before do nothing', () => {
    const k = new Kernel();
    const ran: string[] = [];
    k.owner = 4;
    const old = k.at(50, P, () => ran.push('old'));
    k.drop(4);
    k.run(10);
    k.reset();
    expect([k.now, k.processed, k.pending, k.owner]).toEqual([0, 0, 0, -1]);
    k.owner = 4;
    k.at(5, P, () => ran.push('new'));
    k.cancel(old);
    k.owner = -1;
    k.run(100);
    expect(ran).toEqual(['new']);
  });

  it('grows past its first arrays and keeps order (3,000 events pending at once)', () => {
    const k = new Kernel();
    const seen: number[] = [];
    // Times in a scrambled order, each once: they must come out sorted.
    for (let i = 0; i < 3000; i++) k.at((i * 7919) % 3000, P, () => seen.push(k.now));
    expect(k.pending).toBe(3000);
    k.run(3000);
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});

describe('scheduling rules', () => {
  it('refuses a priority that is not an integer from 0 to PRIORITY_LEVELS - 1', () => {
    const k = new Kernel();
    for (const p of [-1, 4, 1.5, Number.NaN]) expect(() => k.at(1, p, () => {})).toThrow(`kernel: priority ${p} is not an integer from 0 to 3`);
  });

  it('refuses a time beyond the latest one ordered exactly', () => {
    const k = new Kernel();
    expect(() => k.at(MAX_EVENT_TIME + 1, P, () => {})).toThrow(/<= \d+\)/);
    expect(() => k.at(MAX_EVENT_TIME, P, () => {})).not.toThrow();
  });

  it('refuses a time in the past', () => {
    const k = new Kernel();
    k.run(100);
    expect(() => k.at(99, P, () => {})).toThrow(/99/);
    expect(() => k.after(-1, P, () => {})).toThrow();
  });

  it('refuses a non-integer time (the unit is integer microseconds)', () => {
    const k = new Kernel();
    expect(() => k.at(10.5, P, () => {})).toThrow(/10\.5/);
    expect(() => k.after(0.1, P, () => {})).toThrow();
    expect(() => k.at(Number.NaN, P, () => {})).toThrow();
    expect(() => k.at(Number.POSITIVE_INFINITY, P, () => {})).toThrow();
  });

  it('accepts now itself (delay 0)', () => {
    const k = new Kernel();
    k.run(100);
    let ran = false;
    k.at(100, P, () => (ran = true));
    k.run(101);
    expect(ran).toBe(true);
  });

  it('refuses a past time from inside a callback too', () => {
    const k = new Kernel();
    let error: unknown;
    k.at(50, P, () => {
      try {
        k.at(49, P, () => {});
      } catch (e) {
        error = e;
      }
    });
    k.run(100);
    expect(error).toBeInstanceOf(Error);
  });

  it('runs events scheduled during a callback at the same time in the same run, after the current one', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.at(10, PRIORITY.timer, () => {
      log.push('outer start');
      // Lower priority number than the running event, same time: still after it.
      k.after(0, PRIORITY.feed, () => {
        log.push(`inner at ${k.now}`);
        k.after(0, PRIORITY.timer, () => log.push(`inner-inner at ${k.now}`));
      });
      log.push('outer end');
    });
    k.run(11);
    expect(log).toEqual(['outer start', 'outer end', 'inner at 10', 'inner-inner at 10']);
  });

  it('runs an event scheduled during a callback exactly at until only in the next run()', () => {
    const k = new Kernel();
    const log: number[] = [];
    k.at(10, P, () => k.at(20, P, () => log.push(k.now)));
    k.run(20);
    expect(log).toEqual([]);
    k.run(21);
    expect(log).toEqual([20]);
  });
});

// ---------------------------------------------------------------------------
// Property test. A random plan of events: top-level ones scheduled before the
// run, children scheduled from their parent's callback (possibly with delay 0),
// and cancels issued from callbacks. The test keeps its own model of what is
// pending (independent of the kernel's heap) and checks, at every firing, that
// the event that runs is the least pending one by (time, priority, insertion
// order), and at the end that exactly the scheduled, non-cancelled events with
// time < until ran.

interface Step {
  /** -1: scheduled before the run at absolute time `delay`; else index of an earlier step whose callback schedules this one. */
  parent: number;
  delay: number;
  priority: number;
  /** Index of a step this one's callback cancels (if it was scheduled by then), or -1. */
  cancels: number;
}

const stepsArb = fc
  .array(
    fc.record({
      parentPick: fc.nat(),
      topLevel: fc.boolean(),
      delay: fc.integer({ min: 0, max: 30 }),
      priority: fc.constantFrom(PRIORITY.feed, PRIORITY.network, PRIORITY.timer),
      cancelPick: fc.option(fc.nat(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((raw): Step[] =>
    raw.map((r, i) => ({
      parent: i === 0 || r.topLevel ? -1 : r.parentPick % i,
      delay: r.delay,
      priority: r.priority,
      cancels: r.cancelPick === undefined ? -1 : r.cancelPick % raw.length,
    })),
  );

interface Tracked {
  step: number;
  time: number;
  priority: number;
  order: number; // the test's own insertion counter
  handle: EventId;
}

function check(steps: Step[], untils: number[]): void {
  const k = new Kernel();
  const pending: Tracked[] = [];
  const scheduled = new Map<number, Tracked>();
  const cancelledBeforeRun = new Set<number>();
  const fired: Tracked[] = [];
  let order = 0;
  let runUntil = 0;

  const before = (a: Tracked, b: Tracked) =>
    a.time !== b.time ? a.time < b.time : a.priority !== b.priority ? a.priority < b.priority : a.order < b.order;

  const schedule = (i: number, time: number) => {
    const s = steps[i];
    const t: Tracked = { step: i, time, priority: s.priority, order: order++, handle: undefined as unknown as EventId };
    t.handle = k.at(time, s.priority, () => {
      // The kernel must pick the least pending event.
      const least = pending.reduce((m, x) => (before(x, m) ? x : m));
      expect(least.step).toBe(i);
      expect(k.now).toBe(time);
      expect(time).toBeLessThan(runUntil);
      pending.splice(pending.indexOf(t), 1);
      fired.push(t);
      steps.forEach((c, j) => {
        if (c.parent === i) schedule(j, k.now + c.delay);
      });
      const target = s.cancels >= 0 ? scheduled.get(s.cancels) : undefined;
      if (target) {
        const idx = pending.indexOf(target);
        if (idx >= 0) {
          pending.splice(idx, 1);
          cancelledBeforeRun.add(target.step);
        }
        k.cancel(target.handle);
      }
    });
    scheduled.set(i, t);
    pending.push(t);
  };

  steps.forEach((s, i) => {
    if (s.parent === -1) schedule(i, s.delay);
  });

  for (const until of untils) {
    runUntil = until;
    k.run(until);
    expect(k.now).toBe(until);
    // Every scheduled, non-cancelled event with time < until has run; none other.
    const expected = [...scheduled.values()].filter((t) => t.time < until && !cancelledBeforeRun.has(t.step)).map((t) => t.step);
    expect(fired.map((t) => t.step).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    // What is left pending is exactly what is due at or after until.
    for (const t of pending) expect(t.time).toBeGreaterThanOrEqual(until);
  }
  // Times never decrease.
  for (let j = 1; j < fired.length; j++) expect(fired[j].time).toBeGreaterThanOrEqual(fired[j - 1].time);
}

describe('kernel properties', () => {
  it('random schedules with nesting and cancels run in order, exactly the due non-cancelled events', () => {
    fc.assert(
      fc.property(stepsArb, fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }), (steps, cuts) => {
        const untils = [...new Set(cuts)].sort((a, b) => a - b);
        check(steps, untils);
      }),
      { numRuns: 300 },
    );
  });

  it('cutting a run into pieces gives the same order as one run', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 50 }), p: fc.integer({ min: 0, max: 2 }) }), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }),
        (events, cuts) => {
          const runWith = (untils: number[]) => {
            const k = new Kernel();
            const log: number[] = [];
            events.forEach((e, i) => k.at(e.t, e.p, () => log.push(i)));
            for (const u of untils) k.run(u);
            return log;
          };
          const pieces = [...new Set(cuts)].sort((a, b) => a - b).filter((u) => u < 61);
          expect(runWith([...pieces, 61])).toEqual(runWith([61]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('owners (a client that leaves: churn.meanSessionMs)', () => {
  it('an event belongs to the owner of the event that scheduled it; a dropped owner runs nothing more, whoever scheduled it', () => {
    const k = new Kernel();
    const log: string[] = [];
    k.owner = 1;
    // Client 1's timer schedules a follow-up (inherited owner 1); client 2's is untouched.
    k.at(10, P, () => {
      log.push(`a@${k.now}:${k.owner}`);
      k.at(30, P, () => log.push(`a2@${k.now}`));
    });
    k.owner = 2;
    k.at(15, P, () => log.push(`b@${k.now}:${k.owner}`));
    k.at(40, P, () => log.push(`b2@${k.now}`));
    // Nobody's event drops client 1 at 20: its follow-up at 30 never runs; what it schedules is nobody's.
    k.owner = -1;
    k.at(20, P, () => {
      k.drop(1);
      k.at(35, P, () => log.push(`fin@${k.now}:${k.owner}`));
    });
    k.run(100);
    expect(log).toEqual(['a@10:1', 'b@15:2', 'fin@35:-1', 'b2@40']);
  });

  it('a dropped owner’s target events reach their target as drop(code), in order, never as fire (so it lets go of what waits for them)', () => {
    const k = new Kernel();
    const log: string[] = [];
    const target = { fire: (c: number) => log.push(`fire ${c}@${k.now}`), drop: (c: number) => log.push(`drop ${c}`) };
    k.owner = 3;
    k.post(10, P, target, 1);
    k.post(30, P, target, 2);
    k.post(20, P, target, 3);
    k.owner = 4;
    k.post(25, P, target, 9);
    k.owner = -1;
    k.at(15, P, () => k.drop(3));
    // An event cancelled before its owner is dropped is neither fired nor dropped.
    k.owner = 3;
    const gone = k.postCancellable(40, P, target, 7);
    k.owner = -1;
    k.cancel(gone);
    k.run(100);
    expect(log).toEqual(['fire 1@10', 'drop 3', 'fire 9@25', 'drop 2']);
  });
});
