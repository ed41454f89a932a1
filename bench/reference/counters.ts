// The counters of one reference run: totals as plain numbers and the
// per-bin series as typed arrays, assembled at the end into an object with
// the same fields, in the same key order, as the project's TechniqueResult
// (JSON.stringify of both must be equal). Bin widths as src/sim/run/bins.ts:
// the smallest "nice" width giving at most 120 bins.

import type { Series, TechniqueResult } from '../../src/sim';
import { MicrosTally, histogram, summary } from './latency';

const NICE_MS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000];
const MAX_BINS = 120;

function binWidthMs(durationMs: number): number {
  for (const w of NICE_MS) if (durationMs / w <= MAX_BINS) return w;
  return Math.ceil(durationMs / MAX_BINS / 60000) * 60000;
}

export class Counters {
  requests = 0;
  responses = 0;
  emptyResponses = 0;
  connectionsOpened = 0;
  /** When each connection opened (µs), for the busiest second. */
  readonly openTimes: number[] = [];
  cpuUs = 0;
  readonly sCpu: Float64Array;
  delivered = 0;
  inFlight = 0;
  upHeader = 0;
  downHeader = 0;
  downFraming = 0;
  downPayload = 0;
  wireUp = 0;
  wireDown = 0;
  readonly latency = new MicrosTally();

  readonly binUs: number;
  readonly nBins: number;
  private readonly binMs: number;
  // Polling sends nothing but heads upstream: up framing and payload stay 0.
  readonly sUpHeader: Float64Array;
  readonly sDownHeader: Float64Array;
  readonly sDownFraming: Float64Array;
  readonly sDownPayload: Float64Array;
  readonly sRequests: Float64Array;
  readonly sDelivered: Float64Array;
  /** Connections opened per bin (none closes in polling without faults). */
  readonly sOpened: Float64Array;
  /** Updates made and not yet answered, change per bin (+ each client at its making, − at each answer). */
  readonly sQueued: Float64Array;

  constructor(private readonly durationMs: number) {
    this.binMs = binWidthMs(durationMs);
    this.binUs = this.binMs * 1000;
    this.nBins = Math.max(1, Math.ceil(durationMs / this.binMs));
    const a = () => new Float64Array(this.nBins);
    this.sCpu = a();
    this.sUpHeader = a();
    this.sDownHeader = a();
    this.sDownFraming = a();
    this.sDownPayload = a();
    this.sRequests = a();
    this.sDelivered = a();
    this.sOpened = a();
    this.sQueued = a();
  }

  bin(t: number): number {
    const i = Math.floor(t / this.binUs);
    return i < this.nBins ? i : this.nBins - 1;
  }

  /** `us` of server CPU from `t`, bin by bin (what spills past a bin's end goes to the next; the last bin takes the rest). */
  busy(t: number, us: number): void {
    this.cpuUs += us;
    let at = t;
    let rest = us;
    while (rest > 0) {
      const i = this.bin(at);
      const room = i === this.nBins - 1 ? rest : (i + 1) * this.binUs - at;
      const take = rest < room ? rest : room;
      this.sCpu[i] += take;
      rest -= take;
      at += take;
    }
  }

  /** The largest per-second rate of a per-bin count, each bin over its own width (the run's end may cut the last). */
  private perSecondPeak(bins: Float64Array): number {
    let best = 0;
    for (let i = 0; i < bins.length; i++) {
      const seconds = Math.min(this.binMs, this.durationMs - i * this.binMs) / 1000;
      if (seconds > 0) best = Math.max(best, bins[i] / seconds);
    }
    return best;
  }

