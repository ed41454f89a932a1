// Recomputes the comparison whenever the scenario changes, latest wins.
// Small runs (predicted to fit in a frame) run right here on the main thread,
// so a slider redraws while it moves. Bigger ones go to a pool of Web Workers
// in jobs of a shard of one technique's clients each (src/sim/run/shards.ts),
// small enough to show progress and to keep every worker busy, merged
// exactly when all are in; while they run, newer requests replace older queued
// ones, a stale job that has run long is cancelled (its worker terminated),
// and only a complete, current set of five results is shown.
//
// The choice is made from a prediction of the main-thread time (./cost.ts),
// learnt only from compute time: a sync run's wall time (except the page's
// first run, which mostly measures the JIT compiling the engine) and the sum
// of the workers' own per-technique times. The pool's wall time (messaging,
// structured clone, cold workers) says nothing about the main thread, and
// learning from it kept every later slider move on the slower worker path.

import { clientsIndependent, mergeRun, population, simulate, splitClients, techniqueWork, TECHNIQUES, type RunOutput, type Scenario, type ShardResult, type TechniqueId } from '../../sim';
import { CostModel, overBudget } from './cost';
import type { JobReply, JobRequest } from './protocol';
import { simulationWorker } from '../worker-factory';
import { needParts } from './parts-loader';

export const SYNC_BUDGET_MS = 12;
/** A stale job running longer than this is cancelled rather than awaited. */
export const CANCEL_AFTER_MS = 400;
export const TRACE_CLIENTS = 3;
/** Work units of one worker job at most (about a tenth of a second): a big technique is cut into shards of clients this size. */
export const JOB_UNITS = 400_000;

export interface ComputeStatus {
  computing: boolean;
  mode: 'sync' | 'worker';
  /** Jobs done and in all (a job is a shard of one technique's clients). */
  done: number;
  total: number;
  /** Wall time of the last completed computation. */
  lastMs: number;
  error: string | null;
  /** The error is a refusal before running (the run is over the page's budget), not a failure. */
  refused?: boolean;
}

export type WorkerFactory = () => Worker;

interface Slot {
  worker: Worker;
  job: JobRequest | null;
  startedAt: number;
}

export function traceClientsFor(s: Scenario): number {
  return Math.min(s.clients, TRACE_CLIENTS);
}

export class Runner {
  readonly cost = new CostModel();
  private gen = 0;
  private slots: Slot[] = [];
  private queue: JobRequest[] = [];
  private partial = new Map<TechniqueId, ShardResult[]>();
  private jobsDone = 0;
  /** Sum of the workers' compute times for the current generation: what the run would cost on the main thread. */
  private partialMs = 0;
  private warmedUp = false;
  private current: { gen: number; scenario: Scenario; started: number } | null = null;
  status: ComputeStatus = { computing: false, mode: 'sync', done: 0, total: TECHNIQUES.length, lastMs: 0, error: null };

  constructor(
    private readonly onResult: (out: RunOutput) => void,
    private readonly onStatus: (st: ComputeStatus) => void,
    private readonly makeWorker: WorkerFactory | null = defaultFactory(),
    private readonly poolSize = defaultPoolSize(),
  ) {}

  request(s: Scenario): void {
    const gen = ++this.gen;
    // HTTP/2 and the radio are fetched before their first run (the merge of the workers' shards needs the radio here too), then the run goes on.
    const loading = needParts(s);
    if (loading) {
      this.cancelStale();
      this.queue = [];
      this.setStatus({ computing: true, mode: 'sync', done: 0, total: TECHNIQUES.length, error: null, refused: false });
      loading.then(
        () => {
          if (this.gen === gen) this.request(s);
        },
        (err: unknown) => this.setStatus({ computing: false, error: `Part of the simulator could not be loaded: ${err instanceof Error ? err.message : String(err)}`, refused: false }),
      );
      return;
    }
    // Refused up front: a run too big for the tab would freeze it or fill its memory.
    const tooBig = overBudget(s);
    if (tooBig) {
      this.cancelStale();
      this.queue = [];
      this.current = null;
      this.setStatus({ computing: false, error: tooBig, refused: true });
      return;
    }
    const predicted = this.cost.predictMs(s);
    if (!this.makeWorker || predicted <= SYNC_BUDGET_MS) {
      this.cancelStale();
      this.queue = [];
      this.runSync(s);
      return;
    }
    this.queue = jobsFor(s, gen);
    this.partial = new Map(TECHNIQUES.map((t) => [t, []]));
    this.jobsDone = 0;
    this.partialMs = 0;
    this.current = { gen, scenario: s, started: performance.now() };
    this.cancelStale();
    this.setStatus({ computing: true, mode: 'worker', done: 0, total: this.queue.length, error: null, refused: false });
    this.dispatch();
  }

