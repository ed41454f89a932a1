// The server's processors (issue 11): every request, pushed message,
// connection set-up and TLS handshake costs CPU time (server.cpuPer*Ms).
// With server.cores = 0 (unlimited, SPEC §7) the work is only counted: it
// takes no time, and the clients stay independent. With c cores it is done
// first come, first served on the first core to be free, each job's time
// exponential with the key's mean (drawn from its client's stream), and what
// it answers waits for it: requests queue for a core, so polling at scale meets
// a saturation point, and a broadcast to N connections takes N writes, so
// its last copy leaves later as N grows. Clients then share the server and
// run together on one kernel (./simulate.ts).
//
// FIFO on c identical cores needs no queue: jobs arrive in time order, and
// each starts when the earliest-free core frees (or at once), so a core's
// next free time is all the state there is.

import { PRIORITY } from '../kernel/order';
import { fromMs, type Micros } from '../kernel/time';
import type { World } from './world';
import type { ClientHost } from './client-host';
import type { KernelTarget } from '../kernel/event-queue';

/** What each kind of work costs the server (µs of one core). */
export interface CpuCosts {
  request: Micros;
  message: Micros;
  connection: Micros;
  handshake: Micros;
  /** A resumed TLS session (no certificate, no signature): a tenth of a full handshake. */
  resumed: Micros;
}

export class ServerCpu {
  readonly costs: CpuCosts;
  private readonly freeAt: Float64Array;

  constructor(private readonly w: World) {
    const s = w.s.server;
    const handshake = fromMs(s.cpuPerTlsHandshakeMs);
    this.costs = { request: fromMs(s.cpuPerRequestMs), message: fromMs(s.cpuPerMessageMs), connection: fromMs(s.cpuPerConnectionMs), handshake, resumed: Math.round(handshake / 10) };
    this.freeAt = new Float64Array(s.cores);
  }

  /**
   * Work of mean `mean` µs arrives now for `client` (its stream draws the time);
   * `done` runs when it is finished (a closure, or a target told `code`): at once with unlimited cores (the work
   * counted at its mean), else after its wait for a core and its own time,
   * drawn exponential (an M/M/c server for Poisson arrivals: Erlang C).
   */
  run(mean: Micros, client: ClientHost, done: (() => void) | KernelTarget, code = 0): void {
    const { w } = this;
    const now = w.kernel.now;
    const cores = this.freeAt;
    if (cores.length === 0) {
      this.count(mean);
      finish(done, code);
      return;
    }
    const cost = mean > 0 ? Math.round(client.cpuRng.exponential(mean)) : 0;
    let k = 0;
    for (let i = 1; i < cores.length; i++) if (cores[i] < cores[k]) k = i;
    const start = Math.max(now, cores[k]);
    const end = start + cost;
    cores[k] = end;
    w.metrics.cpu(start, cost, start - now);
    if (end === now) finish(done, code);
    else if (typeof done === 'function') w.kernel.at(end, PRIORITY.network, done);
    else w.kernel.post(end, PRIORITY.network, done, code);
  }

  /** Work of mean `mean` µs with unlimited cores: counted at its mean, taking no time. */
  count(mean: Micros): void {
    this.w.metrics.cpu(this.w.kernel.now, mean, -1);
  }
}

/** What waits for the work, now. */
function finish(done: (() => void) | KernelTarget, code: number): void {
  if (typeof done === 'function') done();
  else done.fire(code);
}
