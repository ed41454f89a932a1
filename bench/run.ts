// `npm run bench`: speed figures of the simulation core (a benchmark, not a
// test: it prints, it never fails). Figures to report in notes:
//   1. kernel events/s beside a bare priority-queue loop, as a ratio;
//   2. time to recompute the default comparison of all five techniques
//      (target: under 16 ms, one frame, so the page can follow a slider);
//   3. 1,000 and 10,000 clients x 60 s of polling at 1 Hz (issue 9: 10,000 in
//      about 1 s on this 2-core machine), and the same run with clients sharing
//      4 server cores (server.cores: one kernel, every client alive at once);
//   4. the machine engines: xstate's actors vs the fast interpreter on the same runs;
//   5. the work estimate (src/sim/run/work.ts): µs of run time per work unit on
//      varied runs, so the default --max-work limit's time can be read off;
//   6. the project's polling run beside the hand-written reference simulator
//      (bench/reference/polling.ts), same results, as a ratio of times
//      (30,000 clients only with BENCH_BIG=1);
//   7. scale: µs per event from 1,000 to 100,000 clients (1,000,000 with
//      BENCH_BIG=1), memory kept per client, and a run on worker threads
//      beside one thread (the issue 9 targets: 100,000 clients x five
//      techniques in under 30 s, 1,000,000 SSE clients in under 2 minutes,
//      with BENCH_BIG=1);
//   8. bytes allocated per event (V8's sampling heap profiler), with many
//      events per client (what a message costs: the rule is none) and at
//      1 Hz (where each client's set-up dominates).
// At the end, every target with its figure and whether it is met (issue 9's list).
// Wall time on a shared machine is noisy; the CPU time of this process is printed beside it.

import TinyQueue from 'tinyqueue';
import { Kernel } from '../src/sim/kernel/kernel';
import { installParts } from '../src/sim/parts';
import { compareEvents } from '../src/sim/kernel/order';
import { DEFAULT_MAX_WORK, estimateWork, resolveScenario, runTechnique, simulate, TECHNIQUES, updateTimes, type TechniqueResult } from '../src/sim';
import { referencePolling, referencePollingPerClient } from './reference/polling';
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runShard } from '../src/sim/run/simulate';
import { xstateSpawner } from '../src/sim/machines/oracle';
import { simulateInWorkers } from '../src/cli/workers';
import { Session } from 'node:inspector/promises';

// The benchmark times HTTP/2 runs too (its support is loaded on demand: src/sim/run/http2-support.ts).
installParts();

// A full collection before a heap reading, so that it counts what is kept, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const now = () => performance.now();
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A bare binary heap: pop one, push one, 10,000 pending (the kernel's floor). */
function bareQueue(n: number): number {
  const q = new TinyQueue<{ time: number; priority: number; seq: number }>([], compareEvents);
  let seq = 0;
  for (let i = 0; i < 10000; i++) q.push({ time: i, priority: 0, seq: seq++ });
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const e = q.pop()!;
    q.push({ time: e.time + 10000, priority: 0, seq: seq++ });
  }
  return n / ((now() - t0) / 1000);
}

/** The kernel doing the same: each event schedules its successor. */
function kernelLoop(n: number): number {
  const k = new Kernel();
  const fire = () => {
    k.after(10000, 0, fire);
  };
  for (let i = 0; i < 10000; i++) k.at(i, 0, fire);
  const t0 = now();
  k.run(10000 * Math.ceil(n / 10000));
  return k.processed / ((now() - t0) / 1000);
}

/** Issue 9's targets, as the sections measure them: printed together at the end. */
const targets: { name: string; figure: string; target: string; met: boolean }[] = [];
function target(name: string, figure: string, target: string, met: boolean): void {
  targets.push({ name, figure, target, met });
}

function section(title: string) {
  console.log(`\n== ${title}`);
}

/** The line that carries a scale run's figures back to the bench (`--scale ID`). */
const SCALE_MARK = 'SCALE ';
const ROOT = dirname(dirname(resolvePath(process.argv[1])));
const SCALE_SIZES = process.env.BENCH_BIG === '1' ? [1000, 10000, 100000, 1000000] : [1000, 10000, 100000];
const scaleArg = process.argv.indexOf('--scale');
if (scaleArg >= 0) {
  const figures = scale(process.argv[scaleArg + 1] as 'polling' | 'sse', SCALE_SIZES);
  console.log(SCALE_MARK + JSON.stringify(figures));
  process.exit(0);
}

