// xstate machines' `after` delays as kernel events (src/sim/kernel/clock.ts).
// xstate's SimulatedClock fires a re-arming 100 ms timer once, not ten times,
// when moved by 1000 ms (REFERENCES.md, "xstate v5 pitfalls"); with the
// kernel as clock every firing happens at its own virtual time.
import { describe, it, expect } from 'vitest';
import { setup, createActor } from 'xstate';
import { Kernel } from '../../src/sim/kernel/kernel';
import { kernelClock } from '../../src/sim/kernel/clock';

const MS = 1000; // kernel time is integer microseconds

function ticker(kernel: Kernel, fires: number[]) {
  const machine = setup({
    actions: { tick: () => fires.push(kernel.now) },
  }).createMachine({
    id: 'ticker',
    initial: 'ticking',
    states: {
      ticking: {
        after: { 100: { target: 'ticking', reenter: true, actions: 'tick' } },
        on: { STOP: 'stopped' },
      },
      stopped: {},
    },
  });
  return createActor(machine, { clock: kernelClock(kernel) });
}

describe('kernelClock', () => {
  it('fires a re-arming 100 ms timer 10 times in 1001 ms, at exactly 100, 200, ..., 1000 ms', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const actor = ticker(kernel, fires);
    actor.start();
    kernel.run(1001 * MS);
    expect(fires).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((ms) => ms * MS));
    actor.stop();
  });

  it('gives the same firings whether the kernel runs in one step or many', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const actor = ticker(kernel, fires);
    actor.start();
    for (let t = 1; t <= 1001; t += 7) kernel.run(t * MS);
    kernel.run(1001 * MS);
    expect(fires).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((ms) => ms * MS));
    actor.stop();
  });

  it('does not fire the 1000 ms timer in run(1000 ms): it is due exactly at until', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const actor = ticker(kernel, fires);
    actor.start();
    kernel.run(1000 * MS);
    expect(fires).toHaveLength(9);
    actor.stop();
  });

  it('leaving the state cancels its pending timer', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const actor = ticker(kernel, fires);
    actor.start();
    // STOP at 250 ms: the timer armed at 200 ms (due at 300 ms) must not fire.
    kernel.at(250 * MS, 1, () => actor.send({ type: 'STOP' }));
    kernel.run(2000 * MS);
    expect(fires).toEqual([100 * MS, 200 * MS]);
    expect(actor.getSnapshot().value).toBe('stopped');
    actor.stop();
  });

  it('a one-shot timeout is cancelled when an event leaves the state first', () => {
    const kernel = new Kernel();
    const log: string[] = [];
    const machine = setup({}).createMachine({
      initial: 'waiting',
      states: {
        waiting: {
          after: { 500: { target: 'timedOut', actions: () => log.push(`timeout at ${kernel.now}`) } },
          on: { ANSWER: { target: 'done', actions: () => log.push(`answer at ${kernel.now}`) } },
        },
        timedOut: {},
        done: {},
      },
    });
    const actor = createActor(machine, { clock: kernelClock(kernel) }).start();
    kernel.at(499 * MS, 1, () => actor.send({ type: 'ANSWER' }));
    kernel.run(10_000 * MS);
    expect(log).toEqual([`answer at ${499 * MS}`]);
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('converts fractional millisecond delays to whole microseconds', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const machine = setup({}).createMachine({
      initial: 'a',
      states: { a: { after: { 562.5: { target: 'b', actions: () => fires.push(kernel.now) } } }, b: {} },
    });
    createActor(machine, { clock: kernelClock(kernel) }).start();
    kernel.run(1000 * MS);
    expect(fires).toEqual([562_500]);
  });

  it('stopping the actor cancels its timers', () => {
    const kernel = new Kernel();
    const fires: number[] = [];
    const actor = ticker(kernel, fires);
    actor.start();
    kernel.run(150 * MS);
    actor.stop();
    kernel.run(2000 * MS);
    expect(fires).toEqual([100 * MS]);
  });
});
