// Everything one technique's run shares: the scenario in kernel units, the
// feed, the counters, the tracer and the packet encoder; and the kernel of
// the client being simulated.
//
// Clients are independent (the server has no shared capacity), so a run
// simulates them one after another, each on the kernel started afresh
// (`beginClient`): the events of one client keep their (time, priority,
// sequence) order, nothing a client does depends on another, the work per
// event does not grow with the number of clients and only one client's state
// is alive at a time. Results are sums over clients (src/sim/run/metrics.ts).
//
// The feed costs a kernel event per update only while someone listens (a
// held long poll, an open stream): a priority-0 event (PRIORITY.feed, which
// nothing else uses, so it runs before everything else at its time), the
// world itself as its target (no closure), owned by nobody (a listener that
// leaves does not stop it): each makes one more update visible and tells
// the listeners. With no listener, `generated`
// catches up on reading: the updates made at or before now, as those
// priority-0 events would have counted.

import { Kernel, type KernelTarget } from '../kernel/kernel';
import { PRIORITY } from '../kernel/order';
import { kernelClock, type TargetClock } from '../kernel/clock';
import { fromMs, type Micros } from '../kernel/time';
import type { Scenario } from '../scenario/types';
import { pathParams } from '../net/params';
import { Paths, type PathParams } from '../net/tcp';
import { Encoder } from './encode';
import { http2 } from './http2-support';
import type { EventObject } from 'xstate';
import { releaseActors, type MachineDef } from '../machines/engine';
import { tableSpawner, type SimActor, type Spawner } from './spawn';
import { Metrics } from './metrics';
import { Tracer } from './tracer';
import type { RadioLogPort } from '../radio/support';
import { part } from './parts';
import { ServerCpu } from './server-cpu';
import { Jobs } from './session-jobs';
import { InFlight } from './in-flight';
import { population } from './population';
import { serverDownAt } from '../downtime';
import type { Technique } from '../techniques/driver';

export interface Subscriber {
  /** The client it serves: what it schedules on an update is that client's (the kernel's owner). */
  readonly client: number;
  onUpdate(): void;
}

export class World implements KernelTarget {
  readonly kernel = new Kernel();
  readonly clock: TargetClock;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly enc: Encoder;
  readonly durationUs: Micros;
  readonly latencyUs: Micros;
  /** The page's mean handling time per message that carries updates (client.processingMs; 0 = none). */
  readonly handlingUs: Micros;
  /** The server's mean handling time per request (server.processingMs; 0 = none). */
  readonly serverHandlingUs: Micros;
  /** The intermediary's idle timeout and connection lifetime (µs; 0 = none): src/sim/run/connection.ts. */
  readonly proxyIdleUs: Micros;
  readonly proxyLifetimeUs: Micros;
  /** The intermediary's wait for an answer's first byte (µs; 0 = none). */
  readonly proxyFirstByteUs: Micros;
  readonly path: PathParams;
  /** Every connection's TCP paths and every client's links (../net/tcp.ts). */
  readonly paths: Paths;
  /** The server's restarts: the first, the period after it (0 = once), and how long it is down after each (µs; 0 = none). */
  readonly restartUs: Micros;
  readonly restartEveryUs: Micros;
  private readonly downUs: Micros;
  /** The clients' radio log (network.radio; null = none: src/sim/radio/), reused from client to client when they run one after another. */
  private readonly radioLog: RadioLogPort | null;
  /** The server's processors, shared by every client (server.cores > 0; null = unlimited): ./server-cpu.ts. */
  readonly cpu: ServerCpu;
  /** Clients share the server's processors (server.cores > 0): they run together on one kernel (./simulate.ts). */
  readonly shared: boolean;
  /** The server sessions' work waiting for a core or a handler (./session-jobs.ts). */
  readonly jobs = new Jobs();
  /** The data packets on their way, every connection's (./in-flight.ts). */
  readonly inFlight = new InFlight();
  /** Updates generated so far for the current client: feed[0 .. made-1]. */
  private made = 0;
  /** A feed event is queued (the next update, with listeners waiting for it). */
  private feedQueued = false;
  /** Sessions that want to hear of each update (held long polls, open streams). */
  private readonly subscribers = new Set<Subscriber>();
  /** Kernel events of the clients simulated so far (the current one not included). */
  private eventsBefore = 0;

