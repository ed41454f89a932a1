// Runs one technique over a scenario and collects its result; `simulate`
// runs several on the same scenario (the same feed, the same client streams).

import { PRIORITY } from '../kernel/order';
import { fromMs } from '../kernel/time';
import { updatesBefore, updateTimes } from '../feed';
import { mediaCase } from '../media';
import type { Scenario } from '../scenario/types';
import { STREAM_KIND, createStream } from '../random/streams';
import { TECHNIQUE_DEFS } from '../techniques';
import { TECHNIQUES, type RadioSpan, type RunOutput, type TechniqueId, type TechniqueResult } from '../types';
import { ClientHost } from './client-host';
import { ServerSession } from './server-session';
import { DEFAULT_TRACE_CLIENTS, plainTrace } from './tracer';
import { World } from './world';
import { part } from './parts';
import { Metrics } from './metrics';
import { hasChurn, population } from './population';
import type { ClientRange, ShardResult } from './shards';
import type { Spawner } from './spawn';

export interface RunOptions {
  /** Clients 0..n-1 are traced (packets and states); 0 = no trace. Default 3. */
  traceClients?: number;
  /** Pre-computed feed (the same for every technique of a comparison). */
  feed?: Float64Array;
  /** How machines start: from their generated tables (default) or, in tests, on xstate's actors (results identical). */
  spawner?: Spawner;
}

export function runTechnique(s: Scenario, id: TechniqueId, opts: RunOptions = {}): TechniqueResult {
  const feed = opts.feed ?? updateTimes(s);
  // All clients in one shard: its live counters give the result, without the copy a merge needs.
  const run = runClients(s, id, { from: 0, to: population(s).total }, { ...opts, feed });
  return techniqueResult(s, id, feed, run.metrics, run.shard);
}

/** Simulate clients range.from..range.to-1 of one technique (src/sim/run/shards.ts). */
export function runShard(s: Scenario, id: TechniqueId, range: ClientRange, opts: RunOptions = {}): ShardResult {
  const run = runClients(s, id, range, opts);
  return { ...run.shard, metrics: run.metrics.toShard() };
}

/**
 * runShard for another thread: structured clone copies own fields only, so
 * the trace's packet texts (a getter) are written out first.
 */
export function runShardToPost(s: Scenario, id: TechniqueId, range: ClientRange, opts: RunOptions = {}): ShardResult {
  const shard = runShard(s, id, range, opts);
  if (shard.trace) shard.trace = plainTrace(shard.trace);
  return shard;
}

/** A run's output from each technique's shards (each covering its clients once). */
export function mergeRun(s: Scenario, shards: ReadonlyMap<TechniqueId, readonly ShardResult[]>): RunOutput {
  const feed = updateTimes(s);
  const results: RunOutput['results'] = {};
  for (const [id, list] of shards) results[id] = mergeShards(s, id, feed, list);
  return { scenario: s, results };
}

