// xstate's Clock interface backed by the kernel, so that a machine's `after`
// delays become kernel events. xstate's SimulatedClock is not usable as a
// simulation clock (it fires a re-arming timer once when time jumps: see
// REFERENCES.md, "xstate v5 pitfalls"); here the kernel owns time.

import type { ActorOptions, AnyActorLogic } from 'xstate';
import type { Kernel, EventId, KernelTarget } from './kernel';
import { PRIORITY } from './order';
import { fromMs } from './time';

/** xstate's Clock interface (not exported by name from the package root). */
export type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/**
 * A clock that can also call a long-lived target with an integer instead of
 * a closure (the fast engine's timers, src/sim/machines/engine/actor-table.ts):
 * no allocation per timer. Its handles are numbers (kept in a typed array)
 * and clear with `clearTimeout`.
 */
export interface TargetClock extends Clock {
  post(delayMs: number, target: KernelTarget, code: number): number;
}

/** xstate gives delays in milliseconds; the kernel counts microseconds. */
export function kernelClock(kernel: Kernel): TargetClock {
  return {
    setTimeout: (fn: (...args: unknown[]) => void, delayMs: number) => kernel.after(fromMs(delayMs), PRIORITY.timer, fn),
    clearTimeout: (handle: unknown) => kernel.cancel(handle as EventId),
    post: (delayMs: number, target: KernelTarget, code: number) => kernel.postCancellable(kernel.now + fromMs(delayMs), PRIORITY.timer, target, code),
  };
}
