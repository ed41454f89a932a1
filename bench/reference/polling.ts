// A minimal, hand-written, data-oriented reference simulator of the
// short-polling workload: the same model as the project's
// runTechnique(s, 'polling') (docs/model.md), written to show how fast the
// same work can be done. No state machines, no closure or object per event:
// clients and connections live in typed arrays (struct of arrays), events are
// int32 payloads in a typed-array heap (./heap.ts), latency samples are
// integer microseconds (./latency.ts).
//
// Two schedulers over the same event handlers:
//  - referencePolling: one global queue ordered (time, priority, sequence),
//    as the project's kernel;
//  - referencePollingPerClient: each client's timeline run to the end on its
//    own. Clients share nothing but the feed (whose count at time t is known
//    in advance: updates at t come first, priority 0) and commutative
//    counters (sums; latency samples are sorted at the end), so only the order
//    of one client's own events matters, and a per-client queue keeps it.
//
// Shared with the project, by design: the feed (updateTimes), the seeded
// start offsets and the page's handling draws (createStream), so both draw
// the same numbers.
//
// Refused (they throw): jitter, loss, upstream messages, faults and TLS
// (tls.version: its handshake and records; the benchmark runs cleartext),
// nor HTTP/2 (http.version 2), nor the server's handling time
// (server.processingMs). The page's (client.processingMs, default 1 ms) is
// modelled: an answer with updates is seen m/2 + Exp(m/2) after it arrives,
// one at a time per client.
//
// `events` counts the same events as the project's kernel: client starts and
// ticks, SYN, SYN-ACK, request and response arrivals, each only if it falls
// before the end (no feed events: a polling client never listens for
// updates); it is not part of the comparison contract.

import { updateTimes, type Scenario, type TechniqueResult } from '../../src/sim';
import { STREAM_KIND, createStream } from '../../src/sim/random/streams';
import { Heads } from '../../src/sim/run/heads';
import { Counters } from './counters';
import { EventHeap } from './heap';
import { TCP_IP, TcpPaths, ackCount, segmentCount } from './tcp';

/** The browser's HTTP/1.1 pool: at most 6 connections per host. */
const POOL = 6;

// Event kinds (low 3 bits of the payload; the rest is the connection index).
const TICK = 0; // the client's setInterval fires (its first one is the start)
const SYN_AT_SERVER = 1;
const SYNACK_AT_CLIENT = 2;
const REQUEST_AT_SERVER = 3;
const RESPONSE_AT_CLIENT = 4;

// Priorities at equal time, as src/sim/kernel/order.ts: feed 0 (implicit
// here: the feed count at t includes updates at t), network 1, timer 2.
const NETWORK = 1;
const TIMER = 2;

// Connection states (0: slot not in use yet).
const OPENING = 1;
const OPEN = 2;

/** Why a scenario is outside the reference's model, or null when it is in. */
export function unsupported(s: Scenario): string | null {
  if (s.network.jitterMs > 0) return 'network.jitterMs > 0 (jitter draws)';
  if (s.network.lossRate > 0) return 'network.lossRate > 0 (loss and retransmission)';
  if (s.client.sendRateHz > 0) return 'client.sendRateHz > 0 (upstream POSTs)';
  if (s.faults.disconnectIntervalMs > 0) return 'faults.disconnectIntervalMs > 0 (connection cuts)';
  if (s.tls.version !== 'none') return `tls.version ${s.tls.version} (handshake and records)`;
  if (s.http.version !== '1.1') return `http.version ${s.http.version} (streams, HPACK, frames)`;
  if (s.server.processingMs > 0) return 'server.processingMs > 0 (the server\'s handling draws)';
  if (s.server.cores > 0) return 'server.cores > 0 (requests queueing for a core)';
  return null;
}

const fromMs = (ms: number) => Math.round(ms * 1000);

/** The state of one run and the handlers of its events. */
class PollingRun {
  readonly c: Counters;
  readonly endUs: number;
  readonly intervalUs: number;
  readonly startUs: Float64Array;
  private readonly feed: Float64Array;
  private readonly latencyUs: number;
  private readonly reqBytes: number;
  private readonly reqSegs: number;
  private readonly heads: Heads;
  /** Response head bytes by the answer's update count (its Content-Length's digits can change it). */
  private readonly resBytesBy: number[] = [];
  private readonly payloadBytes: number;
  /** The page's handling (client.processingMs, µs; 0: none): per client, its draws and when its handler is free. */
  private readonly handlingUs: number;
  private readonly handlers: (ReturnType<typeof createStream> | undefined)[] = [];
  private readonly pageFreeAt: Float64Array;
  private readonly seed: number;
  // Per client.
  private readonly poolSize: Uint8Array;
  /** Polls waiting for a pooled connection (they are all alike: a count). */
  private readonly waiting: Int32Array;
  /** Updates feed[0 .. sent-1] have been sent to the client. */
  readonly sent: Int32Array;
  private readonly upLink: Float64Array;
  private readonly downLink: Float64Array;
  // Per connection (client * POOL + slot).
  private readonly state: Uint8Array;
  private readonly busy: Uint8Array;
  private readonly respFirst: Int32Array;
  private readonly respCount: Int32Array;
  private readonly up: TcpPaths;
  private readonly down: TcpPaths;
  /** Updates generated up to the current time: feed[0 .. gen-1] (a cursor, time only goes forward). */
  gen = 0;
  heap: EventHeap;

