// The runner: small scenarios run at once on the main thread; big ones go to
// workers, where a newer request replaces older ones (latest wins) and only
// a complete set of five results is delivered. Workers are faked here.
import { describe, expect, it } from 'vitest';
import { resolveScenario, runShard, simulate, techniqueWork, type RunOutput } from '../../../src/sim';
import { jobsFor, JOB_UNITS, Runner, SYNC_BUDGET_MS, type ComputeStatus } from '../../../src/app/compute/runner';
import { CostModel, PAGE_WORK_BUDGET, workUnits } from '../../../src/app/compute/cost';
import type { JobReply, JobRequest } from '../../../src/app/compute/protocol';

/** A fake Worker that answers when told to, so the test controls the order. */
class FakeWorker {
  onmessage: ((e: MessageEvent<JobReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  jobs: JobRequest[] = [];
  terminated = false;
  postMessage(job: JobRequest) {
    this.jobs.push(job);
  }
  terminate() {
    this.terminated = true;
  }
  answer(ms = 1) {
    const job = this.jobs.shift()!;
    const shard = runShard(job.scenario, job.technique, job.range, { traceClients: job.traceClients });
    this.onmessage!({ data: { gen: job.gen, technique: job.technique, ok: true, shard, ms } } as MessageEvent<JobReply>);
  }
}

describe('cost model', () => {
  it('grows with clients, duration and rates, and learns from observations', () => {
    const small = resolveScenario({ streaming: { mediaBytes: 0 } });
    const big = resolveScenario({ clients: 100, streaming: { mediaBytes: 0 } });
    // Per-client work scales with clients; only the feed's own events are once per run.
    expect(workUnits(big)).toBeGreaterThan(80 * workUnits(small));
    expect(workUnits(big)).toBeLessThan(100 * workUnits(small));
    expect(workUnits(resolveScenario({ durationMs: 120000, streaming: { mediaBytes: 0 } }))).toBeGreaterThan(1.5 * workUnits(small));
    expect(workUnits(resolveScenario({ server: { updateRateHz: 5 }, streaming: { mediaBytes: 0 } }))).toBeGreaterThan(3 * workUnits(small));
    const m = new CostModel(1);
    m.observe(small, workUnits(small) * 0.01);
    expect(m.msPerUnit).toBeLessThan(1);
  });
});

describe('Runner', () => {
  it('refuses a run over the page budget up front: no worker, no result, a notice naming the limit', () => {
    const outs: RunOutput[] = [];
    const r = new Runner((o) => outs.push(o), () => {}, () => { throw new Error('no worker expected'); });
    const huge = resolveScenario({ clients: 10000, durationMs: 3600000, server: { updateRateHz: 1000 } });
    expect(workUnits(huge)).toBeGreaterThan(PAGE_WORK_BUDGET);
    r.request(huge);
    expect(outs).toHaveLength(0);
    expect(r.status.refused).toBe(true);
    expect(r.status.error).toContain(PAGE_WORK_BUDGET.toLocaleString('en-US'));
    expect(r.status.error).toContain('--max-work');
    // The next run that fits clears the refusal.
    r.cost.msPerUnit = 0;
    r.request(resolveScenario({ durationMs: 2000 }));
    expect(outs).toHaveLength(1);
    expect(r.status.error).toBeNull();
    expect(r.status.refused).toBe(false);
  });

  it('runs on the main thread when the prediction fits in a frame', () => {
    const outs: RunOutput[] = [];
    const r = new Runner((o) => outs.push(o), () => {}, () => { throw new Error('no worker expected'); });
    r.cost.msPerUnit = 0;
    r.request(resolveScenario({ durationMs: 2000 }));
    expect(outs).toHaveLength(1);
    expect(Object.keys(outs[0].results)).toHaveLength(5);
    expect(r.status.mode).toBe('sync');
  });

  it('uses workers for big runs, latest request wins, delivers complete sets only', () => {
    const workers: FakeWorker[] = [];
    const outs: RunOutput[] = [];
    const statuses: ComputeStatus[] = [];
    const r = new Runner((o) => outs.push(o), (s) => statuses.push(s), () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    }, 1);
    r.cost.msPerUnit = 1000;
    const a = resolveScenario({ durationMs: 2000 });
    const b = resolveScenario({ durationMs: 2000, network: { latencyMs: 80 } });
    r.request(a);
    expect(statuses.at(-1)).toMatchObject({ computing: true, mode: 'worker', done: 0 });
    r.request(b);
    // The one worker is busy with a's first job; a's other jobs were dropped.
    const w = workers[0];
    w.answer();
    expect(outs).toHaveLength(0);
    for (let i = 0; i < 5; i++) w.answer();
    expect(outs).toHaveLength(1);
    expect(outs[0].scenario.network.latencyMs).toBe(80);
    expect(statuses.at(-1)).toMatchObject({ computing: false, done: 5 });
  });

  it('cuts a big technique into shards of clients, shows progress per shard, and merges them into what one thread computes', () => {
    const workers: FakeWorker[] = [];
    const outs: RunOutput[] = [];
    const statuses: ComputeStatus[] = [];
    const r = new Runner((o) => outs.push(o), (st) => statuses.push(st), () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    }, 2);
    r.cost.msPerUnit = 1000;
    const s = resolveScenario({ clients: 3000, durationMs: 20000, polling: { intervalMs: 250 }, network: { jitterMs: 10 }, streaming: { mediaBytes: 0 } });
    const jobs = jobsFor(s, 1);
    // Polling's work is over two jobs' worth here: it is cut, the others may not be.
    expect(techniqueWork(s, 'polling')).toBeGreaterThan(2 * JOB_UNITS);
    expect(jobs.filter((j) => j.technique === 'polling').length).toBeGreaterThanOrEqual(3);
    r.request(s);
    expect(statuses.at(-1)).toMatchObject({ computing: true, done: 0, total: jobs.length });
    // Answer out of order: the second worker first.
    while (workers.some((w) => w.jobs.length)) for (const w of [...workers].reverse()) if (w.jobs.length) w.answer();
    expect(outs).toHaveLength(1);
    expect(statuses.at(-1)).toMatchObject({ computing: false, done: jobs.length, total: jobs.length });
    expect(JSON.stringify(outs[0].results)).toBe(JSON.stringify(simulate(s, undefined, { traceClients: 3 }).results));
  });

  it('learns the main-thread cost from the workers\' compute times, not the pool\'s wall time, and goes back to the main thread', () => {
    const workers: FakeWorker[] = [];
    const r = new Runner(() => {}, () => {}, () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    }, 5);
    const s = resolveScenario({});
    // Predicted at 50 ms: workers.
    r.cost.msPerUnit = 50 / workUnits(s);
    r.request(s);
    expect(r.status.mode).toBe('worker');
    // Each technique took 0.5 ms in its worker: 2.5 ms on one thread, whatever the pool's wall time was.
    for (const w of workers) while (w.jobs.length) w.answer(0.5);
    expect(r.cost.predictMs(s)).toBeCloseTo(0.7 * 50 + 0.3 * 2.5);
    for (let i = 0; i < 8 && r.cost.predictMs(s) > SYNC_BUDGET_MS; i++) {
      r.request(s);
      for (const w of workers) while (w.jobs.length) w.answer(0.5);
    }
    r.request(s);
    expect(r.status.mode).toBe('sync');
  });

  it('does not learn from the first main-thread run (the JIT compiling the engine)', () => {
    const r = new Runner(() => {}, () => {}, null);
    const before = r.cost.msPerUnit;
    r.request(resolveScenario({ durationMs: 2000 }));
    expect(r.cost.msPerUnit).toBe(before);
    r.request(resolveScenario({ durationMs: 2000 }));
    expect(r.cost.msPerUnit).not.toBe(before);
  });
});
