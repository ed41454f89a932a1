// Counters of one technique's run: SPEC §4's fields, accumulated as packets
// are sent and received, and the per-bin series.

import type { Micros } from '../kernel/time';
import type { ByteTotals, Series, TechniqueResult } from '../types';
import { binCount, binWidthMs } from './bins';
import { MicrosCounts, histogram, summarize } from './stats';
import { TimeLog } from './time-log';
import { noRadioTimes, type RadioTimes } from '../radio/times';

export interface Bytes3 {
  header: number;
  framing: number;
  payload: number;
}

/** A typed array as a plain one, by a loop (Array.from walks the iterator: several times slower). */
function plain(a: Float64Array): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

const zero = (): Bytes3 => ({ header: 0, framing: 0, payload: 0 });
const totals = (b: Bytes3): ByteTotals => ({ ...b, total: b.header + b.framing + b.payload });

/** Every counter of a Metrics as plain data: what a worker sends back for its clients (structured-clone safe). */
export interface MetricsShard {
  counts: Record<(typeof SCALARS)[number], number>;
  up: Bytes3;
  down: Bytes3;
  latency: LatencyCounts;
  upLatency: LatencyCounts;
  queueDelay: LatencyCounts;
  openedAt: Float64Array;
  closedAt: Float64Array;
  bins: Float64Array[];
  radio: RadioTimes;
}

type LatencyCounts = ReturnType<MicrosCounts['toJSON']>;

const SCALARS = ['requests', 'responses', 'emptyResponses', 'connectionsOpened', 'delivered', 'inFlight', 'upGenerated', 'upDelivered', 'wireUp', 'wireDown', 'cpuUs', 'generated', 'arrived', 'left', 'presentUs', 'radioUs'] as const;

export class Metrics {
  requests = 0;
  responses = 0;
  emptyResponses = 0;
  connectionsOpened = 0;
  /**
   * When connections opened and closed (µs). The peak of open connections is
   * over all clients at once, and clients are simulated one after another,
   * so it is found at the end from these times (changes at the same
   * microsecond taken together).
   */
  private readonly openedAt = new TimeLog();
  private readonly closedAt = new TimeLog();
  delivered = 0;
  /** Updates sent by the server and not yet received. */
  inFlight = 0;
  upGenerated = 0;
  upDelivered = 0;
  readonly up = zero();
  readonly down = zero();
  wireUp = 0;
  wireDown = 0;
  readonly latency = new MicrosCounts();
  readonly upLatency = new MicrosCounts();
  /** The server's CPU time (µs of one core), in all and per bin (./server-cpu.ts). */
  cpuUs = 0;
  /** Updates made for the clients while each was there (every update for every client, without churn). */
  generated = 0;
  /** Churn (./population.ts): clients that arrived during the run and that left before its end; µs each was there, summed. */
  arrived = 0;
  left = 0;
  presentUs = 0;
  /** µs each client's radio was watched, summed (from its arrival to the end: the phone stays on after the tab closes). */
  radioUs = 0;
  /** Each job's wait for a core (server.cores > 0). */
  readonly queueDelay = new MicrosCounts();
  /** The clients' radios: time in each state, wake-ups (src/sim/radio/; zero without a radio). */
  readonly radio = noRadioTimes();

  readonly binMs: number;
  private readonly durationMs: number;
  private readonly binUs: number;
  private readonly nBins: number;
  private readonly sBytesUp: Float64Array;
  private readonly sBytesDown: Float64Array;
  /** Per-bin header / framing / payload bytes, [up, down]. */
  private readonly sClass: Record<'up' | 'down', Record<'header' | 'framing' | 'payload', Float64Array>>;
  private readonly sRequests: Float64Array;
  private readonly sDelivered: Float64Array;
  /** Change of the open-connection count in each bin; summed into a level at the end. */
  private readonly sOpenDelta: Float64Array;
  /** Connections opened in each bin (a reconnection storm). */
  private readonly sOpened: Float64Array;
  /** The server's busy CPU µs in each bin. */
  private readonly sCpu: Float64Array;
  /** Change of the updates queued at the server (made for a client, not yet sent to it) in each bin; a level at the end. */
  private readonly sQueuedDelta: Float64Array;