/** The clients of a range, their live counters and the rest of their shard. */
function runClients(s: Scenario, id: TechniqueId, range: ClientRange, opts: RunOptions): { metrics: Metrics; shard: Omit<ShardResult, 'metrics'> } {
  const feed = opts.feed ?? updateTimes(s);
  const traceClients = opts.traceClients ?? DEFAULT_TRACE_CLIENTS;
  const w = new World(s, feed, traceClients, opts.spawner);
  const technique = TECHNIQUE_DEFS[id];
  // Clients start at random offsets (within the first second; the first
  // polling interval for polling) so that they do not all fire at once (SPEC §1).
  const spanUs = fromMs(technique.startSpanMs(s));
  const disconnectUs = fromMs(s.faults.disconnectIntervalMs);
  const proxied = w.proxyIdleUs > 0 || w.proxyLifetimeUs > 0 || w.proxyFirstByteUs > 0;
  const { restartUs, restartEveryUs } = w;
  // Every update is for every client there when it is made (./population.ts).
  const pop = population(s);
  let queued = 0;
  let upPending = 0;
  /** Clients there for the whole run: each update joins each of their queues (counted once at the end, not per client). */
  let wholeRun = 0;

  /** Set up client c on the current kernel: its host, its server session, its technique's driver, its start, its faults and its leaving. */
  const startClient = (c: number) => {
    const { kernel } = w;
    // What the client's set-up schedules is the client's own (the kernel drops it when the client leaves).
    kernel.owner = c;
    const arriveUs = pop.arriveUs(c);
    const leaveUs = Math.min(pop.leaveUs(c), w.durationUs);
    const host = new ClientHost(w, c);
    const session = new ServerSession(w, host, technique);
    // A client that arrives later is subscribed from then: the updates made before are not its.
    if (arriveUs > 0) session.sent = updatesBefore(feed, arriveUs);
    const driver = technique.client(w, host, session, w.packetsOf(technique));
    // The intermediary's cuts and the server's restart: the session's own connection (a held long poll, an open stream) through the session, as a fault.
    if (proxied || restartUs > 0) {
      host.onProxyCut = (conn) => {
        if (session.conn?.connection === conn) session.cut();
        else conn.cut();
      };
    }
    // Those there from the start begin within the start span; an arrival opens the page when it arrives.
    // The one draw of the client's own stream: its start within the span (the stream is not kept).
    const startAt = c < s.clients ? Math.floor(createStream(s.seed, STREAM_KIND.client, c).uniform() * spanUs) : arriveUs;
    kernel.at(startAt, PRIORITY.timer, () => driver.actor.send({ type: 'START' }));
    host.startUpstream(() => driver.pumpUpstream(), arriveUs);
    // A server restart (faults.serverRestartAtMs, then every serverRestartIntervalMs): every connection of the client drops at once.
    if (restartUs > 0 && restartUs < w.durationUs) {
      const restart = () => {
        host.cutAll();
        if (restartEveryUs > 0 && kernel.now + restartEveryUs < w.durationUs) kernel.at(kernel.now + restartEveryUs, PRIORITY.timer, restart);
      };
      kernel.at(restartUs, PRIORITY.timer, restart);
    }
    if (disconnectUs > 0) {
      // Faults: the client's push connection (held long poll or open stream)
      // is cut at exponential intervals; nothing happens if none is open.
      const next = () => {
        session.cut();
        kernel.at(kernel.now + Math.max(1, Math.round(host.faultRng.exponential(disconnectUs))), PRIORITY.timer, next);
      };
      kernel.at(Math.max(1, Math.round(host.faultRng.exponential(disconnectUs))), PRIORITY.timer, next);
    }
    // The client leaves (churn.meanSessionMs): nothing it has scheduled happens any more; the browser closes its sockets.
    if (leaveUs < w.durationUs) {
      kernel.at(leaveUs, PRIORITY.timer, () => {
        kernel.drop(c);
        w.tracer.left(c, leaveUs);
        w.unsubscribe(session);
        w.metrics.left++;
        // The closing FINs are nobody's: they go out after the client is gone.
        kernel.owner = -1;
        host.leave();
      });
    }
    kernel.owner = -1;
    return session;
  };
  /** Client c's run is over: what it still owes and holds (its session: clients that share the server keep nothing else till then). */
  const finishClient = (c: number, session: ServerSession) => {
    const { host } = session;
    const arriveUs = pop.arriveUs(c);
    const leaveUs = Math.min(pop.leaveUs(c), w.durationUs);
    if (host.radio) {
      // A traced client's radio states go into the trace (Focus draws them).
      const spans: RadioSpan[] | undefined = w.tracer.traces(host.id) ? [] : undefined;
      host.radio.close(arriveUs, w.durationUs, w.metrics.radio, spans);
      if (spans) w.tracer.radio(host.id, spans);
    }
    const m = w.metrics;
    m.radioUs += w.durationUs - arriveUs;
    m.presentUs += leaveUs - arriveUs;
    if (arriveUs > 0) m.arrived++;
    // The updates made while it was there (at its leaving, those of that microsecond too: the feed runs first) are its to receive.
    const first = updatesBefore(feed, arriveUs);
    const end = updatesBefore(feed, leaveUs < w.durationUs ? leaveUs + 1 : w.durationUs);
    m.generated += end - first;
    const owed = end - session.sent;
    queued += owed;
    // The server's queue for it (series.queuedMessages): each update from its making; what a client that left was owed goes with it.
    if (arriveUs === 0 && leaveUs === w.durationUs) wholeRun++;
    else {
      for (let i = first; i < end; i++) m.enqueued(feed[i], 1);
      if (leaveUs < w.durationUs && owed > 0) m.dequeued(leaveUs, owed);
    }
    upPending += host.upstream.length + host.upstreamAtServer;
  };

  if (w.shared) {
    // The clients share the server's cores (server.cores): all of them on one kernel.
    w.beginClient();
    const sessions: ServerSession[] = [];
    for (let c = range.from; c < range.to; c++) sessions.push(startClient(c));
    w.kernel.run(w.durationUs);
    for (let c = range.from; c < range.to; c++) finishClient(c, sessions[c - range.from]);
  } else {
    // One client after another, each on the kernel started afresh (src/sim/run/world.ts says why).
    for (let c = range.from; c < range.to; c++) {
      w.beginClient();
      const session = startClient(c);
      w.kernel.run(w.durationUs);
      finishClient(c, session);
    }
  }

  if (wholeRun > 0) for (let i = 0, made = updatesBefore(feed, w.durationUs); i < made; i++) w.metrics.enqueued(feed[i], wholeRun);
  const shard: Omit<ShardResult, 'metrics'> = { range, queued, upPending, events: w.events };
  if (range.from === 0 && w.tracer.clients > 0) shard.trace = w.tracer.result(tracedUpdates(s, feed));
  return { metrics: w.metrics, shard };
}