  constructor(
    readonly s: Scenario,
    readonly feed: Float64Array,
    traceClients: number,
    private readonly spawner: Spawner = tableSpawner,
  ) {
    this.clock = kernelClock(this.kernel);
    this.metrics = new Metrics(s.durationMs);
    this.tracer = new Tracer(Math.min(traceClients, population(s).total));
    this.enc = s.http.version === '2' ? http2().encoder(s, (i) => feed[i]) : new Encoder(s, (i) => feed[i]);
    this.durationUs = fromMs(s.durationMs);
    this.path = pathParams(s);
    this.latencyUs = this.path.latencyUs;
    this.paths = new Paths(this.path);
    this.handlingUs = fromMs(s.client.processingMs);
    this.serverHandlingUs = fromMs(s.server.processingMs);
    this.proxyIdleUs = fromMs(s.proxy.idleTimeoutMs);
    this.proxyLifetimeUs = fromMs(s.proxy.lifetimeMs);
    this.proxyFirstByteUs = fromMs(s.proxy.firstByteTimeoutMs);
    this.restartUs = fromMs(s.faults.serverRestartAtMs);
    this.restartEveryUs = fromMs(s.faults.serverRestartIntervalMs);
    this.downUs = this.restartUs > 0 ? fromMs(s.faults.serverDownMs) : 0;
    this.radioLog = s.network.radio === 'none' ? null : part('radio').log(s.network.radio);
    this.shared = s.server.cores > 0;
    this.cpu = new ServerCpu(this);
  }

  /** Each technique's packets for this run, made once (a WebSocket that falls back to long polling asks for long polling's too). */
  private readonly packets = new Map<Technique, unknown>();

  /** Technique t's packets, from this run's encoder (HTTP/1.1 or 2). */
  packetsOf<P>(t: Technique<P>): P {
    let p = this.packets.get(t as Technique) as P | undefined;
    if (p === undefined) {
      p = t.packets(this.enc);
      this.packets.set(t as Technique, p);
    }
    return p;
  }

  /** Start simulating the next client: the kernel back at time 0 with nothing pending, no update seen yet. */
  beginClient(): void {
    this.eventsBefore += this.kernel.processed;
    this.kernel.reset();
    this.inFlight.reset();
    this.jobs.reset();
    this.paths.reset();
    releaseActors(this.clock);
    this.made = 0;
    this.feedQueued = false;
    this.subscribers.clear();
  }

  /** A client's radio log: the reused one, or its own when the clients run together. */
  clientRadio(): RadioLogPort | null {
    if (!this.radioLog || !this.shared) return this.radioLog;
    return part('radio').log(this.s.network.radio as Exclude<Scenario['network']['radio'], 'none'>);
  }

  /** The server is down at `t` (within faults.serverDownMs after a restart): it refuses connections. */
  serverDown(t: Micros): boolean {
    return serverDownAt(this.restartUs, this.restartEveryUs, this.downUs, t);
  }

  /** Kernel events of every client so far. */
  get events(): number {
    return this.eventsBefore + this.kernel.processed;
  }

  /** Updates generated by now (all of them at a time t are visible to anything at t). */
  get generated(): number {
    if (!this.feedQueued) {
      const now = this.kernel.now;
      const feed = this.feed;
      while (this.made < feed.length && feed[this.made] <= now) this.made++;
    }
    return this.made;
  }

  subscribe(sub: Subscriber): void {
    this.subscribers.add(sub);
    if (!this.feedQueued) {
      const next = this.generated;
      if (next < this.feed.length) {
        this.feedQueued = true;
        this.queueUpdate(next);
      }
    }
  }

  unsubscribe(sub: Subscriber): void {
    this.subscribers.delete(sub);
  }

  /** Start a machine on this run's clock. */
  spawn<TEvent extends EventObject, TInput>(def: MachineDef<TEvent, TInput>, input: TInput): SimActor<TEvent> {
    return this.spawner(def, this.clock, input);
  }

  /** The event of update i, owned by nobody (whoever's event asks for it). */
  private queueUpdate(i: number): void {
    const k = this.kernel;
    const owner = k.owner;
    k.owner = -1;
    k.post(this.feed[i], PRIORITY.feed, this, 0);
    k.owner = owner;
  }

  /** One update made (the feed's event): the next one is queued while anyone listens (updates at the same time one by one). */
  fire(): void {
    this.made++;
    this.feedQueued = this.subscribers.size > 0 && this.made < this.feed.length;
    if (this.feedQueued) this.queueUpdate(this.made);
    // forEach with a callback made once: a for-of over the set would make an iterator per update.
    this.subscribers.forEach(this.notify);
    this.kernel.owner = -1;
  }

  /** Tell one listener of the update; what it schedules is its client's. */
  private readonly notify = (sub: Subscriber): void => {
    this.kernel.owner = sub.client;
    sub.onUpdate();
  };
}