  constructor(durationMs: number) {
    this.durationMs = durationMs;
    this.binMs = binWidthMs(durationMs);
    this.binUs = this.binMs * 1000;
    this.nBins = binCount(durationMs, this.binMs);
    this.sBytesUp = new Float64Array(this.nBins);
    this.sBytesDown = new Float64Array(this.nBins);
    const classes = () => ({ header: new Float64Array(this.nBins), framing: new Float64Array(this.nBins), payload: new Float64Array(this.nBins) });
    this.sClass = { up: classes(), down: classes() };
    this.sRequests = new Float64Array(this.nBins);
    this.sDelivered = new Float64Array(this.nBins);
    this.sOpenDelta = new Float64Array(this.nBins);
    this.sOpened = new Float64Array(this.nBins);
    this.sCpu = new Float64Array(this.nBins);
    this.sQueuedDelta = new Float64Array(this.nBins);
  }

  /** `n` updates made at `t` wait at the server for a client (or for each of `n` clients). */
  enqueued(t: Micros, n: number): void {
    this.sQueuedDelta[this.bin(t)] += n;
  }

  /** `n` updates leave the server's queue for a client at `t` (sent, or dropped with a client that left). */
  dequeued(t: Micros, n: number): void {
    this.sQueuedDelta[this.bin(t)] -= n;
  }

  private bin(t: Micros): number {
    const i = Math.floor(t / this.binUs);
    return i < this.nBins ? i : this.nBins - 1;
  }

  sent(dir: 'up' | 'down', t: Micros, header: number, framing: number, payload: number, wire: number): void {
    const b = dir === 'up' ? this.up : this.down;
    b.header += header;
    b.framing += framing;
    b.payload += payload;
    const i = this.bin(t);
    if (dir === 'up') {
      this.wireUp += wire;
      this.sBytesUp[i] += header + framing + payload;
    } else {
      this.wireDown += wire;
      this.sBytesDown[i] += header + framing + payload;
    }
    const c = this.sClass[dir];
    c.header[i] += header;
    c.framing[i] += framing;
    c.payload[i] += payload;
  }

  /** TCP/IP bytes with no application data (handshakes, ACKs, FINs). */
  wire(dir: 'up' | 'down', bytes: number): void {
    if (dir === 'up') this.wireUp += bytes;
    else this.wireDown += bytes;
  }

  request(t: Micros): void {
    this.requests++;
    this.sRequests[this.bin(t)]++;
  }

  /** An update reached its client at `t`, generated at `generatedAt`. */
  deliver(t: Micros, generatedAt: Micros): void {
    this.delivered++;
    this.inFlight--;
    this.sDelivered[this.bin(t)]++;
    this.latency.add(t - generatedAt);
  }

  /** `cost` µs of server CPU from `start` (split over the bins it spans), after a wait of `wait` µs for a core (-1: unlimited cores, no wait to count). */
  cpu(start: Micros, cost: Micros, wait: Micros): void {
    this.cpuUs += cost;
    let t = start;
    let left = cost;
    while (left > 0) {
      const i = this.bin(t);
      const inBin = i === this.nBins - 1 ? left : Math.min(left, (i + 1) * this.binUs - t);
      this.sCpu[i] += inBin;
      left -= inBin;
      t += inBin;
    }
    if (wait >= 0) this.queueDelay.add(wait);
  }

  connectionOpened(t: Micros): void {
    this.connectionsOpened++;
    this.openedAt.push(t);
    const i = this.bin(t);
    this.sOpenDelta[i]++;
    this.sOpened[i]++;
  }

  connectionClosed(t: Micros): void {
    this.closedAt.push(t);
    this.sOpenDelta[this.bin(t)]--;
  }