/** Feed times (ms) of the updates made before the end of the run, for the trace. */
function tracedUpdates(s: Scenario, feed: Float64Array): number[] {
  return Array.from(feed.subarray(0, updatesBefore(feed, fromMs(s.durationMs))), (t) => t / 1000);
}

/**
 * One technique's result from shards covering all its clients once, in any
 * split: the same result, byte for byte (tests/sim/shards.test.ts).
 */
export function mergeShards(s: Scenario, id: TechniqueId, feed: Float64Array, shards: readonly ShardResult[]): TechniqueResult {
  const metrics = new Metrics(s.durationMs);
  let queued = 0;
  let upPending = 0;
  let events = 0;
  let trace: ShardResult['trace'];
  // In client order, so that open and close times are appended as one run would.
  for (const sh of [...shards].sort((a, b) => a.range.from - b.range.from)) {
    metrics.addShard(sh.metrics);
    queued += sh.queued;
    upPending += sh.upPending;
    events += sh.events;
    trace ??= sh.trace;
  }
  return techniqueResult(s, id, feed, metrics, { range: { from: 0, to: population(s).total }, queued, upPending, events, trace });
}

/** The result from the counters of every client and the sums of the rest. */
function techniqueResult(s: Scenario, id: TechniqueId, feed: Float64Array, metrics: Metrics, all: Omit<ShardResult, 'metrics'>): TechniqueResult {
  const result = metrics.result(metrics.generated, all.queued, all.upPending, all.events, s.server.cores, s.server.memoryPerConnectionBytes, s.server.memoryPerQueuedMessageBytes);
  if (all.trace) result.trace = all.trace;
  if (TECHNIQUE_DEFS[id].mediaCase && s.streaming.mediaBytes > 0) result.media = mediaCase(s);
  if (s.network.radio !== 'none') {
    result.energy = part('radio').energy(s.network.radio, metrics.radio, result.bytes.wire.up, result.bytes.wire.down, metrics.radioUs);
  }
  if (hasChurn(s)) {
    result.population = { initial: s.clients, arrived: metrics.arrived, left: metrics.left, meanPresent: Math.round((metrics.presentUs / fromMs(s.durationMs)) * 1000) / 1000 };
  }
  return result;
}

/** Run the given techniques (default all five) on one scenario. */
export function simulate(s: Scenario, techniques: readonly TechniqueId[] = TECHNIQUES, opts: RunOptions = {}): RunOutput {
  const feed = opts.feed ?? updateTimes(s);
  const results: RunOutput['results'] = {};
  for (const id of techniques) results[id] = runTechnique(s, id, { ...opts, feed });
  return { scenario: s, results };
}
