// What each scenario key means, in one line: for people (the page's
// tooltips and screen-reader hints, the command line's --help). Apart from
// the key table (./keys.ts) so that the page's first visit need not carry
// the prose: the page loads this after its first paint
// (src/app/controls/key-help.svelte.ts). tests/scenario/keys-check.test.ts
// checks that every key has its line and no line names an unknown key.

import { HEAD_SIZE_KEYS } from './keys';

const HEAD_HELP = Object.fromEntries(
  Object.entries(HEAD_SIZE_KEYS).map(([key, k]) => [key, `bytes of ${k.what}, exactly; 0 = the request or response head size if that is set, else the head profile's`]),
);

export const KEY_HELP: Readonly<Record<string, string>> = {
  'seed': 'integer seed of every random stream',
  'durationMs': 'virtual time simulated',
  'clients': 'number of clients',
  'network.latencyMs': 'one-way propagation delay client-server, per packet',
  'network.jitterMs': 'extra random one-way delay, 0..jitter, TCP order kept',
  'network.bandwidthKbps': "each client's link rate (downlink; also uplink unless the uplink bandwidth is set)",
  'network.uplinkKbps': 'client-to-server link rate; 0 = same as the bandwidth',
  'network.initialCwndSegments': 'initial congestion window (RFC 6928: 10); slow start doubles it each round trip; 0 = no window limit',
  'network.radio': "the client's radio, for its energy: none (not counted), wifi, 3g or lte (Huang et al., MobiSys 2012)",
  'network.lossRate': 'probability a segment is lost and retransmitted',
  'server.updateRateHz': 'updates per second from the feed',
  'server.updatePattern': 'periodic, poisson or bursty arrivals of updates',
  'server.burstSize': 'updates per burst when the pattern is bursty',
  'server.burstSpacingMs': 'time between the updates of one burst',
  'server.payloadBytes': "size of one update's payload",
  'server.cores': "cores of the server: requests, pushed messages and connection set-ups wait for a free core (first come, first served); 0 = unlimited capacity, the work only counted",
  'server.cpuPerRequestMs': "one core's time to accept, parse and answer a request (about 10,000 simple requests a second per core, a Node.js http server's order; uWebSockets does about 125,000)",
  'server.cpuPerMessageMs': 'one core\'s time to serialise and write one message to one connection (a broadcast to N connections costs N of them)',
  'server.cpuPerConnectionMs': "one core's time to accept a TCP connection",
  'server.cpuPerTlsHandshakeMs': 'one core\'s time for a full TLS handshake (key exchange and an RSA-2048 signature, about a millisecond); a resumed session costs a tenth',
  'server.memoryPerQueuedMessageBytes': "server memory held by one update waiting for a client (between its polls, while it reconnects): its payload as a string with the queue's bookkeeping, about 200 B for the default 100 B payload; 0 = not counted",
  'server.memoryPerConnectionBytes': "server memory held by one open connection (Node's ws: 620,000 idle connections in 15 GB, about 24 KB each)",
  'server.processingMs': "the server's time to handle a request (a poll, a long poll, a stream's or a WebSocket's opening) before it answers or holds it, and to make each update's message for a client (a held long poll's answer, an event, a frame, a chunk) and take each upstream message (a POST, a WebSocket frame): parsing, routing, the handler; one at a time per client, each drawn from its own stream: half fixed, half exponential (mean m, floor m/2); 0 = none",
  'client.sendRateHz': 'upstream messages per second per client (Poisson)',
  'client.payloadBytes': 'size of one upstream payload',
  'client.processingMs': "the page's time to handle a message that carries updates, from its last byte to the handler (parsing, the event loop), counted in latency; one handler at a time per client, each drawn from the client's stream: half fixed, half exponential, so a mean m has a floor m/2 and a tail. Chromium measured here: about 1 ms for an EventSource or WebSocket message (the default), 4-5 ms for a fetch answer; 0 = none",
  'http.headProfile': "whose HTTP heads: a current Chromium to a Node server (measured), the needed fields only, or Chromium with a site's cookies behind a CDN",
  'tls.version': "none: cleartext; 1.3: one round trip of handshake after TCP's, 1.2: two; a reconnection resumes the session; every write's records add a header and tag, counted as wire",
  'http.version': "1.1: a connection per exchange in flight, at most 6 per host; 2: every exchange a stream of one connection, heads compressed with HPACK (the second poll's head costs a few bytes), 9-byte frame headers, no chunked coding; over TLS as browsers speak it, or cleartext with prior knowledge (h2c, which browsers do not use) when TLS is none",
  'http2.maxConcurrentStreams': "the server's SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 recommends at least 100; nginx 128, Apache 100): exchanges past it wait for a stream to end",
  'http.requestHeaderBytes': "bytes of every HTTP request's start line + header fields + blank line, exactly; 0 = each kind's from the head profile",
  'http.responseHeaderBytes': "bytes of every HTTP response's status line + header fields + blank line, exactly; 0 = each kind's from the head profile",
  'polling.intervalMs': 'short-polling period (setInterval semantics)',
  'polling.firstRequest': 'immediate: a GET at start, then every interval (fetch, then setInterval); afterInterval: the first one interval after start (setInterval alone)',
  'longPolling.timeoutMs': 'server hold time before an empty response',
  'longPolling.reconnectDelayMs': 'client pause before the next request',
  'sse.retryMs': 'EventSource reconnection time (Chromium 3000, Firefox 5000)',
  'sse.eventsPerStream': 'the server ends the event stream cleanly after this many events; the browser reconnects after retry on the same keep-alive connection, with Last-Event-ID; 0 = never',
  'sse.streamLifetimeMs': 'the server ends the event stream cleanly this long after opening it (the browser reconnects as above); 0 = never',
  'sse.heartbeatMs': 'the server sends an SSE comment line this often on an open stream, to keep intermediaries from cutting it (the HTML spec suggests about 15 s); 0 = off',
  'websocket.pingIntervalMs': 'server ping period; 0 = no pings',
  'websocket.overHttp2': "with HTTP version 2: ownConnection, the upgrade on a connection of its own over HTTP/1.1 (what Chromium does when the server does not offer RFC 8441, as nginx does not); extendedConnect, a stream of the HTTP/2 connection opened by CONNECT with :protocol websocket (RFC 8441), frames in DATA frames",
  'websocket.reconnectJitter': "fraction of the reconnect pause drawn at random: the page waits d(1 - j) + d j U, U uniform in [0, 1) (0 = every client at the same time, 1 = full jitter)",
  'websocket.reconnectDelayMs': "application's pause before reconnecting a dropped WebSocket (the backoff's base: Socket.IO's reconnectionDelay, 1 s)",
  'websocket.reconnectGrowth': "each attempt in a row that fails multiplies the pause by this (Socket.IO doubles it; 1 = the same pause every time); an attempt that opens starts again from the base",
  'websocket.reconnectMaxDelayMs': "the pause never grows past this (Socket.IO's reconnectionDelayMax, 5 s; a cap below the base leaves the base); jitter then takes its fraction of the capped pause",
  'websocket.fallbackMs': "the page's library gives up on a WebSocket whose handshake has no answer after this long, closes it and falls back to long polling for the rest of the run (Socket.IO's upgradeTimeout is 10 s); 0 = wait for ever",
  'streaming.reconnectDelayMs': "application's pause before reopening a dropped stream",
  'streaming.mediaBytes': 'size of the large object (e.g. a video) of the media case; 0 = off',
  'streaming.mediaBitrateKbps': 'playback rate of the media object',
  'streaming.chunkBytes': 'bytes per chunk of the media response',
  'proxy.idleTimeoutMs': 'an intermediary (proxy, load balancer) on the path cuts a connection when no byte has passed either way for this long (nginx 60 s, AWS ALB 60 s, Heroku 55 s, Cloudflare 100 s, Azure 4 min); 0 = no intermediary',
  'proxy.buffering': "an intermediary that buffers responses (nginx by default) passes an SSE or streamed head, then holds the body until this many bytes wait; whole responses and WebSocket pass; 0 = off",
  'proxy.lifetimeMs': 'the intermediary cuts every connection this long after it opened, busy or not (a GCP backend service timeout, 30 s by default); 0 = no limit',
  'proxy.firstByteTimeoutMs': "the intermediary cuts a connection whose request (a GET, a POST, an Upgrade) has waited this long for the first byte of its answer: Heroku's router gives up after 30 s (error H12), so a long poll held 30 s behind it fails every time; 0 = none",
  'proxy.websocket': "passes: the intermediary forwards the Upgrade and then the frames; refuses: it does not pass the Upgrade (an old forward proxy, a filtering gateway), so the handshake gets no answer and the page falls back after the WebSocket fallback time",
  'faults.serverRestartAtMs': 'the server restarts at this time: every connection of every client drops at once, and each technique reconnects by its own rule; 0 = never',
  'faults.serverRestartIntervalMs': 'after the first restart, the server restarts again this often (a crash loop, rolling deploys); 0 = once',
  'churn.arrivalsPerSecond': "new clients a second (Poisson), beyond those there at the start; each opens the page and starts at once; 0 = none",
  'churn.meanSessionMs': "how long a client stays (exponential), then closes its tab: its connections close and what it was still owed is left pending; with arrivals λ the crowd tends to λ × stay (Little's law); 0 = to the end",
  'faults.serverDownMs': "after each restart the server is down this long: it refuses every connection (the client's SYN gets a reset), so clients retry by their own rule until it is back (a process restart takes seconds, a redeploy tens); 0 = back at once",
  'faults.disconnectIntervalMs': "mean time between drops of a client's push connection (exponential); 0 = never",
  ...HEAD_HELP,
};

/** The key's one-line meaning ('' for a name that is not a key). */
export const helpOf = (key: string): string => KEY_HELP[key] ?? '';
