// Every scenario key: its default, type, range, unit and label. This table
// is the single source for validation (./validate.ts), the command line, the
// URL and the page's sliders; each key's one-line meaning is in ./key-help.ts
// (prose the page loads after its first paint). SPEC §3 fixes nineteen of them; the
// rest extend it in the same style (dotted, unit in the name, realistic default).

import { TLS_VERSIONS } from '../wire/tls';
import { HTTP_VERSIONS, RADIO_CHOICES } from './types';
import { HEAD_PROFILES, MIN_REQUEST_HEADER_BYTES, MIN_RESPONSE_HEADER_BYTES, requestFloor, responseFloor, type RequestKind, type ResponseKind } from '../wire/http';

export type KeyKind = 'int' | 'number' | 'enum';

export interface KeySpec {
  readonly key: string;
  readonly kind: KeyKind;
  readonly default: number | string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  /** Unit shown beside the value ('' when dimensionless). */
  readonly unit: string;
  readonly label: string;
  /** 0 is allowed as "off" even when below `min` (e.g. websocket.pingIntervalMs). */
  readonly zeroMeansOff?: boolean;
  /** What 0 means when it is not "off" (e.g. "from the head profile"). */
  readonly offText?: string;
}

export { MIN_REQUEST_HEADER_BYTES, MIN_RESPONSE_HEADER_BYTES };

/**
 * The per-kind head sizes: which request or response kinds each key sets
 * (src/sim/run/heads.ts reads this). 0 = not set; else at least the needed
 * fields of every kind it sets.
 */
export const HEAD_SIZE_KEYS = {
  'http.pollRequestBytes': { requests: ['poll'], label: 'Poll request head', what: 'a poll GET' },
  'http.longPollRequestBytes': { requests: ['long-poll'], label: 'Long poll request head', what: 'a long poll GET' },
  'http.sseRequestBytes': { requests: ['sse', 'sse-reconnect'], label: 'EventSource request head', what: 'an EventSource GET (with Last-Event-ID on a reconnect)' },
  'http.upgradeRequestBytes': { requests: ['ws-handshake'], label: 'Upgrade request head', what: 'a WebSocket opening handshake request' },
  'http.streamRequestBytes': { requests: ['stream', 'media'], label: 'Stream request head', what: 'a streaming GET (and the media request)' },
  'http.postRequestBytes': { requests: ['post'], label: 'POST head', what: 'an upstream POST' },
  'http.pollResponseBytes': { responses: ['json'], label: 'Poll answer head', what: 'the JSON answer to a poll or long poll' },
  'http.sseResponseBytes': { responses: ['event-stream'], label: 'SSE response head', what: 'the text/event-stream response' },
  'http.upgradeResponseBytes': { responses: ['ws-accept'], label: '101 head', what: 'the 101 Switching Protocols answer' },
  'http.streamResponseBytes': { responses: ['chunked'], label: 'Stream response head', what: 'the chunked streaming (and media) response' },
  'http.postResponseBytes': { responses: ['no-content'], label: '204 head', what: 'the 204 answer to a POST' },
} as const satisfies Record<string, { requests?: readonly RequestKind[]; responses?: readonly ResponseKind[]; label: string; what: string }>;

function headKeys(): KeySpec[] {
  return Object.entries(HEAD_SIZE_KEYS).map(([key, k]) => {
    const floor = Math.max(...('requests' in k ? k.requests.map(requestFloor) : k.responses.map(responseFloor)));
    return { key, kind: 'int', default: 0, min: floor, max: 65536, zeroMeansOff: true, offText: 'from the head profile', unit: 'B', label: k.label };
  });
}