  /** The server's CPU per request and per accepted connection (µs), and memory per connection: counted, never waited for. */
  private readonly requestCpu: number;
  private readonly connectionCpu: number;
  readonly memoryPerConnection: number;
  readonly memoryPerMessage: number;

  constructor(s: Scenario, feed: Float64Array) {
    const why = unsupported(s);
    if (why) throw new Error(`reference polling: scenario not modelled: ${why}`);
    const n = s.clients;
    this.feed = feed;
    this.c = new Counters(s.durationMs);
    this.endUs = fromMs(s.durationMs);
    this.intervalUs = fromMs(s.polling.intervalMs);
    this.requestCpu = fromMs(s.server.cpuPerRequestMs);
    this.connectionCpu = fromMs(s.server.cpuPerConnectionMs);
    this.memoryPerConnection = s.server.memoryPerConnectionBytes;
    this.memoryPerMessage = s.server.memoryPerQueuedMessageBytes;
    this.latencyUs = fromMs(s.network.latencyMs);
    // Head sizes are the wire layer's (the scenario's, or its head profile's), not the engine's.
    this.heads = new Heads(s.http);
    this.reqBytes = this.heads.request('poll');
    this.reqSegs = segmentCount(this.reqBytes);
    this.payloadBytes = s.server.payloadBytes;
    this.poolSize = new Uint8Array(n);
    this.waiting = new Int32Array(n);
    this.handlingUs = fromMs(s.client.processingMs);
    this.pageFreeAt = new Float64Array(this.handlingUs > 0 ? n : 0);
    this.seed = s.seed;
    this.sent = new Int32Array(n);
    this.upLink = new Float64Array(n);
    this.downLink = new Float64Array(n);
    this.state = new Uint8Array(n * POOL);
    this.busy = new Uint8Array(n * POOL);
    this.respFirst = new Int32Array(n * POOL);
    this.respCount = new Int32Array(n * POOL);
    const upKbps = s.network.uplinkKbps > 0 ? s.network.uplinkKbps : s.network.bandwidthKbps;
    const iw = s.network.initialCwndSegments;
    this.up = new TcpPaths(n * POOL, this.latencyUs, iw, 8000 / upKbps);
    this.down = new TcpPaths(n * POOL, this.latencyUs, iw, 8000 / s.network.bandwidthKbps);
    // Each client starts at a uniform offset in [0, interval): its own stream's first draw.
    this.startUs = new Float64Array(n);
    for (let i = 0; i < n; i++) this.startUs[i] = Math.floor(createStream(s.seed, STREAM_KIND.client, i).uniform() * this.intervalUs);
    this.heap = new EventHeap(n * (POOL + 1));
  }

  /** Events at or past the end never run, so they are not even queued. */
  private at(t: number, priority: number, d: number): void {
    if (t < this.endUs) this.heap.push(t, priority, d);
  }

  /** Run one event popped at time `now`. */
  step(now: number, d: number): void {
    const g = d >> 3;
    switch (d & 7) {
      case TICK:
        this.poll(g / POOL, now);
        this.at(now + this.intervalUs, TIMER, d);
        break;
      case SYN_AT_SERVER:
        this.c.busy(now, this.connectionCpu);
        this.c.wireDown += TCP_IP; // the SYN-ACK
        this.at(this.down.send(g, this.downLink, (g / POOL) | 0, now, 0), NETWORK, (g << 3) | SYNACK_AT_CLIENT);
        break;
      case SYNACK_AT_CLIENT:
        this.c.wireUp += TCP_IP; // the handshake's last ACK
        this.state[g] = OPEN;
        this.request(g, now);
        break;
      case REQUEST_AT_SERVER:
        this.c.busy(now, this.requestCpu);
        this.respond(g, now);
        break;
      case RESPONSE_AT_CLIENT:
        this.answered(g, now);
        break;
    }
  }

  /** setInterval fired: GET /poll on the first idle open connection, else a new one (pool allowing), else wait. */
  private poll(client: number, now: number): void {
    const base = client * POOL;
    const size = this.poolSize[client];
    for (let g = base; g < base + size; g++) {
      if (this.state[g] === OPEN && this.busy[g] === 0) {
        this.busy[g] = 1;
        this.request(g, now);
        return;
      }
    }
    if (size < POOL) {
      const g = base + size;
      this.poolSize[client] = size + 1;
      this.state[g] = OPENING;
      this.busy[g] = 1;
      const c = this.c;
      c.connectionsOpened++;
      c.sOpened[c.bin(now)]++;
      c.openTimes.push(now);
      c.wireUp += TCP_IP; // the SYN
      this.at(this.up.send(g, this.upLink, client, now, 0), NETWORK, (g << 3) | SYN_AT_SERVER);
      return;
    }
    this.waiting[client]++;
  }

