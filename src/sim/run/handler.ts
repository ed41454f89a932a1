// One end's handler that takes each message or request in turn
// (client.processingMs, server.processingMs): a job arriving at t starts
// when the handler is free and lasts m/2 fixed plus an exponential of mean
// m/2 (mean m, a floor and a tail), drawn from a stream of its own so no
// other draw moves. Made on first use: most runs have no handling time.

import type { Micros } from '../kernel/time';
import { createStream, type Rng } from '../random/streams';

export class Handler {
  private rng: Rng | null = null;
  private freeAt: Micros = 0;

  constructor(
    private readonly seed: number,
    private readonly kind: number,
    private readonly index: number,
    private readonly meanUs: Micros,
  ) {}

  /** When the handler is done with a job that arrived at `t`. */
  done(t: Micros): Micros {
    const half = this.meanUs / 2;
    const rng = (this.rng ??= createStream(this.seed, this.kind, this.index));
    return (this.freeAt = Math.max(t, this.freeAt) + Math.round(half + rng.exponential(half)));
  }
}