section('Kernel vs bare priority queue (10,000 pending, 2,000,000 events)');
bareQueue(200000);
kernelLoop(200000);
const bare = bareQueue(2_000_000);
const kern = kernelLoop(2_000_000);
console.log(`bare TinyQueue pop+push : ${fmt(bare / 1e6, 2)} M events/s`);
console.log(`kernel (schedule+run)   : ${fmt(kern / 1e6, 2)} M events/s`);
console.log(`ratio kernel/bare       : ${fmt(kern / bare, 2)}`);

section('Default comparison, all five techniques (1 client, 60 s)');
const def = resolveScenario({});
for (let i = 0; i < 20; i++) simulate(def);
for (const traceClients of [3, 0]) {
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = now();
    simulate(def, undefined, { traceClients });
    times.push(now() - t0);
  }
  console.log(`trace of ${traceClients} client(s): median ${fmt(median(times), 2)} ms, min ${fmt(Math.min(...times), 2)} ms over 40 runs (target < 16 ms)`);
  target(`default comparison, trace of ${traceClients}`, `${fmt(median(times), 2)} ms`, 'within a frame (16 ms)', median(times) < 16);
}

section('Polling at 1 Hz, 60 s');
for (const clients of [1000, 10000]) {
  const s = resolveScenario({ clients, polling: { intervalMs: 1000 } });
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const r = runTechnique(s, 'polling', { traceClients: 3 });
  const ms = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const heap = process.memoryUsage().heapUsed - heap0;
  console.log(
    `${fmt(clients, 0)} clients: ${fmt(ms / 1000, 2)} s wall (${fmt(cpuS, 2)} s CPU), ${fmt(r.events, 0)} events (${fmt(r.events / (ms / 1000) / 1e3, 0)} k events/s), ` +
      `${fmt(r.requests, 0)} requests, heap +${fmt(heap / 2 ** 20, 0)} MiB`,
  );
}
{
  // Clients sharing the server's processors run together on one kernel (src/sim/run/simulate.ts): every client's state is alive at once.
  const shared = resolveScenario({ clients: 10000, polling: { intervalMs: 1000 }, server: { cores: 4 } });
  const apart = resolveScenario({ clients: 10000, polling: { intervalMs: 1000 } });
  const t0 = now();
  const r = runTechnique(shared, 'polling', { traceClients: 0 });
  const ms = now() - t0;
  const t1 = now();
  const q = runTechnique(apart, 'polling', { traceClients: 0 });
  const msApart = now() - t1;
  const us = (1000 * ms) / r.events;
  const usApart = (1000 * msApart) / q.events;
  console.log(`10,000 clients sharing 4 cores (server.cores 4): ${fmt(ms / 1000, 2)} s wall, ${fmt(r.events, 0)} events, ${fmt(us, 3)} µs/event: ${fmt(us / usApart, 1)}x the µs/event of independent clients (${fmt(usApart, 3)}), main-thread RSS ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MiB`);
}
{
  // The same events together and apart (CPU costs 0, so cores add no event): what running together costs
  // per event as the clients' state outgrows the caches (docs/model.md, "Where that time goes").
  const free = { cpuPerRequestMs: 0, cpuPerMessageMs: 0, cpuPerConnectionMs: 0, cpuPerTlsHandshakeMs: 0 };
  const perEvent = (s: ReturnType<typeof resolveScenario>): number => {
    const times: number[] = [];
    let events = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      events = runTechnique(s, 'polling', { traceClients: 0 }).events;
      times.push(now() - t0);
    }
    return (1000 * median(times.slice(2))) / events;
  };
  const rows = [100, 1000, 3000].map((clients) => {
    const together = perEvent(resolveScenario({ clients, polling: { intervalMs: 1000 }, server: { cores: 4, ...free } }));
    const apart = perEvent(resolveScenario({ clients, polling: { intervalMs: 1000 }, server: free }));
    return `${fmt(clients, 0)}: ${fmt(together / apart, 1)}x`;
  });
  console.log(`clients together vs apart, same events (CPU costs 0), µs/event ratio by client count: ${rows.join(', ')}`);
  // What each client holds while every client is alive at once: the heap at the middle of the run (the
  // kernel's run stopped there once), 20,000 clients against 2,000 (CPU costs 0, so that the latencies,
  // whose counts are kept by microsecond, do not grow with the clients). The typed arrays' buffers are
  // left out: they grow by doubling, so two sizes' difference reads anything from -0.3 to +3 KiB a client.
  const midRunHeap = (id: 'polling' | 'sse', clients: number): number => {
    const run = Kernel.prototype.run;
    let heap = 0;
    Kernel.prototype.run = function (this: Kernel, until: number) {
      Kernel.prototype.run = run;
      run.call(this, Math.floor(until / 2));
      gc();
      heap = process.memoryUsage().heapUsed;
      run.call(this, until);
    };
    try {
      gc();
      const before = process.memoryUsage().heapUsed;
      runTechnique(resolveScenario({ clients, durationMs: 10000, server: { cores: 4, updateRateHz: 1, ...free } }), id, { traceClients: 0 });
      return heap - before;
    } finally {
      Kernel.prototype.run = run;
    }
  };
  const alive = (['polling', 'sse'] as const).map((id) => `${id} ${fmt((midRunHeap(id, 20000) - midRunHeap(id, 2000)) / 18000, 0)} B`);
  console.log(`heap per client alive when clients share the server (mid-run, 20,000 vs 2,000 clients): ${alive.join(', ')}`);
}