  /** The per-bin arrays, in one fixed order (shards add them bin by bin). */
  private binArrays(): Float64Array[] {
    const { up, down } = this.sClass;
    return [this.sBytesUp, this.sBytesDown, up.header, up.framing, up.payload, down.header, down.framing, down.payload, this.sRequests, this.sDelivered, this.sOpenDelta, this.sOpened, this.sCpu, this.sQueuedDelta];
  }

  /** This run's counters as plain data, for the merge of shards of clients. */
  toShard(): MetricsShard {
    const counts = {} as MetricsShard['counts'];
    for (const k of SCALARS) counts[k] = this[k];
    return {
      counts,
      up: { ...this.up },
      down: { ...this.down },
      latency: this.latency.toJSON(),
      upLatency: this.upLatency.toJSON(),
      queueDelay: this.queueDelay.toJSON(),
      openedAt: this.openedAt.values().slice(),
      closedAt: this.closedAt.values().slice(),
      bins: this.binArrays().map((a) => a.slice()),
      radio: { ...this.radio },
    };
  }

  /**
   * Add a shard's counters: every figure is a sum of integers (bytes, counts,
   * µs), so the sum over shards is exact and the result is the same whatever
   * the split.
   */
  addShard(sh: MetricsShard): void {
    for (const k of SCALARS) this[k] += sh.counts[k];
    for (const c of ['header', 'framing', 'payload'] as const) {
      this.up[c] += sh.up[c];
      this.down[c] += sh.down[c];
    }
    for (const k of Object.keys(this.radio) as (keyof RadioTimes)[]) this.radio[k] += sh.radio[k];
    this.latency.addCounts(sh.latency);
    this.upLatency.addCounts(sh.upLatency);
    this.queueDelay.addCounts(sh.queueDelay);
    this.openedAt.append(sh.openedAt);
    this.closedAt.append(sh.closedAt);
    const mine = this.binArrays();
    sh.bins.forEach((b, i) => {
      for (let j = 0; j < b.length; j++) mine[i][j] += b[j];
    });
  }

  /** When connections opened, all clients, in order (both peaks read them; sorting a million times once is enough). */
  private sortedOpens(): Float64Array {
    return this.openedAt.values().slice().sort();
  }

  /** The most connections open at one time, over the whole run and all clients. */
  private peakOpen(opens: Float64Array): number {
    const closes = this.closedAt.values().slice().sort();
    let level = 0;
    let peak = 0;
    let i = 0;
    let j = 0;
    while (i < opens.length) {
      const t = j < closes.length && closes[j] < opens[i] ? closes[j] : opens[i];
      for (; i < opens.length && opens[i] === t; i++) level++;
      for (; j < closes.length && closes[j] === t; j++) level--;
      if (level > peak) peak = level;
    }
    return peak;
  }

  /**
   * The most connections opened within one second (a sliding window of
   * 1,000,000 µs), over all clients: a reconnection storm's peak at the server.
   */
  private peakOpenedPerSecond(opens: Float64Array): number {
    let peak = 0;
    for (let i = 0, j = 0; j < opens.length; j++) {
      while (opens[j] - opens[i] >= 1_000_000) i++;
      if (j - i + 1 > peak) peak = j - i + 1;
    }
    return peak;
  }

  series(): Series {
    const tMs: number[] = [];
    const openConnections: number[] = [];
    const queuedMessages: number[] = [];
    let level = 0;
    let queued = 0;
    for (let i = 0; i < this.nBins; i++) {
      tMs.push(i * this.binMs);
      level += this.sOpenDelta[i];
      openConnections.push(level);
      queued += this.sQueuedDelta[i];
      queuedMessages.push(queued);
    }
    return {
      binMs: this.binMs,
      durationMs: this.durationMs,
      tMs,
      bytesUp: plain(this.sBytesUp),
      bytesDown: plain(this.sBytesDown),
      bytesByClass: {
        up: { header: plain(this.sClass.up.header), framing: plain(this.sClass.up.framing), payload: plain(this.sClass.up.payload) },
        down: { header: plain(this.sClass.down.header), framing: plain(this.sClass.down.framing), payload: plain(this.sClass.down.payload) },
      },
      requests: plain(this.sRequests),
      messagesDelivered: plain(this.sDelivered),
      openConnections,
      connectionsOpened: plain(this.sOpened),
      cpuBusyUs: plain(this.sCpu),
      queuedMessages,
    };
  }