  /** `generated` and `queued` come from the feed and the clients; `events` is the reference's own count. */
  result(generated: number, queued: number, events: number, memoryPerConnection: number, memoryPerMessage: number): TechniqueResult {
    const micro = (x: number) => Math.round(x * 1e6) / 1e6;
    const cores = this.cpuUs / (this.durationMs * 1000);
    const n = this.nBins;
    const zeros = () => new Array<number>(n).fill(0);
    const tMs: number[] = [];
    const open: number[] = [];
    const bytesDown: number[] = [];
    const waiting: number[] = [];
    let level = 0;
    let queuedLevel = 0;
    // The memory peak: all connections (nothing closes), or a bin end's connections and queued updates if more.
    let memory = this.connectionsOpened * memoryPerConnection;
    for (let i = 0; i < n; i++) {
      tMs.push(i * this.binMs);
      level += this.sOpened[i];
      open.push(level);
      queuedLevel += this.sQueued[i];
      waiting.push(queuedLevel);
      if (memoryPerMessage > 0) memory = Math.max(memory, level * memoryPerConnection + queuedLevel * memoryPerMessage);
      // Summed in the project's order (header + framing + payload) per packet;
      // integers, so the per-bin sum is exact either way.
      bytesDown.push(this.sDownHeader[i] + this.sDownFraming[i] + this.sDownPayload[i]);
    }
    const series: Series = {
      binMs: this.binMs,
      durationMs: this.durationMs,
      tMs,
      bytesUp: Array.from(this.sUpHeader),
      bytesDown,
      bytesByClass: {
        up: { header: Array.from(this.sUpHeader), framing: zeros(), payload: zeros() },
        down: { header: Array.from(this.sDownHeader), framing: Array.from(this.sDownFraming), payload: Array.from(this.sDownPayload) },
      },
      requests: Array.from(this.sRequests),
      messagesDelivered: Array.from(this.sDelivered),
      openConnections: open,
      connectionsOpened: Array.from(this.sOpened),
      cpuBusyUs: Array.from(this.sCpu),
      queuedMessages: waiting,
    };
    return {
      requests: this.requests,
      responses: this.responses,
      emptyResponses: this.emptyResponses,
      connectionsOpened: this.connectionsOpened,
      // Nothing closes, so the most ever open is the number opened.
      maxOpenConnections: this.connectionsOpened,
      messagesGenerated: generated,
      messagesDelivered: this.delivered,
      messagesPending: queued + this.inFlight,
      pending: { queued, inFlight: this.inFlight },
      upstream: { generated: 0, delivered: 0, pending: 0 },
      bytes: {
        up: { header: this.upHeader, framing: 0, payload: 0, total: this.upHeader },
        down: { header: this.downHeader, framing: this.downFraming, payload: this.downPayload, total: this.downHeader + this.downFraming + this.downPayload },
        wire: { up: this.wireUp, down: this.wireDown },
      },
      latencyMs: summary(this.latency),
      upstreamLatencyMs: { mean: null, p50: null, p95: null, p99: null, max: null, count: 0 },
      latencyHistogram: histogram(this.latency),
      series,
      server: {
        peakConnections: this.connectionsOpened,
        peakConnectionsPerSecond: busiestSecond(this.openTimes),
        requestsPerSecond: { mean: micro(this.requests / (this.durationMs / 1000)), peak: micro(this.perSecondPeak(this.sRequests)) },
        cpuBusyCores: { mean: micro(cores), peak: micro(this.perSecondPeak(this.sCpu) / 1e6) },
        // Unlimited cores (the reference refuses server.cores): no utilisation, no waiting.
        cpuUtilisation: { mean: null, peak: null },
        memoryPeakBytes: memory,
        peakQueuedMessages: Math.max(0, ...waiting),
        queueDelayMs: { mean: 0, p95: 0 },
      },
      events,
    };
  }
}

/** Most opens in any window of one second [t, t + 1 s): counted from each open onwards. */
function busiestSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let hi = 0;
  for (let lo = 0; lo < t.length; lo++) {
    while (hi < t.length && t[hi] < t[lo] + 1_000_000) hi++;
    best = Math.max(best, hi - lo);
  }
  return best;
}