  private request(g: number, now: number): void {
    const c = this.c;
    const i = c.bin(now);
    const bytes = this.reqBytes;
    c.requests++;
    c.sRequests[i]++;
    c.upHeader += bytes;
    c.sUpHeader[i] += bytes;
    c.wireUp += bytes + this.reqSegs * TCP_IP;
    c.wireDown += ackCount(this.reqSegs) * TCP_IP;
    this.at(this.up.send(g, this.upLink, (g / POOL) | 0, now, bytes), NETWORK, (g << 3) | REQUEST_AT_SERVER);
  }

  /** The server answers at once with every update queued for the client: a JSON array. */
  private respond(g: number, now: number): void {
    const feed = this.feed;
    let gen = this.gen;
    while (gen < feed.length && feed[gen] <= now) gen++;
    this.gen = gen;
    const client = (g / POOL) | 0;
    const first = this.sent[client];
    const n = gen - first;
    this.sent[client] = gen;
    const c = this.c;
    c.responses++;
    if (n === 0) c.emptyResponses++;
    c.sQueued[c.bin(now)] -= n;
    // "[]" or "[" items joined by "," "]".
    const framing = n === 0 ? 2 : n + 1;
    const payload = n * this.payloadBytes;
    const head = (this.resBytesBy[n] ??= this.heads.response('json', framing + payload));
    const bytes = head + framing + payload;
    const segs = segmentCount(bytes);
    const i = c.bin(now);
    c.downHeader += head;
    c.downFraming += framing;
    c.downPayload += payload;
    c.sDownHeader[i] += head;
    c.sDownFraming[i] += framing;
    c.sDownPayload[i] += payload;
    c.wireDown += bytes + segs * TCP_IP;
    c.wireUp += ackCount(segs) * TCP_IP;
    c.inFlight += n;
    this.respFirst[g] = first;
    this.respCount[g] = n;
    this.at(this.down.send(g, this.downLink, client, now, bytes), NETWORK, (g << 3) | RESPONSE_AT_CLIENT);
  }

  /** The answer arrived: its updates are delivered; the connection serves a waiting poll or goes idle. */
  private answered(g: number, now: number): void {
    const c = this.c;
    const first = this.respFirst[g];
    const n = this.respCount[g];
    const client = (g / POOL) | 0;
    if (n > 0) {
      // The page sees them when its handler is done; handled after the end, they stay in flight.
      const seen = this.handlingUs > 0 ? this.handle(client, now) : now;
      if (seen < this.endUs) {
        const feed = this.feed;
        for (let k = first; k < first + n; k++) c.latency.push(seen - feed[k]);
        c.delivered += n;
        c.inFlight -= n;
        c.sDelivered[c.bin(seen)] += n;
      }
    }
    if (this.waiting[client] > 0) {
      this.waiting[client]--;
      this.request(g, now);
    } else this.busy[g] = 0;
  }

  /** When the page's handler is done with an answer that arrived at `now`: m/2 + Exp(m/2) after it is free. */
  private handle(client: number, now: number): number {
    const half = this.handlingUs / 2;
    const rng = (this.handlers[client] ??= createStream(this.seed, STREAM_KIND.handling, client));
    const start = Math.max(now, this.pageFreeAt[client]);
    return (this.pageFreeAt[client] = start + Math.round(half + rng.exponential(half)));
  }

  result(events: number): TechniqueResult {
    const updates = this.feed.length; // every update is generated before the end
    let queued = 0;
    for (let i = 0; i < this.sent.length; i++) queued += updates - this.sent[i];
    // Every client is owed every update from its making.
    for (let k = 0; k < updates; k++) this.c.sQueued[this.c.bin(this.feed[k])] += this.sent.length;
    return this.c.result(updates * this.sent.length, queued, events, this.memoryPerConnection, this.memoryPerMessage);
  }
}

/** The project's polling result from one global event queue. */
export function referencePolling(s: Scenario, feed: Float64Array = updateTimes(s)): TechniqueResult {
  const r = new PollingRun(s, feed);
  const { heap, endUs } = r;
  // Client starts are queued in client order, as the project does.
  for (let i = 0; i < s.clients; i++) if (r.startUs[i] < endUs) heap.push(r.startUs[i], TIMER, i * POOL * 8 + TICK);
  let events = 0;
  while (heap.size > 0) {
    const t = heap.peekTime();
    r.step(t, heap.pop());
    events++;
  }
  return r.result(events);
}

/** The same result, each client's timeline run on its own with a small queue. */
export function referencePollingPerClient(s: Scenario, feed: Float64Array = updateTimes(s)): TechniqueResult {
  const r = new PollingRun(s, feed);
  // At most one tick and one packet per pooled connection are pending.
  r.heap = new EventHeap(POOL + 2);
  const { heap, endUs } = r;
  let events = 0;
  for (let i = 0; i < s.clients; i++) {
    heap.clear();
    r.gen = 0;
    if (r.startUs[i] < endUs) heap.push(r.startUs[i], TIMER, i * POOL * 8 + TICK);
    while (heap.size > 0) {
      const t = heap.peekTime();
      r.step(t, heap.pop());
      events++;
    }
  }
  return r.result(events);
}