section('Machine engines on the same run (fast interpreter vs xstate; identical results)');
for (const clients of [1, 1000]) {
  const s = resolveScenario({ clients });
  const t: Record<string, number> = {};
  for (const engine of ['xstate', 'fast'] as const) {
    const spawner = engine === 'xstate' ? xstateSpawner : undefined;
    runTechnique(s, 'polling', { traceClients: 0, spawner });
    const t0 = now();
    runTechnique(s, 'polling', { traceClients: 0, spawner });
    t[engine] = now() - t0;
  }
  console.log(`polling, ${fmt(clients, 0)} client(s): xstate ${fmt(t.xstate, 1)} ms, fast ${fmt(t.fast, 1)} ms, ratio ${fmt(t.xstate / t.fast, 1)}x`);
}

section('Work estimate: run time per work unit (the --max-work limit in seconds)');
{
  const runs: [string, Record<string, unknown>][] = [
    ['default, 1 client', {}],
    ['1,000 clients, 1 Hz', { clients: 1000, server: { updateRateHz: 1 } }],
    ['10,000 clients, defaults', { clients: 10000 }],
    ['100 clients, 10 min, 10 Hz', { clients: 100, durationMs: 600000, server: { updateRateHz: 10 } }],
    ['100 clients, 64 kB updates, lossy', { clients: 100, server: { payloadBytes: 65536, updateRateHz: 2 }, network: { lossRate: 0.05 } }],
    ['50 clients, drops every 100 ms', { clients: 50, faults: { disconnectIntervalMs: 100 } }],
    ['media 30 MB in 100 B chunks', { streaming: { mediaBytes: 30_000_000, chunkBytes: 100 } }],
  ];
  let worst = 0;
  for (const [name, sc] of runs) {
    const s = resolveScenario(sc);
    const est = estimateWork(s, TECHNIQUES).total;
    const t0 = now();
    const out = simulate(s, TECHNIQUES, { traceClients: 0 });
    const ms = now() - t0;
    const events = TECHNIQUES.reduce((a, id) => a + out.results[id]!.events, 0);
    const usPerUnit = (1000 * ms) / est;
    if (est > 1e5) worst = Math.max(worst, usPerUnit);
    console.log(`${name.padEnd(36)} ${fmt(est, 0).padStart(12)} units, ${fmt(events, 0).padStart(11)} events (${fmt(events / est, 2)} per unit), ${fmt(ms, 0).padStart(6)} ms, ${fmt(usPerUnit, 3)} µs/unit`);
  }
  console.log(`default --max-work ${fmt(DEFAULT_MAX_WORK, 0)} units at the slowest rate above (runs > 100,000 units): about ${fmt((worst * DEFAULT_MAX_WORK) / 1e6, 0)} s`);
}

