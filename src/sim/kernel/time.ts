// Virtual time. The kernel counts integer microseconds: milliseconds are too
// coarse for serialization (100 bytes at 10 Mbit/s take 80 µs) and integers
// keep every run exact and identical across JavaScript engines.

/** Virtual time in integer microseconds. */
export type Micros = number;

export const US_PER_MS = 1000;

/** Milliseconds (possibly fractional, e.g. DevTools' 562.5 ms) to integer microseconds. */
export function fromMs(ms: number): Micros {
  return Math.round(ms * US_PER_MS);
}

/** Microseconds to milliseconds, for results and traces. */
export function toMs(us: Micros): number {
  return us / US_PER_MS;
}
