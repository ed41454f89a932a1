// Every scenario key: its default, type, range, unit and a one-line meaning.
// This table is the single source for validation (./validate.ts), the command
// line, the URL and the page's sliders. SPEC §3 fixes nineteen of them; the
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
  readonly help: string;
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
  'http.pollRequestBytes': { requests: ['poll', 'long-poll'], label: 'Poll request head', what: 'a poll and a long poll GET' },
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
    return { key, kind: 'int', default: 0, min: floor, max: 65536, zeroMeansOff: true, offText: 'from the head profile', unit: 'B', label: k.label, help: `bytes of ${k.what}, exactly; 0 = the request or response head size if that is set, else the head profile's` };
  });
}

export const KEYS: readonly KeySpec[] = [
  { key: 'seed', kind: 'int', default: 1, min: 0, max: 2147483647, unit: '', label: 'Seed', help: 'integer seed of every random stream' },
  { key: 'durationMs', kind: 'int', default: 60000, min: 1, max: 3600000, unit: 'ms', label: 'Duration', help: 'virtual time simulated' },
  { key: 'clients', kind: 'int', default: 1, min: 1, max: 1000000, unit: '', label: 'Clients', help: 'number of clients' },
  { key: 'network.latencyMs', kind: 'number', default: 50, min: 0, max: 10000, unit: 'ms', label: 'Latency (one way)', help: 'one-way propagation delay client-server, per packet' },
  { key: 'network.jitterMs', kind: 'number', default: 0, min: 0, max: 10000, unit: 'ms', label: 'Jitter', help: 'extra random one-way delay, 0..jitter, TCP order kept' },
  { key: 'network.bandwidthKbps', kind: 'number', default: 10000, min: 1, max: 10000000, unit: 'kbit/s', label: 'Bandwidth', help: "each client's link rate (downlink; also uplink unless the uplink bandwidth is set)" },
  { key: 'network.uplinkKbps', kind: 'number', default: 0, min: 1, max: 10000000, zeroMeansOff: true, unit: 'kbit/s', label: 'Uplink bandwidth', help: 'client-to-server link rate; 0 = same as the bandwidth' },
  { key: 'network.initialCwndSegments', kind: 'int', default: 10, min: 0, max: 1000, unit: 'segments', label: 'Initial TCP window', help: 'initial congestion window (RFC 6928: 10); slow start doubles it each round trip; 0 = no window limit' },
  { key: 'network.radio', kind: 'enum', default: 'none', values: RADIO_CHOICES, unit: '', label: "Phone's radio", help: "the client's radio, for its energy: none (not counted), wifi, 3g or lte (Huang et al., MobiSys 2012)" },
  { key: 'network.lossRate', kind: 'number', default: 0, min: 0, max: 0.5, unit: '', label: 'Loss rate', help: 'probability a segment is lost and retransmitted' },
  { key: 'server.updateRateHz', kind: 'number', default: 0.2, min: 0, max: 1000, unit: 'Hz', label: 'Update rate', help: 'updates per second from the feed' },
  { key: 'server.updatePattern', kind: 'enum', default: 'poisson', values: ['periodic', 'poisson', 'bursty'], unit: '', label: 'Update pattern', help: 'periodic, poisson or bursty arrivals of updates' },
  { key: 'server.burstSize', kind: 'int', default: 5, min: 1, max: 1000, unit: 'updates', label: 'Burst size', help: 'updates per burst when the pattern is bursty' },
  { key: 'server.burstSpacingMs', kind: 'number', default: 10, min: 0, max: 10000, unit: 'ms', label: 'Burst spacing', help: 'time between the updates of one burst' },
  { key: 'server.payloadBytes', kind: 'int', default: 100, min: 1, max: 16777216, unit: 'B', label: 'Update size', help: "size of one update's payload" },
  { key: 'server.cores', kind: 'int', default: 0, min: 1, max: 256, zeroMeansOff: true, offText: 'unlimited', unit: 'cores', label: 'Server cores', help: "cores of the server: requests, pushed messages and connection set-ups wait for a free core (first come, first served); 0 = unlimited capacity, the work only counted" },
  { key: 'server.cpuPerRequestMs', kind: 'number', default: 0.1, min: 0, max: 1000, unit: 'ms', label: 'CPU per request', help: "one core's time to accept, parse and answer a request (about 10,000 simple requests a second per core, a Node.js http server's order; uWebSockets does about 125,000)" },
  { key: 'server.cpuPerMessageMs', kind: 'number', default: 0.01, min: 0, max: 1000, unit: 'ms', label: 'CPU per pushed message', help: 'one core\'s time to serialise and write one message to one connection (a broadcast to N connections costs N of them)' },
  { key: 'server.cpuPerConnectionMs', kind: 'number', default: 0.05, min: 0, max: 1000, unit: 'ms', label: 'CPU per connection', help: "one core's time to accept a TCP connection" },
  { key: 'server.cpuPerTlsHandshakeMs', kind: 'number', default: 1, min: 0, max: 1000, unit: 'ms', label: 'CPU per TLS handshake', help: 'one core\'s time for a full TLS handshake (key exchange and an RSA-2048 signature, about a millisecond); a resumed session costs a tenth' },
  { key: 'server.memoryPerQueuedMessageBytes', kind: 'int', default: 200, min: 0, max: 100000000, unit: 'B', label: 'Memory per queued update', help: "server memory held by one update waiting for a client (between its polls, while it reconnects): its payload as a string with the queue's bookkeeping, about 200 B for the default 100 B payload; 0 = not counted" },
  { key: 'server.memoryPerConnectionBytes', kind: 'int', default: 24000, min: 0, max: 100000000, unit: 'B', label: 'Memory per connection', help: "server memory held by one open connection (Node's ws: 620,000 idle connections in 15 GB, about 24 KB each)" },
  { key: 'server.processingMs', kind: 'number', default: 0, min: 0, max: 10000, unit: 'ms', label: 'Server handling time', help: "the server's time to handle a request (a poll, a long poll, a stream's or a WebSocket's opening) before it answers or holds it: parsing, routing, the handler; one at a time per client, each drawn from its own stream: half fixed, half exponential (mean m, floor m/2); 0 = none" },
  { key: 'client.sendRateHz', kind: 'number', default: 0, min: 0, max: 100, unit: 'Hz', label: 'Upstream rate', help: 'upstream messages per second per client (Poisson)' },
  { key: 'client.payloadBytes', kind: 'int', default: 100, min: 1, max: 16777216, unit: 'B', label: 'Upstream size', help: 'size of one upstream payload' },
  { key: 'client.processingMs', kind: 'number', default: 0, min: 0, max: 10000, unit: 'ms', label: 'Page handling time', help: "the page's time to handle a message that carries updates, from its last byte to the handler (parsing, the event loop), counted in latency; one handler at a time per client, each drawn from the client's stream: half fixed, half exponential, so a mean m has a floor m/2 and a tail. Chromium measured here: about 1 ms for an EventSource or WebSocket message, 4-5 ms for a fetch answer; 0 = none" },
  { key: 'http.headProfile', kind: 'enum', default: 'chromium-node', values: HEAD_PROFILES, unit: '', label: 'Head profile', help: "whose HTTP heads: a current Chromium to a Node server (measured), the needed fields only, or Chromium with a site's cookies behind a CDN" },
  { key: 'tls.version', kind: 'enum', default: '1.3', values: TLS_VERSIONS, unit: '', label: 'TLS', help: "none: cleartext; 1.3: one round trip of handshake after TCP's, 1.2: two; a reconnection resumes the session; every write's records add a header and tag, counted as wire" },
  { key: 'http.version', kind: 'enum', default: '1.1', values: HTTP_VERSIONS, unit: '', label: 'HTTP version', help: "1.1: a connection per exchange in flight, at most 6 per host; 2: every exchange a stream of one connection, heads compressed with HPACK (the second poll's head costs a few bytes), 9-byte frame headers, no chunked coding; over TLS as browsers speak it, or cleartext with prior knowledge (h2c, which browsers do not use) when TLS is none" },
  { key: 'http2.maxConcurrentStreams', kind: 'int', default: 100, min: 1, max: 1000000, unit: 'streams', label: 'HTTP/2 stream limit', help: "the server's SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 recommends at least 100; nginx 128, Apache 100): exchanges past it wait for a stream to end" },
  { key: 'http.requestHeaderBytes', kind: 'int', default: 0, min: MIN_REQUEST_HEADER_BYTES, max: 65536, zeroMeansOff: true, offText: 'each head from the head profile', unit: 'B', label: 'Request head', help: "bytes of every HTTP request's start line + header fields + blank line, exactly; 0 = each kind's from the head profile" },
  { key: 'http.responseHeaderBytes', kind: 'int', default: 0, min: MIN_RESPONSE_HEADER_BYTES, max: 65536, zeroMeansOff: true, offText: 'each head from the head profile', unit: 'B', label: 'Response head', help: "bytes of every HTTP response's status line + header fields + blank line, exactly; 0 = each kind's from the head profile" },
  ...headKeys(),
  { key: 'polling.intervalMs', kind: 'number', default: 1000, min: 10, max: 3600000, unit: 'ms', label: 'Poll interval', help: 'short-polling period (setInterval semantics)' },
  { key: 'polling.firstRequest', kind: 'enum', default: 'immediate', values: ['immediate', 'afterInterval'], unit: '', label: 'First poll', help: 'immediate: a GET at start, then every interval (fetch, then setInterval); afterInterval: the first one interval after start (setInterval alone)' },
  { key: 'longPolling.timeoutMs', kind: 'number', default: 30000, min: 10, max: 3600000, unit: 'ms', label: 'Long-poll timeout', help: 'server hold time before an empty response' },
  { key: 'longPolling.reconnectDelayMs', kind: 'number', default: 0, min: 0, max: 3600000, unit: 'ms', label: 'Long-poll pause', help: 'client pause before the next request' },
  { key: 'sse.retryMs', kind: 'int', default: 3000, min: 0, max: 3600000, unit: 'ms', label: 'SSE retry', help: 'EventSource reconnection time (Chromium 3000, Firefox 5000)' },
  { key: 'sse.eventsPerStream', kind: 'int', default: 0, min: 1, max: 1000000000, zeroMeansOff: true, offText: 'never', unit: 'events', label: 'SSE events per stream', help: 'the server ends the event stream cleanly after this many events; the browser reconnects after retry on the same keep-alive connection, with Last-Event-ID; 0 = never' },
  { key: 'sse.streamLifetimeMs', kind: 'number', default: 0, min: 100, max: 86400000, zeroMeansOff: true, offText: 'never', unit: 'ms', label: 'SSE stream lifetime', help: 'the server ends the event stream cleanly this long after opening it (the browser reconnects as above); 0 = never' },
  { key: 'sse.heartbeatMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'SSE heartbeat', help: 'the server sends an SSE comment line this often on an open stream, to keep intermediaries from cutting it (the HTML spec suggests about 15 s); 0 = off' },
  { key: 'websocket.pingIntervalMs', kind: 'number', default: 0, min: 10, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Ping interval', help: 'server ping period; 0 = no pings' },
  { key: 'websocket.overHttp2', kind: 'enum', default: 'ownConnection', values: ['ownConnection', 'extendedConnect'], unit: '', label: 'WebSocket on HTTP/2', help: "with HTTP version 2: ownConnection, the upgrade on a connection of its own over HTTP/1.1 (what Chromium does when the server does not offer RFC 8441, as nginx does not); extendedConnect, a stream of the HTTP/2 connection opened by CONNECT with :protocol websocket (RFC 8441), frames in DATA frames" },
  { key: 'websocket.reconnectJitter', kind: 'number', default: 0, min: 0, max: 1, unit: '', label: 'WebSocket reconnect jitter', help: "fraction of the reconnect pause drawn at random: the page waits d(1 - j) + d j U, U uniform in [0, 1) (0 = every client at the same time, 1 = full jitter)" },
  { key: 'websocket.reconnectDelayMs', kind: 'number', default: 1000, min: 0, max: 3600000, unit: 'ms', label: 'WebSocket reconnect', help: "application's pause before reconnecting a dropped WebSocket (the backoff's base: Socket.IO's reconnectionDelay, 1 s)" },
  { key: 'websocket.reconnectGrowth', kind: 'number', default: 2, min: 1, max: 10, unit: '', label: 'WebSocket backoff growth', help: "each attempt in a row that fails multiplies the pause by this (Socket.IO doubles it; 1 = the same pause every time); an attempt that opens starts again from the base" },
  { key: 'websocket.reconnectMaxDelayMs', kind: 'number', default: 5000, min: 0, max: 3600000, unit: 'ms', label: 'WebSocket backoff cap', help: "the pause never grows past this (Socket.IO's reconnectionDelayMax, 5 s; a cap below the base leaves the base); jitter then takes its fraction of the capped pause" },
  { key: 'websocket.fallbackMs', kind: 'number', default: 10000, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'WebSocket fallback', help: "the page's library gives up on a WebSocket whose handshake has no answer after this long, closes it and falls back to long polling for the rest of the run (Socket.IO's upgradeTimeout is 10 s); 0 = wait for ever" },
  { key: 'streaming.reconnectDelayMs', kind: 'number', default: 1000, min: 0, max: 3600000, unit: 'ms', label: 'Stream reconnect', help: "application's pause before reopening a dropped stream" },
  { key: 'streaming.mediaBytes', kind: 'int', default: 2000000, min: 0, max: 1073741824, unit: 'B', label: 'Media size', help: 'size of the large object (e.g. a video) of the media case; 0 = off' },
  { key: 'streaming.mediaBitrateKbps', kind: 'number', default: 1000, min: 1, max: 1000000, unit: 'kbit/s', label: 'Media bitrate', help: 'playback rate of the media object' },
  { key: 'streaming.chunkBytes', kind: 'int', default: 16384, min: 1, max: 16777216, unit: 'B', label: 'Media chunk', help: 'bytes per chunk of the media response' },
  { key: 'proxy.idleTimeoutMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Proxy idle timeout', help: 'an intermediary (proxy, load balancer) on the path cuts a connection when no byte has passed either way for this long (nginx 60 s, AWS ALB 60 s, Heroku 55 s, Cloudflare 100 s, Azure 4 min); 0 = no intermediary' },
  { key: 'proxy.buffering', kind: 'int', default: 0, min: 1, max: 16777216, zeroMeansOff: true, unit: 'B', label: 'Proxy buffering', help: "an intermediary that buffers responses (nginx by default) passes an SSE or streamed head, then holds the body until this many bytes wait; whole responses and WebSocket pass; 0 = off" },
  { key: 'proxy.lifetimeMs', kind: 'number', default: 0, min: 100, max: 86400000, zeroMeansOff: true, unit: 'ms', label: 'Proxy connection lifetime', help: 'the intermediary cuts every connection this long after it opened, busy or not (a GCP backend service timeout, 30 s by default); 0 = no limit' },
  { key: 'proxy.firstByteTimeoutMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Proxy first-byte timeout', help: "the intermediary cuts a connection whose request (a GET, a POST, an Upgrade) has waited this long for the first byte of its answer: Heroku's router gives up after 30 s (error H12), so a long poll held 30 s behind it fails every time; 0 = none" },
  { key: 'proxy.websocket', kind: 'enum', default: 'passes', values: ['passes', 'refuses'], unit: '', label: 'Proxy and WebSocket', help: "passes: the intermediary forwards the Upgrade and then the frames; refuses: it does not pass the Upgrade (an old forward proxy, a filtering gateway), so the handshake gets no answer and the page falls back after the WebSocket fallback time" },
  { key: 'faults.serverRestartAtMs', kind: 'number', default: 0, min: 1, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Server restart at', help: 'the server restarts at this time: every connection of every client drops at once, and each technique reconnects by its own rule; 0 = never' },
  { key: 'faults.serverRestartIntervalMs', kind: 'number', default: 0, min: 1000, max: 3600000, zeroMeansOff: true, offText: 'once', unit: 'ms', label: 'Server restarts every', help: 'after the first restart, the server restarts again this often (a crash loop, rolling deploys); 0 = once' },
  { key: 'churn.arrivalsPerSecond', kind: 'number', default: 0, min: 0, max: 100000, unit: 'Hz', label: 'Arrivals', help: "new clients a second (Poisson), beyond those there at the start; each opens the page and starts at once; 0 = none" },
  { key: 'churn.meanSessionMs', kind: 'number', default: 0, min: 1000, max: 86400000, zeroMeansOff: true, offText: 'whole run', unit: 'ms', label: 'Mean stay', help: "how long a client stays (exponential), then closes its tab: its connections close and what it was still owed is left pending; with arrivals λ the crowd tends to λ × stay (Little's law); 0 = to the end" },
  { key: 'faults.serverDownMs', kind: 'number', default: 0, min: 0, max: 3600000, unit: 'ms', label: 'Server down for', help: "after each restart the server is down this long: it refuses every connection (the client's SYN gets a reset), so clients retry by their own rule until it is back (a process restart takes seconds, a redeploy tens); 0 = back at once" },
  { key: 'faults.disconnectIntervalMs', kind: 'number', default: 0, min: 100, max: 3600000, zeroMeansOff: true, unit: 'ms', label: 'Mean time between drops', help: "mean time between drops of a client's push connection (exponential); 0 = never" },
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
