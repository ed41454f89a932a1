// Seeded random streams. Every component that draws (each client, each link,
// the update feed) has its own stream, derived from (seed, component kind,
// index), so that adding a client or changing one component leaves every
// other component's draws exactly as they were (ns-3 does the same with
// MRG32k3a substreams; see REFERENCES.md "Simulation practice").
//
// The generator is pure-rand's xoroshiro128+; its 128-bit state is filled by
// hashing the triple with splitmix32-style mixing, so streams are independent
// of each other for practical purposes and cheap to create (10,000 clients).

import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** Component kinds that own a stream. Fixed numbers: renumbering changes every result. */
export const STREAM_KIND = {
  feed: 1,
  client: 2,
  uplink: 3,
  downlink: 4,
  media: 5,
  upstream: 6,
  faults: 7,
  handling: 8,
  serverHandling: 9,
  reconnectJitter: 10,
  serverCpu: 11,
  arrivals: 12,
  session: 13,
} as const;

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number;
  /** Exponential with the given mean (inverse transform). */
  exponential(mean: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
}

/** murmur3's 32-bit finaliser: a good avalanche mix of one word. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The four 32-bit state words for (seed, kind, index). Each word is its own
 * hash chain over the triple (with a different constant), so the state is a
 * 128-bit function of it rather than 32 bits stretched: two streams collide
 * only if all four chains do. Never all zero.
 */
export function streamState(seed: number, kind: number, index: number): number[] {
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    let h = mix32(seed ^ Math.imul(i + 1, 0x9e3779b9));
    h = mix32(h ^ Math.imul(kind + 1, 0x27d4eb2f) ^ i);
    h = mix32(h ^ Math.imul(index + 1, 0x165667b1));
    h = mix32(h + Math.imul(i + 1, 0x85ebca77));
    words.push(h);
  }
  // xoroshiro's state must not be all zero.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

/**
 * One stream: methods on the class, so that making a stream (three or more
 * per client, a million clients) allocates the generator and one object, not
 * four closures.
 */
class SeededStream implements Rng {
  constructor(private readonly gen: ReturnType<typeof xoroshiro128plusFromState>) {}

  uniform(): number {
    return uniformFloat64(this.gen);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  exponential(mean: number): number {
    // 1 - u is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.uniform());
  }

  chance(p: number): boolean {
    return p > 0 && this.uniform() < p;
  }
}

/** What stands for a stream that is never drawn from (a path on a network without jitter or loss), so that none is made; a draw says so. */
class NoDraws extends SeededStream {
  override uniform(): number {
    throw new Error('random: NO_DRAWS drawn from');
  }
}

export const NO_DRAWS: Rng = new NoDraws(xoroshiro128plusFromState([1, 0, 0, 0]));

export function createStream(seed: number, kind: number, index: number): Rng {
  return new SeededStream(xoroshiro128plusFromState(streamState(seed, kind, index)));
}
