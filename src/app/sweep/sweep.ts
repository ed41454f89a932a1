// Parameter sweeps: run all five techniques at several values of one scenario
// key and collect a few metrics, so that a chart can show where the
// techniques cross over. Pure (no DOM, no timers): the page's worker
// (./sweep-job.ts) and the main-thread fallback (SweepView.svelte) both
// drive it, and the tests call it directly.

import { KEY_INDEX, nest, simulate, toFlat, type Scenario } from '../../sim';
// The checker straight from its module, not through src/sim's index: the first visit's chunks then never load it (../controls/typed-value.ts).
import { checkValue } from '../../sim/scenario/validate';
import { TECHNIQUES, type TechniqueId, type TechniqueResult } from '../../sim/types';
import { overheadFraction } from '../../viz/charts/series';

export interface SweepParamSpec {
  key: SweepParam;
  label: string;
  unit: string;
  /** Default range, log-spaced. */
  from: number;
  to: number;
}

export type SweepParam =
  | 'server.updateRateHz'
  | 'network.latencyMs'
  | 'polling.intervalMs'
  | 'clients'
  | 'server.payloadBytes'
  | 'http.requestHeaderBytes'
  | 'longPolling.timeoutMs'
  | 'server.cores'
  | 'server.cpuPerRequestMs'
  | 'faults.serverDownMs'
  | 'websocket.reconnectJitter'
  | 'churn.arrivalsPerSecond';

/** The sweepable keys and their default ranges (inside the keys' allowed ranges). */
export const SWEEP_PARAMS: readonly SweepParamSpec[] = [
  { key: 'server.updateRateHz', label: 'Update rate', unit: 'Hz', from: 0.1, to: 50 },
  { key: 'network.latencyMs', label: 'Latency (one way)', unit: 'ms', from: 1, to: 2000 },
  { key: 'polling.intervalMs', label: 'Poll interval', unit: 'ms', from: 100, to: 30000 },
  { key: 'clients', label: 'Clients', unit: '', from: 1, to: 100 },
  { key: 'server.payloadBytes', label: 'Update size', unit: 'B', from: 10, to: 100000 },
  { key: 'http.requestHeaderBytes', label: 'Request head', unit: 'B', from: 256, to: 8192 },
  { key: 'longPolling.timeoutMs', label: 'Long-poll timeout', unit: 'ms', from: 1000, to: 120000 },
  { key: 'server.cores', label: 'Server cores', unit: 'cores', from: 1, to: 64 },
  { key: 'server.cpuPerRequestMs', label: 'Server CPU per request', unit: 'ms', from: 0.01, to: 10 },
  { key: 'faults.serverDownMs', label: 'Server down after a restart', unit: 'ms', from: 100, to: 30000 },
  { key: 'websocket.reconnectJitter', label: 'WebSocket reconnect jitter', unit: '', from: 0.01, to: 1 },
  { key: 'churn.arrivalsPerSecond', label: 'Client arrivals', unit: 'Hz', from: 0.1, to: 100 },
];

export const SWEEP_PARAM_INDEX: ReadonlyMap<SweepParam, SweepParamSpec> = new Map(SWEEP_PARAMS.map((p) => [p.key, p]));

export type SweepMetric = 'bandwidthDown' | 'bandwidthUp' | 'requests' | 'latencyMean' | 'latencyP95' | 'overhead' | 'serverCores' | 'queueDelay' | 'energy';

export interface SweepMetricSpec {
  id: SweepMetric;
  label: string;
  /** Axis title. */
  axis: string;
  /** A log y axis suits it by default (values spread over decades). */
  logByDefault: boolean;
  /** Values are fractions shown as percentages. */
  percent?: boolean;
}

export const SWEEP_METRICS: readonly SweepMetricSpec[] = [
  { id: 'bandwidthDown', label: 'Bandwidth down (bytes/s)', axis: 'bytes/s down, all clients', logByDefault: true },
  { id: 'bandwidthUp', label: 'Bandwidth up (bytes/s)', axis: 'bytes/s up, all clients', logByDefault: true },
  { id: 'requests', label: 'Requests (whole run)', axis: 'requests in the run, all clients', logByDefault: true },
  { id: 'latencyMean', label: 'Mean latency (ms)', axis: 'mean latency, ms', logByDefault: true },
  { id: 'latencyP95', label: 'p95 latency (ms)', axis: 'p95 latency, ms', logByDefault: true },
  { id: 'overhead', label: 'Overhead % (header + framing)', axis: 'overhead, % of all bytes', logByDefault: false, percent: true },
  // The server and the phone (issue 11): where the server saturates, what the radio costs.
  { id: 'serverCores', label: 'Server CPU (cores busy)', axis: 'server cores busy, mean', logByDefault: false },
  { id: 'queueDelay', label: 'Wait for a server core (ms)', axis: 'mean wait for a core, ms (with a number of cores)', logByDefault: false },
  { id: 'energy', label: 'Radio energy (J/h per client)', axis: "one client's radio, joules per hour (with a radio)", logByDefault: false },
];