export const KEYS: readonly KeySpec[] = [
  { key: 'seed', kind: 'int', default: 1, min: 0, max: 2147483647, unit: '', label: 'Seed' },
  { key: 'durationMs', kind: 'int', default: 60000, min: 1, max: 3600000, unit: 'ms', label: 'Duration' },
  { key: 'clients', kind: 'int', default: 1, min: 1, max: 1000000, unit: '', label: 'Clients' },
  { key: 'network.latencyMs', kind: 'number', default: 50, min: 0, max: 10000, unit: 'ms', label: 'Latency (one way)' },
  { key: 'network.jitterMs', kind: 'number', default: 0, min: 0, max: 10000, unit: 'ms', label: 'Jitter' },
  { key: 'network.bandwidthKbps', kind: 'number', default: 10000, min: 1, max: 10000000, unit: 'kbit/s', label: 'Bandwidth' },
  { key: 'network.uplinkKbps', kind: 'number', default: 0, min: 1, max: 10000000, zeroMeansOff: true, unit: 'kbit/s', label: 'Uplink bandwidth' },
  { key: 'network.initialCwndSegments', kind: 'int', default: 10, min: 0, max: 1000, unit: 'segments', label: 'Initial TCP window' },
  { key: 'network.radio', kind: 'enum', default: 'none', values: RADIO_CHOICES, unit: '', label: "Phone's radio" },
  { key: 'network.lossRate', kind: 'number', default: 0, min: 0, max: 0.5, unit: '', label: 'Loss rate' },
  { key: 'server.updateRateHz', kind: 'number', default: 0.2, min: 0, max: 1000, unit: 'Hz', label: 'Update rate' },
  { key: 'server.updatePattern', kind: 'enum', default: 'poisson', values: ['periodic', 'poisson', 'bursty'], unit: '', label: 'Update pattern' },
  { key: 'server.burstSize', kind: 'int', default: 5, min: 1, max: 1000, unit: 'updates', label: 'Burst size' },
  { key: 'server.burstSpacingMs', kind: 'number', default: 10, min: 0, max: 10000, unit: 'ms', label: 'Burst spacing' },
  { key: 'server.payloadBytes', kind: 'int', default: 100, min: 1, max: 16777216, unit: 'B', label: 'Update size' },
  { key: 'server.cores', kind: 'int', default: 0, min: 1, max: 256, zeroMeansOff: true, offText: 'unlimited', unit: 'cores', label: 'Server cores' },
  { key: 'server.cpuPerRequestMs', kind: 'number', default: 0.1, min: 0, max: 1000, unit: 'ms', label: 'CPU per request' },
  { key: 'server.cpuPerMessageMs', kind: 'number', default: 0.01, min: 0, max: 1000, unit: 'ms', label: 'CPU per pushed message' },
  { key: 'server.cpuPerConnectionMs', kind: 'number', default: 0.05, min: 0, max: 1000, unit: 'ms', label: 'CPU per connection' },
  { key: 'server.cpuPerTlsHandshakeMs', kind: 'number', default: 1, min: 0, max: 1000, unit: 'ms', label: 'CPU per TLS handshake' },
  { key: 'server.memoryPerQueuedMessageBytes', kind: 'int', default: 200, min: 0, max: 100000000, unit: 'B', label: 'Memory per queued update' },
  { key: 'server.memoryPerConnectionBytes', kind: 'int', default: 24000, min: 0, max: 100000000, unit: 'B', label: 'Memory per connection' },
  { key: 'server.processingMs', kind: 'number', default: 0, min: 0, max: 10000, unit: 'ms', label: 'Server handling time' },
  { key: 'client.sendRateHz', kind: 'number', default: 0, min: 0, max: 100, unit: 'Hz', label: 'Upstream rate' },
  { key: 'client.payloadBytes', kind: 'int', default: 100, min: 1, max: 16777216, unit: 'B', label: 'Upstream size' },
  { key: 'client.processingMs', kind: 'number', default: 1, min: 0, max: 10000, unit: 'ms', label: 'Page handling time' },
  { key: 'http.headProfile', kind: 'enum', default: 'chromium-node', values: HEAD_PROFILES, unit: '', label: 'Head profile' },
  { key: 'tls.version', kind: 'enum', default: '1.3', values: TLS_VERSIONS, unit: '', label: 'TLS' },
  { key: 'http.version', kind: 'enum', default: '1.1', values: HTTP_VERSIONS, unit: '', label: 'HTTP version' },
  { key: 'http2.maxConcurrentStreams', kind: 'int', default: 100, min: 1, max: 1000000, unit: 'streams', label: 'HTTP/2 stream limit' },
  { key: 'http.requestHeaderBytes', kind: 'int', default: 0, min: MIN_REQUEST_HEADER_BYTES, max: 65536, zeroMeansOff: true, offText: 'each head from the head profile', unit: 'B', label: 'Request head' },
  { key: 'http.responseHeaderBytes', kind: 'int', default: 0, min: MIN_RESPONSE_HEADER_BYTES, max: 65536, zeroMeansOff: true, offText: 'each head from the head profile', unit: 'B', label: 'Response head' },
  ...headKeys(),
  { key: 'polling.intervalMs', kind: 'number', default: 1000, min: 10, max: 3600000, unit: 'ms', label: 'Poll interval' },
  { key: 'polling.firstRequest', kind: 'enum', default: 'immediate', values: ['immediate', 'afterInterval'], unit: '', label: 'First poll' },
  { key: 'longPolling.timeoutMs', kind: 'number', default: 30000, min: 10, max: 3600000, unit: 'ms', label: 'Long-poll timeout' },
  { key: 'longPolling.reconnectDelayMs', kind: 'number', default: 0, min: 0, max: 3600000, unit: 'ms', label: 'Long-poll pause' },
  { key: 'sse.retryMs', kind: 'int', default: 3000, min: 0, max: 3600000, unit: 'ms', label: 'SSE retry' },
  { key: 'sse.eventsPerStream', kind: 'int', default: 0, min: 1, max: 1000000000, zeroMeansOff: true, offText: 'never', unit: 'events', label: 'SSE events per stream' },
  { key: 'sse.streamLifetimeMs', kind: 'number', default: 0, min: 100, max: 86400000, zeroMeansOff: true, offText: 'never', unit: 'ms', label: 'SSE stream lifetime' },
  { key: 'sse.heartbeatMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'SSE heartbeat' },
  { key: 'websocket.pingIntervalMs', kind: 'number', default: 0, min: 10, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Ping interval' },
  { key: 'websocket.overHttp2', kind: 'enum', default: 'ownConnection', values: ['ownConnection', 'extendedConnect'], unit: '', label: 'WebSocket on HTTP/2' },
  { key: 'websocket.reconnectJitter', kind: 'number', default: 0, min: 0, max: 1, unit: '', label: 'WebSocket reconnect jitter' },
  { key: 'websocket.reconnectDelayMs', kind: 'number', default: 1000, min: 0, max: 3600000, unit: 'ms', label: 'WebSocket reconnect' },
  { key: 'websocket.reconnectGrowth', kind: 'number', default: 2, min: 1, max: 10, unit: '', label: 'WebSocket backoff growth' },
  { key: 'websocket.reconnectMaxDelayMs', kind: 'number', default: 5000, min: 0, max: 3600000, unit: 'ms', label: 'WebSocket backoff cap' },
  { key: 'websocket.fallbackMs', kind: 'number', default: 10000, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'WebSocket fallback' },
  { key: 'streaming.reconnectDelayMs', kind: 'number', default: 1000, min: 0, max: 3600000, unit: 'ms', label: 'Stream reconnect' },
  { key: 'streaming.mediaBytes', kind: 'int', default: 2000000, min: 0, max: 1073741824, unit: 'B', label: 'Media size' },
  { key: 'streaming.mediaBitrateKbps', kind: 'number', default: 1000, min: 1, max: 1000000, unit: 'kbit/s', label: 'Media bitrate' },
  { key: 'streaming.chunkBytes', kind: 'int', default: 16384, min: 1, max: 16777216, unit: 'B', label: 'Media chunk' },
  { key: 'proxy.idleTimeoutMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Proxy idle timeout' },
  { key: 'proxy.buffering', kind: 'int', default: 0, min: 1, max: 16777216, zeroMeansOff: true, unit: 'B', label: 'Proxy buffering' },
  { key: 'proxy.lifetimeMs', kind: 'number', default: 0, min: 100, max: 86400000, zeroMeansOff: true, unit: 'ms', label: 'Proxy connection lifetime' },
  { key: 'proxy.firstByteTimeoutMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Proxy first-byte timeout' },
  { key: 'proxy.websocket', kind: 'enum', default: 'passes', values: ['passes', 'refuses'], unit: '', label: 'Proxy and WebSocket' },
  { key: 'faults.serverRestartAtMs', kind: 'number', default: 0, min: 1, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Server restart at' },
  { key: 'faults.serverRestartIntervalMs', kind: 'number', default: 0, min: 1000, max: 3600000, zeroMeansOff: true, offText: 'once', unit: 'ms', label: 'Server restarts every' },
  { key: 'churn.arrivalsPerSecond', kind: 'number', default: 0, min: 0, max: 10000, unit: 'Hz', label: 'Arrivals' },
  { key: 'churn.meanSessionMs', kind: 'number', default: 0, min: 1000, max: 86400000, zeroMeansOff: true, offText: 'whole run', unit: 'ms', label: 'Mean stay' },
  { key: 'faults.serverDownMs', kind: 'number', default: 0, min: 0, max: 3600000, unit: 'ms', label: 'Server down for' },
  { key: 'faults.disconnectIntervalMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Mean time between drops' },
];

export const KEY_INDEX: ReadonlyMap<string, KeySpec> = new Map(KEYS.map((k) => [k.key, k]));

/** A human sentence of what a key allows, used in every error message. */
export function allowedText(spec: KeySpec): string {
  if (spec.kind === 'enum') return `one of ${spec.values!.map((v) => `'${v}'`).join(', ')}`;
  const what = spec.kind === 'int' ? 'an integer' : 'a number';
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const off = spec.zeroMeansOff ? ` (or 0 = ${spec.offText ?? 'off'})` : '';
  return `${what} from ${spec.min} to ${spec.max}${unit}${off}`;
}
