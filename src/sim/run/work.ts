// How much work a run is, before running it: an estimate in "work units",
// about one kernel event or one segment of TCP bookkeeping each, so that the
// command line can refuse a run over its limit up front (SPEC §7:
// `--max-work N`) and the page can scale a link down or refuse a slider
// setting, before anything is simulated. One estimate for both, here.
//
// The estimate follows the model's own structure: every message costs a
// few kernel events (sent, arrived, the machine steps it causes) plus a
// tenth of a unit per TCP segment it is cut into (src/sim/net/tcp.ts walks segments one
// by one); every poll, timeout, ping, upstream message and fault adds its
// events; the media case walks its chunks and segments. It is meant to be
// an upper bound of the events a run processes (tests/sim/work.test.ts
// checks that against `events` over random scenarios) and proportional to
// its time and memory (bench/run.ts prints ms per unit).

import { MSS } from '../net/tcp';
import { handshake } from '../wire/tls';
import { Heads } from './heads';
import { TECHNIQUE_DEFS } from '../techniques';
import type { Technique } from '../techniques/driver';
import { POST_RETRY_MS } from '../techniques/upstream-post';
import type { Scenario } from '../scenario/types';
import { TECHNIQUES, type TechniqueId } from '../types';

/**
 * Command-line default: at most about a minute on one core of a 2-core
 * laptop. Measured (npm run bench, "Work estimate", bundled as npm run sim
 * runs): 0.06-0.75 µs per unit, the slowest 64 kB updates over a lossy
 * link; most runs 0.2-0.4, and a run of many clients is shared over the
 * --workers threads. Memory does not grow with it: clients are simulated one
 * after another and each keeps a few counters (src/sim/run/world.ts).
 */
export const DEFAULT_MAX_WORK = 80_000_000;

/**
 * A run whose clients share the server (server.cores > 0) costs this many
 * times the work of independent clients: one heap of every client's events
 * and every client's state alive at once. Measured by npm run bench on this
 * 2-core machine: 10,000 polling clients x 60 s on 4 cores take 6-7x the
 * time of the same clients with unlimited cores (docs/model.md, "Where that
 * time goes", has the figures and what was done about them).
 */
export const SHARED_SERVER_FACTOR = 8;

/** Per client: connection set-up, the first request and response, start and end. */
const BASE_PER_CLIENT = 12;
/** A reconnection after a cut: notice, retry timer, SYN, SYN-ACK, request, response head, machine steps. */
const PER_RECONNECT = 10;

/**
 * Work of the TCP bookkeeping for `bytes` of data: a tenth of a unit per
 * segment past the first (the first is in the message's own events). A
 * segment is one turn of a loop, measured about ten times cheaper than a
 * kernel event (npm run bench, "Work estimate").
 */
const SEGMENT_UNITS = 0.1;
function segments(bytes: number): number {
  return SEGMENT_UNITS * Math.max(0, Math.ceil(bytes / MSS) - 1);
}

export interface WorkEstimate {
  /** Total work units of the run. */
  total: number;
  /** Per technique. */
  byTechnique: Partial<Record<TechniqueId, number>>;
  /** The streaming media case (chunks and segments), included in streaming's figure. */
  media: number;
}

/** Work of the streaming media case: two units per chunk, and its segments (src/sim/media.ts). */
export function mediaWork(s: Scenario): number {
  const total = s.streaming.mediaBytes;
  if (total <= 0) return 0;
  const chunk = Math.min(s.streaming.chunkBytes, total);
  const chunks = Math.ceil(total / chunk);
  return 2 * chunks + SEGMENT_UNITS * Math.ceil(total / MSS) + 10;
}