export const SWEEP_METRIC_INDEX: ReadonlyMap<SweepMetric, SweepMetricSpec> = new Map(SWEEP_METRICS.map((m) => [m.id, m]));

export const DEFAULT_POINTS = 10;

export interface SweepRange {
  from: number;
  to: number;
  /** Number of values (before integer keys merge duplicates). */
  count: number;
}

/**
 * Values of `param` to run: `count` log-spaced values from `from` to `to`
 * (both included), clamped to the key's allowed range; integer keys are
 * rounded and duplicates dropped. Ascending.
 */
export function points(param: SweepParam, range: Partial<SweepRange> = {}): number[] {
  const spec = KEY_INDEX.get(param);
  const def = SWEEP_PARAM_INDEX.get(param);
  if (!spec || !def) throw new Error(`${param} cannot be swept`);
  const count = Math.max(2, Math.floor(range.count ?? DEFAULT_POINTS));
  const lo = Math.max(spec.min ?? -Infinity, range.from ?? def.from);
  const hi = Math.min(spec.max ?? Infinity, range.to ?? def.to);
  if (!(lo > 0) || !(hi > lo)) throw new Error(`${param}: sweep range ${lo}..${hi} is not a positive increasing range`);
  const out: number[] = [];
  const l0 = Math.log(lo);
  const step = (Math.log(hi) - l0) / (count - 1);
  for (let i = 0; i < count; i++) {
    let v = i === count - 1 ? hi : Math.exp(l0 + i * step);
    v = spec.kind === 'int' ? Math.round(v) : Number(v.toPrecision(2));
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return out;
}

/** A copy of the scenario with one key changed (validated against the key's range). */
export function withParam(s: Scenario, key: string, value: number): Scenario {
  const flat = toFlat(s);
  flat.set(key, checkValue(key, value));
  return nest(flat);
}

/** The value of one metric for one technique's result; null when undefined (no latency samples, no bytes). */
export function metricValue(r: TechniqueResult, metric: SweepMetric, durationMs: number): number | null {
  switch (metric) {
    case 'bandwidthDown':
      return (r.bytes.down.total * 1000) / durationMs;
    case 'bandwidthUp':
      return (r.bytes.up.total * 1000) / durationMs;
    case 'requests':
      return r.requests;
    case 'latencyMean':
      return r.latencyMs.mean;
    case 'latencyP95':
      return r.latencyMs.p95;
    case 'overhead':
      return overheadFraction(r);
    case 'serverCores':
      return r.server.cpuBusyCores.mean;
    case 'queueDelay':
      return r.server.queueDelayMs.mean;
    case 'energy':
      return r.energy?.joulesPerHour ?? null;
  }
}

export type MetricTable = Record<SweepMetric, Record<TechniqueId, (number | null)[]>>;

export interface SweepResult {
  param: SweepParam;
  xs: number[];
  techniques: TechniqueId[];
  /** Every metric, so that switching metric needs no new runs. */
  all: MetricTable;
  /** The metric asked for: all[metric]. */
  metric: SweepMetric;
  values: Record<TechniqueId, (number | null)[]>;
  /** The scenario's server.cores (0 = unlimited), for the saturation point (./saturation.ts). */
  cores?: number;
}

export interface SweepProgress {
  done: number;
  total: number;
}

export interface SweepOptions {
  range?: Partial<SweepRange>;
  techniques?: readonly TechniqueId[];
}

function emptyTable(techniques: readonly TechniqueId[], n: number): MetricTable {
  const t = {} as MetricTable;
  for (const m of SWEEP_METRICS) {
    const row = {} as Record<TechniqueId, (number | null)[]>;
    for (const id of techniques) row[id] = new Array<number | null>(n).fill(null);
    t[m.id] = row;
  }
  return t;
}

/**
 * The sweep as a sequence of steps, one simulation (one value × one
 * technique) per step: yields the progress after each, returns the result.
 * Traces are off (traceClients: 0) for speed.
 */
export function* sweepSteps(scenario: Scenario, param: SweepParam, opts: SweepOptions = {}): Generator<SweepProgress, Omit<SweepResult, 'metric' | 'values'>> {
  const xs = points(param, opts.range);
  const techniques = [...(opts.techniques ?? TECHNIQUES)];
  const all = emptyTable(techniques, xs.length);
  const total = xs.length * techniques.length;
  let done = 0;
  for (let i = 0; i < xs.length; i++) {
    const s = withParam(scenario, param, xs[i]);
    for (const id of techniques) {
      const r = simulate(s, [id], { traceClients: 0 }).results[id]!;
      for (const m of SWEEP_METRICS) all[m.id][id][i] = metricValue(r, m.id, s.durationMs);
      done++;
      yield { done, total };
    }
  }
  return { param, xs, techniques, all, cores: scenario.server.cores };
}

/** Pick one metric out of a finished sweep. */
export function selectMetric(r: Omit<SweepResult, 'metric' | 'values'>, metric: SweepMetric): SweepResult {
  return { ...r, metric, values: r.all[metric] };
}

/**
 * Run a whole sweep synchronously. `onProgress` is called after every
 * simulation; `shouldStop` is asked before every one and, when it says yes,
 * the sweep ends and null is returned.
 */
export function runSweep(
  scenario: Scenario,
  param: SweepParam,
  metric: SweepMetric,
  onProgress: (p: SweepProgress) => void = () => {},
  shouldStop: () => boolean = () => false,
  opts: SweepOptions = {},
): SweepResult | null {
  const it = sweepSteps(scenario, param, opts);
  for (;;) {
    if (shouldStop()) return null;
    const step = it.next();
    if (step.done) return selectMetric(step.value, metric);
    onProgress(step.value);
  }
}

export interface Crossover {
  a: TechniqueId;
  b: TechniqueId;
  /** Parameter value where the lines cross (interpolated in log x, linear y). */
  x: number;
  /** Which one is lower after the crossing. */
  lowerAfter: TechniqueId;
}

/**
 * Where two techniques' curves cross: between consecutive sweep values where
 * the sign of (a − b) flips from strictly one side to strictly the other.
 * Touching (equal) values are not counted as crossings.
 */
export function crossovers(xs: readonly number[], values: Partial<Record<TechniqueId, readonly (number | null)[]>>): Crossover[] {
  const ids = TECHNIQUES.filter((id) => values[id]);
  const out: Crossover[] = [];
  for (let p = 0; p < ids.length; p++) {
    for (let q = p + 1; q < ids.length; q++) {
      const a = ids[p];
      const b = ids[q];
      const va = values[a]!;
      const vb = values[b]!;
      let prevI = -1;
      let prevD = 0;
      for (let i = 0; i < xs.length; i++) {
        const ya = va[i];
        const yb = vb[i];
        if (ya == null || yb == null) continue;
        const d = ya - yb;
        if (d === 0) continue;
        if (prevI >= 0 && Math.sign(d) !== Math.sign(prevD)) {
          const f = prevD / (prevD - d);
          const lx = Math.log(xs[prevI]) + f * (Math.log(xs[i]) - Math.log(xs[prevI]));
          out.push({ a, b, x: Number(Math.exp(lx).toPrecision(3)), lowerAfter: d < 0 ? a : b });
        }
        prevI = i;
        prevD = d;
      }
    }
  }
  return out.sort((u, v) => u.x - v.x);
}

export interface CrossoverGroup {
  a: TechniqueId;
  /** Techniques crossing `a` at the same point (coinciding curves cross together). */
  b: TechniqueId[];
  x: number;
  /** True when `a` is the lower one after the crossing. */
  aLowerAfter: boolean;
}

/** Merge crossovers of one technique with several others at the same x and in the same direction. */
export function groupCrossovers(list: readonly Crossover[]): CrossoverGroup[] {
  const out: CrossoverGroup[] = [];
  for (const c of list) {
    const aLowerAfter = c.lowerAfter === c.a;
    const g = out.find((o) => o.a === c.a && o.x === c.x && o.aLowerAfter === aLowerAfter);
    if (g) g.b.push(c.b);
    else out.push({ a: c.a, b: [c.b], x: c.x, aLowerAfter });
  }
  return out;
}