section('Project vs hand-written reference, polling at 1 Hz, 60 s, cleartext (bench/reference/polling.ts models no TLS)');
{
  // The defaults otherwise (SPEC §3): updates Poisson at 0.2 Hz of 100 B, 50 ms
  // one way, 10 Mbit/s both ways, initial window 10, heads from the head profile.
  // Both get the same precomputed feed; results are compared without `events`.
  const same = (a: TechniqueResult, b: TechniqueResult) => JSON.stringify({ ...a, events: undefined }) === JSON.stringify({ ...b, events: undefined });
  const sizes = process.env.BENCH_BIG === '1' ? [1000, 10000, 30000] : [1000, 10000];
  console.log('defaults otherwise: server.updateRateHz 0.2 (poisson), payload 100 B, latency 50 ms, 10,000 kbit/s, cwnd 10' + (sizes.length < 3 ? '; BENCH_BIG=1 adds 30,000 clients' : ''));
  for (const clients of sizes) {
    const s = resolveScenario({ clients, polling: { intervalMs: 1000 }, tls: { version: 'none' } });
    const feed = updateTimes(s);
    const reps = clients >= 30000 ? 1 : 3;
    const timed = (f: () => TechniqueResult, n: number): [number, TechniqueResult] => {
      const times: number[] = [];
      let r!: TechniqueResult;
      for (let i = 0; i < n; i++) {
        const t0 = now();
        r = f();
        times.push(now() - t0);
      }
      return [median(times), r];
    };
    const [tp, rp] = timed(() => runTechnique(s, 'polling', { traceClients: 0, feed }), reps);
    const [tg, rg] = timed(() => referencePolling(s, feed), 5);
    const [tc, rc] = timed(() => referencePollingPerClient(s, feed), 5);
    const rate = (ms: number, ev: number) => `${fmt(ev / (ms / 1000) / 1e6, 1)} M events/s`;
    console.log(
      `${fmt(clients, 0)} clients, ${fmt(rp.events, 0)} events (reference counts ${fmt(rg.events, 0)}):\n` +
        `  project             ${fmt(tp, 0).padStart(7)} ms (median of ${reps}), ${rate(tp, rp.events)}\n` +
        `  reference, 1 queue  ${fmt(tg, 0).padStart(7)} ms (median of 5), ${rate(tg, rg.events)}, project/reference ${fmt(tp / tg, 1)}x\n` +
        `  reference, per client ${fmt(tc, 0).padStart(5)} ms (median of 5), ${rate(tc, rc.events)}, project/reference ${fmt(tp / tc, 1)}x\n` +
        `  same results: ${same(rp, rg) && same(rp, rc) ? 'yes' : 'no'}`,
    );
    if (clients === 10000) {
      target('10,000 polling clients x 60 s vs the reference (one queue)', `${fmt(tp / tg, 2)}x (${fmt(tp, 0)} ms)`, 'at most 2x, same results', tp / tg <= 2 && same(rp, rg));
      target('10,000 polling clients x 60 s, time', `${fmt(tp / 1000, 2)} s`, 'about 1 s (under 1.5)', tp < 1500);
    }
  }
}