  dispose(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
    this.queue = [];
  }

  private runSync(s: Scenario): void {
    const t0 = performance.now();
    try {
      const out = simulate(s, TECHNIQUES, { traceClients: traceClientsFor(s) });
      const ms = performance.now() - t0;
      // The first run compiles the engine (several times slower than the next ones): not a prediction of them.
      if (this.warmedUp) this.cost.observe(s, ms);
      this.warmedUp = true;
      this.current = null;
      this.setStatus({ computing: false, mode: 'sync', done: TECHNIQUES.length, lastMs: ms, error: null, refused: false });
      this.onResult(out);
    } catch (err) {
      this.setStatus({ computing: false, mode: 'sync', error: err instanceof Error ? err.message : String(err), refused: false });
    }
  }

  /** Terminate workers busy with an old generation for too long; they restart empty. */
  private cancelStale(): void {
    const now = performance.now();
    for (const slot of this.slots) {
      if (slot.job && slot.job.gen !== this.gen && now - slot.startedAt > CANCEL_AFTER_MS) {
        slot.worker.terminate();
        slot.worker = this.spawn();
        slot.job = null;
      }
    }
  }

  private spawn(): Worker {
    const w = this.makeWorker!();
    w.onmessage = (e: MessageEvent<JobReply>) => this.receive(w, e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.setStatus({ computing: false, error: e.message || 'worker failed' });
    };
    return w;
  }

  private dispatch(): void {
    while (this.slots.length < this.poolSize && this.slots.length < this.queue.length + this.busy()) {
      this.slots.push({ worker: this.spawn(), job: null, startedAt: 0 });
    }
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      slot.job = this.queue.shift()!;
      slot.startedAt = performance.now();
      slot.worker.postMessage(slot.job);
    }
  }

  private busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  private receive(w: Worker, reply: JobReply): void {
    const slot = this.slots.find((s) => s.worker === w);
    if (slot) slot.job = null;
    const cur = this.current;
    if (cur && reply.gen === cur.gen) {
      if (!reply.ok) {
        this.setStatus({ computing: false, error: reply.error });
      } else {
        this.partial.get(reply.technique)!.push(reply.shard);
        this.partialMs += reply.ms;
        this.jobsDone++;
        this.setStatus({ done: this.jobsDone });
        if (this.jobsDone === this.status.total) {
          const ms = performance.now() - cur.started;
          // The shards' compute times, one after another: what a main-thread run would take.
          this.cost.observe(cur.scenario, this.partialMs);
          const out = mergeRun(cur.scenario, this.partial);
          this.current = null;
          this.setStatus({ computing: false, lastMs: ms });
          this.onResult(out);
        }
      }
    }
    this.dispatch();
  }

  private setStatus(patch: Partial<ComputeStatus>): void {
    this.status = { ...this.status, ...patch };
    this.onStatus(this.status);
  }
}

/** The jobs of a run: each technique's clients in shards of about JOB_UNITS, the traced clients in the first. */
export function jobsFor(s: Scenario, gen: number): JobRequest[] {
  const scenario = plainCopy(s);
  const traceClients = traceClientsFor(s);
  return TECHNIQUES.flatMap((technique) =>
    splitClients(population(s).total, clientsIndependent(s) ? Math.ceil(techniqueWork(s, technique) / JOB_UNITS) : 1, traceClients).map((range) => ({ kind: 'technique' as const, gen, technique, scenario, range, traceClients })),
  );
}

/** Structured clone refuses Svelte state proxies; the scenario is plain data, so copy it. */
function plainCopy(s: Scenario): Scenario {
  return JSON.parse(JSON.stringify(s)) as Scenario;
}

function defaultFactory(): WorkerFactory | null {
  return simulationWorker;
}

function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  // Jobs are shards of clients, so every core can take one; the main thread only merges and draws.
  return Math.max(1, Math.min(8, cores));
}