/** Work of one technique's run over the scenario. */
export function techniqueWork(s: Scenario, id: TechniqueId): number {
  const seconds = s.durationMs / 1000;
  // Poisson and bursty feeds vary around their mean: leave room above it.
  const meanUpdates = s.server.updateRateHz * seconds;
  const clump = s.server.updatePattern === 'bursty' ? s.server.burstSize : 1;
  const updates = meanUpdates + 4 * Math.sqrt(meanUpdates * clump) + clump;
  const updateSegs = segments(s.server.payloadBytes + 64);
  const meanUp = s.client.sendRateHz * seconds;
  const upstream = meanUp > 0 ? meanUp + 4 * Math.sqrt(meanUp) + 1 : 0;
  const heads = new Heads(s.http);
  const upSegs = segments(s.client.payloadBytes + heads.request('post', s.client.payloadBytes));
  // Cuts by faults, and by an intermediary (at most one per idle timeout or lifetime, plus the first).
  const perCut = (ms: number) => (ms > 0 ? s.durationMs / ms + 2 : 0);
  const cuts = (s.faults.disconnectIntervalMs > 0 ? (s.durationMs / s.faults.disconnectIntervalMs) * 1.5 + 2 : 0) + perCut(s.proxy.idleTimeoutMs) + perCut(s.proxy.lifetimeMs) + perCut(s.proxy.firstByteTimeoutMs);
  // Streams the server ends (after N updates, or a lifetime) are reopened like cut ones.
  const technique = TECHNIQUE_DEFS[id];
  // The technique whose work the run does (a refused WebSocket runs long polling).
  const model = technique.workAs?.(s) ?? technique;
  const ending = technique.stream?.ending;
  const perStream = ending ? ending.updates(s) : 0;
  const ends = ending ? (perStream > 0 ? updates / perStream + 1 : 0) + perCut(ending.lifetimeMs(s)) : 0;
  const requestSegs = segments(heads.request('poll')) + segments(heads.response('json', s.server.payloadBytes));

  // TLS: each connection's handshake flights (1.3: two, 1.2: four), the server's in a few segments.
  const tls = s.tls.version === 'none' ? 0 : (s.tls.version === '1.2' ? 4 : 2) + segments(handshake(s.tls.version, false).flights[1]);
  // Restarts cut every connection too; while the server is down each technique tries again by its own rule (attemptsWhileDown).
  const restarts = serverRestarts(s);
  const refused = restarts * attemptsWhileDown(s, model);
  let perClient = BASE_PER_CLIENT + tls + (cuts + ends + restarts) * (PER_RECONNECT + tls) + refused * PER_RECONNECT;
  // Per request: the intermediary's first-byte check, the server's handling step.
  const perRequest = (s.proxy.firstByteTimeoutMs > 0 ? 1 : 0) + (s.server.processingMs > 0 ? 1 : 0);
  // The server's handling step for each update it writes to a client and each upstream message (server.processingMs).
  const handled = s.server.processingMs > 0 ? 1 : 0;
  // The technique's own share: its file under src/sim/techniques/ says it.
  perClient += model.work({ s, updates, updateSegs, requestSegs, perRequest, handled, cuts, ends, pingIntervalMs: model.pingIntervalMs(s) });
  // Upstream: generation, send, arrival, answer (a POST and its 204, or a frame), maybe a new connection.
  perClient += upstream * (model.upstreamFrames ? 3 + handled + upSegs : 8 + perRequest + upSegs + requestSegs);
  // A POST refused while the server is down is sent again after the page's pause.
  if (upstream > 0 && !model.upstreamFrames && s.faults.serverDownMs > 0) perClient += restarts * (s.faults.serverDownMs / (POST_RETRY_MS + refusalRoundTripMs(s)) + 2) * PER_RECONNECT;
  // Churn (./population.ts): every arrival is a client of its own (at most the whole run each), and leaving closes its connections.
  const meanArrivals = s.churn.arrivalsPerSecond * seconds;
  const arrivals = meanArrivals > 0 ? meanArrivals + 4 * Math.sqrt(meanArrivals) + 1 : 0;
  if (s.churn.meanSessionMs > 0) perClient += PER_RECONNECT;
  // The feed's own event per update, per client that listens for updates (a held long poll, an open stream).
  let work = (s.clients + arrivals) * (perClient + (technique.neverListens ? 0 : updates));
  if (technique.mediaCase) work += mediaWork(s);
  // Clients sharing the server's cores run together on one kernel, every client's state alive at once (./simulate.ts).
  return s.server.cores > 0 ? work * SHARED_SERVER_FACTOR : work;
}

/** How many times the server restarts within the run (faults.serverRestartAtMs, serverRestartIntervalMs). */
function serverRestarts(s: Scenario): number {
  const { serverRestartAtMs: at, serverRestartIntervalMs: every } = s.faults;
  if (at <= 0 || at >= s.durationMs) return 0;
  return 1 + (every > 0 ? Math.floor((s.durationMs - at) / every) : 0);
}

/**
 * The shortest time in which a refused connection attempt comes back: the
 * SYN there and the reset back, each at least its transmission time (40 B
 * of headers on the link), and at least a microsecond (the kernel's tick).
 */
function refusalRoundTripMs(s: Scenario): number {
  const up = s.network.uplinkKbps > 0 ? s.network.uplinkKbps : s.network.bandwidthKbps;
  const bits = 40 * 8;
  return Math.max(0.001, 2 * s.network.latencyMs + bits / up + bits / s.network.bandwidthKbps);
}

/**
 * Connection attempts one client makes while the server is down after a
 * restart (faults.serverDownMs), each refused: one per the technique's own
 * pause plus the refusal's round trip (the backoff only lengthens a
 * WebSocket's pauses; a long poll with no pause tries once per round trip).
 */
function attemptsWhileDown(s: Scenario, model: Technique): number {
  const down = s.faults.serverDownMs;
  if (down <= 0) return 0;
  return down / (model.retryPauseMs(s) + refusalRoundTripMs(s)) + 2;
}

/** Work of a run of `techniques` over the scenario. */
export function estimateWork(s: Scenario, techniques: readonly TechniqueId[] = TECHNIQUES): WorkEstimate {
  const byTechnique: Partial<Record<TechniqueId, number>> = {};
  let total = 0;
  for (const id of techniques) {
    const w = Math.ceil(techniqueWork(s, id));
    byTechnique[id] = w;
    total += w;
  }
  return { total, byTechnique, media: techniques.includes('streaming') ? mediaWork(s) : 0 };
}