section('Scale: cost per event and memory per client (1 Hz updates, 30 s)');
{
  const big = process.env.BENCH_BIG === '1';
  const sizes = SCALE_SIZES;
  for (const id of ['polling', 'sse'] as const) {
    const child = spawnSync(process.execPath, [join(ROOT, 'bin/run-bundled.mjs'), 'bench/run.ts', '--scale', id], { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 });
    const out = child.stdout.trimEnd().split('\n');
    const last = out.pop() ?? '';
    if (child.status !== 0 || !last.startsWith(SCALE_MARK)) throw new Error(`bench: the ${id} scale run failed (${child.status}): ${child.stderr}`);
    console.log(out.join('\n'));
    const { flat, keptLast } = JSON.parse(last.slice(SCALE_MARK.length)) as ReturnType<typeof scale>;
    const most = sizes[sizes.length - 1];
    target(`${id}, memory kept per client at ${fmt(most, 0)}`, `${fmt(keptLast, 0)} B`, 'under 300 B', keptLast < 300);
    target(`${id}, µs/event flat over ${fmt(sizes[0], 0)}-${fmt(most, 0)} clients`, `${fmt(flat, 2)}x`, 'within 1.5x', flat <= 1.5);
  }

  const threads = availableParallelism();
  const clients = big ? 100000 : 20000;
  const s = resolveScenario({ clients, server: { updateRateHz: 1 } });
  console.log(`\n${fmt(clients, 0)} clients x 60 s, all five techniques at 1 Hz: one thread vs ${threads} worker threads (--workers)`);
  let one = 0;
  let oneOut = '';
  if (!big) {
    const t0 = now();
    oneOut = JSON.stringify(simulate(s, TECHNIQUES, { traceClients: 0 }));
    one = now() - t0;
    console.log(`  one thread: ${fmt(one / 1000, 2)} s`);
  }
  const t1 = now();
  const many = await simulateInWorkers(s, TECHNIQUES, 0, threads);
  const ms = now() - t1;
  console.log(`  ${threads} threads: ${fmt(ms / 1000, 2)} s${one ? `, speed-up ${fmt(one / ms, 2)}x, same output: ${JSON.stringify(many) === oneOut ? 'yes' : 'no'}` : ' (target < 30 s for 100,000 clients)'}`);
  if (one) target(`${fmt(clients, 0)} clients x five techniques, ${threads} threads vs one`, `same output: ${JSON.stringify(many) === oneOut ? 'yes' : 'no'}`, 'the same JSON', JSON.stringify(many) === oneOut);
  else target('100,000 clients x 60 s x five techniques at 1 Hz', `${fmt(ms / 1000, 1)} s`, 'under 30 s', ms < 30000);
  if (big) {
    const m = resolveScenario({ clients: 1_000_000, server: { updateRateHz: 1 } });
    const t2 = now();
    const r = await simulateInWorkers(m, ['sse'], 0, threads);
    const t = now() - t2;
    console.log(`  1,000,000 SSE clients x 60 s at 1 Hz on ${threads} threads: ${fmt(t / 1000, 1)} s, ${fmt(r.results.sse!.events, 0)} events, main-thread RSS ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MiB (target < 120 s)`);
    target('1,000,000 SSE clients x 60 s at 1 Hz', `${fmt(t / 1000, 1)} s, RSS ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MiB`, 'under 120 s, bounded memory', t < 120000);
  }
}

section('Allocation per event (sampling heap profiler, every 4 KiB; garbage included)');
{
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  type Node = { selfSize: number; children: Node[] };
  const total = (n: Node): number => n.children.reduce((sum, c) => sum + total(c), n.selfSize);
  const cases: [string, 'polling' | 'sse', Parameters<typeof resolveScenario>[0]][] = [
    ['sse, 200 clients, 20 Hz, 60 s', 'sse', { clients: 200, server: { updateRateHz: 20 } }],
    ['polling, 200 clients, 10 Hz polls, 20 Hz updates', 'polling', { clients: 200, polling: { intervalMs: 100 }, server: { updateRateHz: 20 } }],
    ['sse, 10,000 clients, 1 Hz, 30 s', 'sse', { clients: 10000, durationMs: 30000, server: { updateRateHz: 1 } }],
    ['polling, 10,000 clients, 1 Hz, 30 s', 'polling', { clients: 10000, durationMs: 30000, server: { updateRateHz: 1 } }],
  ];
  for (const [name, id, given] of cases) {
    const s = resolveScenario(given);
    runTechnique(s, id, { traceClients: 0 });
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    const r = runTechnique(s, id, { traceClients: 0 });
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const bytes = total(profile.head as Node);
    const clients = s.clients;
    console.log(`${name.padEnd(50)} ${fmt(bytes / r.events, 0).padStart(4)} B/event, ${fmt(bytes / clients / 1024, 1)} KiB per client, ${fmt(r.events / clients, 0)} events per client`);
  }
  session.disconnect();
}