  /** The busiest bin of a per-bin count, per second (the last bin may be shorter than the others). */
  private peakPerSecond(a: Float64Array): number {
    let peak = 0;
    for (let i = 0; i < this.nBins; i++) {
      const width = Math.min(this.binMs, this.durationMs - i * this.binMs) / 1000;
      if (width > 0 && a[i] / width > peak) peak = a[i] / width;
    }
    return peak;
  }

  /** SPEC §7's server fields: connections, requests per second, CPU, memory, queueing. */
  private server(peak: number, opens: Float64Array, cores: number, memoryPerConnection: number, memoryPerMessage: number, series: Series): TechniqueResult['server'] {
    const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
    const busyMean = this.cpuUs / (this.durationMs * 1000);
    const busyPeak = this.peakPerSecond(this.sCpu) / 1e6;
    const wait = summarize(this.queueDelay);
    return {
      peakConnections: peak,
      peakConnectionsPerSecond: this.peakOpenedPerSecond(opens),
      requestsPerSecond: { mean: r6(this.requests / (this.durationMs / 1000)), peak: r6(this.peakPerSecond(this.sRequests)) },
      cpuBusyCores: { mean: r6(busyMean), peak: r6(busyPeak) },
      cpuUtilisation: cores > 0 ? { mean: r6(busyMean / cores), peak: r6(busyPeak / cores) } : { mean: null, peak: null },
      memoryPeakBytes: memoryPeak(peak, memoryPerConnection, memoryPerMessage, series),
      peakQueuedMessages: Math.max(0, ...series.queuedMessages),
      queueDelayMs: { mean: cores > 0 ? (wait.mean ?? 0) : 0, p95: cores > 0 ? (wait.p95 ?? 0) : 0 },
    };
  }

  /** The result fields; `generated` and `queued` come from the feed and the sessions. */
  result(generated: number, queued: number, upPending: number, events: number, cores = 0, memoryPerConnection = 0, memoryPerMessage = 0): TechniqueResult {
    const opens = this.sortedOpens();
    const peak = this.peakOpen(opens);
    const series = this.series();
    return {
      requests: this.requests,
      responses: this.responses,
      emptyResponses: this.emptyResponses,
      connectionsOpened: this.connectionsOpened,
      maxOpenConnections: peak,
      messagesGenerated: generated,
      messagesDelivered: this.delivered,
      messagesPending: queued + this.inFlight,
      pending: { queued, inFlight: this.inFlight },
      upstream: { generated: this.upGenerated, delivered: this.upDelivered, pending: upPending },
      bytes: {
        up: totals(this.up),
        down: totals(this.down),
        wire: { up: this.wireUp, down: this.wireDown },
      },
      latencyMs: summarize(this.latency),
      upstreamLatencyMs: summarize(this.upLatency),
      latencyHistogram: histogram(this.latency),
      series,
      server: this.server(peak, opens, cores, memoryPerConnection, memoryPerMessage, series),
      events,
    };
  }
}

/**
 * The server's memory at its peak: its open connections' (the exact peak)
 * or, if more, the busiest bin end's connections and queued updates
 * together (the queue is known per bin: ./metrics.ts `sQueuedDelta`).
 */
function memoryPeak(peakConnections: number, perConnection: number, perMessage: number, series: Series): number {
  let peak = peakConnections * perConnection;
  if (perMessage <= 0) return peak;
  for (let i = 0; i < series.tMs.length; i++) peak = Math.max(peak, series.openConnections[i] * perConnection + series.queuedMessages[i] * perMessage);
  return peak;
}
