// Everything one technique's run shares: the kernel, the scenario in kernel
// units, the feed, the counters, the tracer and the packet encoder.

import { Kernel } from '../kernel/kernel';
import { kernelClock, type Clock } from '../kernel/clock';
import { PRIORITY } from '../kernel/order';
import { fromMs, type Micros } from '../kernel/time';
import type { Scenario } from '../scenario/types';
import { pathParams } from '../net/params';
import type { PathParams } from '../net/tcp';
import type { AnyStateMachine, EventFromLogic, InputFrom } from 'xstate';
import { Encoder } from './encode';
import { spawnActor, type MachineEngine, type SimActor } from './spawn';
import { Metrics } from './metrics';
import { Tracer } from './tracer';

export interface Subscriber {
  onUpdate(): void;
}

export class World {
  readonly kernel = new Kernel();
  readonly clock: Clock;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly enc: Encoder;
  readonly durationUs: Micros;
  readonly latencyUs: Micros;
  readonly path: PathParams;
  /** Updates generated so far: feed[0 .. generated-1]. */
  generated = 0;
  /** Sessions that want to hear of each update (held long polls, open streams). */
  readonly subscribers = new Set<Subscriber>();

  constructor(
    readonly s: Scenario,
    readonly feed: Float64Array,
    traceClients: number,
    readonly engine: MachineEngine = 'fast',
  ) {
    this.clock = kernelClock(this.kernel);
    this.metrics = new Metrics(s.durationMs);
    this.tracer = new Tracer(Math.min(traceClients, s.clients));
    this.enc = new Encoder(s, (i) => feed[i]);
    this.durationUs = fromMs(s.durationMs);
    this.path = pathParams(s);
    this.latencyUs = this.path.latencyUs;
    // One pending feed event at a time (not the whole feed in the queue).
    if (feed.length > 0) this.kernel.at(feed[0], PRIORITY.feed, this.publish);
  }

  /** Start a machine on this run's clock with the run's engine. */
  spawn<M extends AnyStateMachine>(machine: M, input?: InputFrom<M>): SimActor<EventFromLogic<M>> {
    return spawnActor(this.engine, this.clock, machine, input);
  }

  private readonly publish = (): void => {
    this.generated++;
    if (this.generated < this.feed.length) this.kernel.at(this.feed[this.generated], PRIORITY.feed, this.publish);
    for (const sub of this.subscribers) sub.onUpdate();
  };
}