section('Targets (issue 9)');
for (const t of targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.figure} (target ${t.target})`);
if (process.env.BENCH_BIG !== '1') console.log('(BENCH_BIG=1 adds 1,000,000 clients to the flatness figures, 100,000 x five techniques and 1,000,000 SSE clients)');

/**
 * One technique's scale figures (section 7), in a process of its own
 * (`--scale ID`, run by the section): in the bench's own process, after the
 * sections before it and the other technique's 100,000-client runs, SSE's
 * 1,000-client runs read 0.55 µs/event in every round against 0.31 in a
 * fresh process, while 10,000 read the same in both.
 */
function scale(id: 'polling' | 'sse', sizes: number[]): { flat: number; keptLast: number } {
  let keptLast = 0;
  const per: number[] = [];
  // Warm up first, until the code is optimised: with one warm-up run the
  // 1,000-client figure still timed the JIT (polling 0.27 µs/event after one
  // run of 3,000 clients, 0.19 after five).
  for (let r = 0; r < 5; r++) runShard({ ...resolveScenario({ durationMs: 30000, server: { updateRateHz: 1 } }), clients: 3000 }, id, { from: 0, to: 3000 }, { traceClients: 0 });
  // Every size once per round, three rounds (the 1,000,000-client run once, in the last): a slow spell of
  // this shared machine then slows one round of every size, not all the runs of one size (a single pass
  // read 1.21x one time and 1.55x the next, on the same code). Each size's figure: the fastest of its
  // rounds, since the noise here only ever slows a run (another process, a slow spell), so the fastest
  // reading is the nearest to what the code costs (timeit's rule); the medians' ratio is printed beside it.
  // Even so the 1,000-client runs (70 ms each) read 0.46-0.76 µs/event in one bench, their median the largest.
  const rounds = 3;
  const medians: number[] = [];
  const perRound = new Map<number, number[]>(sizes.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    const last = round === rounds - 1;
    for (const clients of sizes) {
      if (clients >= 1_000_000 && !last) continue;
      const s = resolveScenario({ clients, durationMs: 30000, server: { updateRateHz: 1 } });
      // Small runs again and again (the median): a tenth of a second is mostly noise here.
      const reps = Math.min(9, Math.max(1, Math.round(50000 / clients)));
      const times: number[] = [];
      let events = 0;
      // The heap and the typed arrays' buffers (outside the heap: heapUsed alone misses them).
      const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      gc();
      const heap0 = used();
      const held: ReturnType<typeof runShard>[] = [];
      for (let r = 0; r < reps; r++) {
        // Only the last run's shard is kept alive: the earlier ones are garbage by the reading below.
        held.length = 0;
        const t0 = now();
        held.push(runShard(s, id, { from: 0, to: clients }, { traceClients: 0 }));
        times.push(now() - t0);
        events = held[0].events;
      }
      gc();
      // What the last run keeps of its clients (open and close times, counters), held in `held`.
      const kept = used() - heap0;
      perRound.get(clients)!.push((1000 * median(times)) / events);
      if (!last) continue;
      const us = Math.min(...perRound.get(clients)!);
      per.push(us);
      medians.push(median(perRound.get(clients)!));
      const keptText = clients >= 10000 ? `, kept ${fmt(kept / clients, 0)} B per client` : '';
      if (clients === sizes[sizes.length - 1]) keptLast = kept / clients;
      const each = perRound.get(clients)!.map((x) => fmt(x, 3)).join(', ');
      console.log(`${id.padEnd(8)} ${fmt(clients, 0).padStart(9)} clients: ${fmt(events, 0).padStart(11)} events, ${fmt(us, 3)} µs/event at the fastest (rounds: ${each}; each the median of ${reps} runs)${keptText}`);
    }
  }
  const flat = Math.max(...per) / Math.min(...per);
  const flatMedians = Math.max(...medians) / Math.min(...medians);
  console.log(`${id}: µs/event largest/smallest over ${fmt(sizes[0], 0)}-${fmt(sizes[sizes.length - 1], 0)} clients: ${fmt(flat, 2)}x, each size its fastest round (target within 1.5x); ${fmt(flatMedians, 2)}x by the rounds' medians`);
  return { flat, keptLast };
}
