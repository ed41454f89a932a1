// Presets that set several keys at once. Network profiles copy Chrome
// DevTools' throttling presets (front_end/core/sdk/NetworkManager.ts).
// DevTools applies its latency once per request (request sent -> response
// headers received, a round trip), while network.latencyMs here is one-way
// per packet: a profile therefore sets latencyMs to HALF the DevTools figure.

export interface Preset {
  id: string;
  name: string;
  /** One line shown beside the button. */
  summary: string;
  /** Dotted key -> value, each with why that value was chosen. */
  values: Record<string, { value: number | string; why: string }>;
}

const DEVTOOLS_NOTE = 'DevTools adds its latency once per request/response round trip; this simulator delays every packet one way, so latency here = half the DevTools figure.';

const RADIO_WHY = 'the phone\'s radio, for its energy: promotion, tail and idle powers measured by Huang et al. (MobiSys 2012)';

function network(id: string, name: string, rttMs: number, downKbps: number, upKbps: number, radio: '3g' | 'lte'): Preset {
  return {
    id,
    name,
    summary: `DevTools "${name}": ${rttMs.toLocaleString('en-US')} ms, ${downKbps} kbit/s down, ${upKbps} kbit/s up, on a phone's ${radio === 'lte' ? 'LTE' : '3G'} radio. ${DEVTOOLS_NOTE}`,
    values: {
      'network.latencyMs': { value: rttMs / 2, why: `half of DevTools' ${rttMs} ms request latency (one way per packet)` },
      'network.bandwidthKbps': { value: downKbps, why: "DevTools' download throughput" },
      'network.uplinkKbps': { value: upKbps, why: "DevTools' upload throughput" },
      'network.radio': { value: radio, why: RADIO_WHY },
    },
  };
}

export const NETWORK_PRESETS: readonly Preset[] = [
  network('3g', '3G', 2000, 400, 400, '3g'),
  network('slow-4g', 'Slow 4G', 562.5, 1440, 675, 'lte'),
  network('fast-4g', 'Fast 4G', 165, 8100, 1350, 'lte'),
  {
    id: 'wifi',
    name: 'Wi-Fi',
    summary: "A phone on home Wi-Fi: the default link (50 ms one way, 10 Mbit/s) with the Wi-Fi radio's energy counted.",
    values: {
      'network.latencyMs': { value: 50, why: 'default: a nearby server' },
      'network.bandwidthKbps': { value: 10000, why: 'default: a home broadband link' },
      'network.uplinkKbps': { value: 0, why: '0 = same as the downlink' },
      'network.radio': { value: 'wifi', why: RADIO_WHY },
    },
  },
  {
    id: 'no-throttling',
    name: 'No throttling',
    summary: 'Back to the defaults: 50 ms one way, 10 Mbit/s both ways, no radio.',
    values: {
      'network.latencyMs': { value: 50, why: 'default: a nearby server' },
      'network.bandwidthKbps': { value: 10000, why: 'default: a home broadband link' },
      'network.uplinkKbps': { value: 0, why: '0 = same as the downlink' },
      'network.radio': { value: 'none', why: 'default: no radio energy counted (a desktop on a wired link)' },
    },
  },
];

/** An intermediary on the path, from its documented defaults (shared/REFERENCES.md, "Intermediary idle timeouts"; nginx's proxy_buffering). */
function intermediary(
  id: string,
  name: string,
  idleMs: number,
  lifetimeMs: number,
  why: string,
  { bufferBytes = 0, refusesWebSocket = false, firstByteMs = 0 }: { bufferBytes?: number; refusesWebSocket?: boolean; firstByteMs?: number } = {},
): Preset {
  const idle = idleMs > 0 ? `cuts a connection idle ${idleMs / 1000} s` : 'no idle timeout';
  const cut = lifetimeMs > 0 ? `Cuts every connection ${lifetimeMs / 1000} s after it opened` : idle[0].toUpperCase() + idle.slice(1);
  return {
    id,
    name,
    summary: `${cut}${firstByteMs > 0 ? `; gives up on a request unanswered for ${firstByteMs / 1000} s` : ''}${bufferBytes > 0 ? `; buffers streamed responses ${bufferBytes / 1024} KB at a time` : ''}${refusesWebSocket ? '; does not pass the WebSocket Upgrade, so the page falls back to long polling' : ''}.`,
    values: {
      'proxy.idleTimeoutMs': { value: idleMs, why: idleMs > 0 ? why : '0 = no idle timeout' },
      'proxy.lifetimeMs': { value: lifetimeMs, why: lifetimeMs > 0 ? why : '0 = no lifetime limit' },
      'proxy.buffering': { value: bufferBytes, why: bufferBytes > 0 ? 'proxy_buffering on by default, buffers of one memory page (4 KB): SSE and streamed chunks wait until 4 KB are held' : '0 = forwards streamed responses as they come' },
      'proxy.firstByteTimeoutMs': { value: firstByteMs, why: firstByteMs > 0 ? 'the router waits 30 s for the first byte of an answer (error H12)' : '0 = waits for an answer as long as it takes' },
      'proxy.websocket': { value: refusesWebSocket ? 'refuses' : 'passes', why: refusesWebSocket ? 'an HTTP/1.0-minded or filtering proxy drops the Upgrade: the handshake gets no answer' : 'passes the Upgrade, then the frames' },
    },
  };
}

export const INTERMEDIARY_PRESETS: readonly Preset[] = [
  // nginx buffers proxied responses by default (proxy_buffering on; buffers of one memory page, 4 KB on x86-64):
  // SSE behind it waits unless the server sends X-Accel-Buffering: no.
  intermediary('nginx', 'nginx', 60000, 0, 'proxy_read_timeout, 60 s by default', { bufferBytes: 4096 }),
  intermediary('aws-alb', 'AWS ALB', 60000, 0, 'idle timeout, 60 s by default'),
  intermediary('heroku', 'Heroku', 55000, 0, 'a rolling 55 s window once the first byte is sent', { firstByteMs: 30000 }),
  intermediary('cloudflare', 'Cloudflare', 100000, 0, '100 s idle for WebSockets'),
  intermediary('azure-lb', 'Azure LB', 240000, 0, 'idle timeout, 4 min by default'),
  intermediary('gcp', 'GCP backend', 0, 30000, 'backend service timeout, 30 s by default: a WebSocket lives that long'),
  // A filtering forward proxy (a corporate network's): it passes plain HTTP but not the Upgrade, the case that
  // made Socket.IO and SockJS start with, or fall back to, long polling. Its idle timeout: squid's read_timeout, 15 min.
  intermediary('filtering', 'Filtering proxy', 900000, 0, "squid's read_timeout, 15 min by default", { refusesWebSocket: true }),
  intermediary('no-proxy', 'None', 0, 0, 'no intermediary'),
];

export const USE_CASES: readonly Preset[] = [
  {
    id: 'stock-ticker',
    name: 'Stock ticker',
    summary: 'Many small price updates in bursts; nothing sent upstream.',
    values: {
      'server.updateRateHz': { value: 10, why: 'a watch-list of a few symbols ticks several times a second' },
      'server.updatePattern': { value: 'bursty', why: 'trades cluster: quotes arrive in bursts' },
      'server.burstSize': { value: 5, why: 'a trade moves several quotes at once' },
      'server.payloadBytes': { value: 60, why: 'one JSON quote: symbol, price, time' },
      'client.sendRateHz': { value: 0, why: 'the viewer only watches' },
      'polling.intervalMs': { value: 1000, why: 'a typical "refresh every second" poll' },
      durationMs: { value: 30000, why: '30 s is enough to see the pattern' },
    },
  },
  {
    id: 'chat',
    name: 'Chat',
    summary: 'Messages both ways at human pace.',
    values: {
      'server.updateRateHz': { value: 0.5, why: 'a busy room: a message every 2 s on average' },
      'server.updatePattern': { value: 'poisson', why: 'people type independently' },
      'server.payloadBytes': { value: 200, why: 'a short message with sender and time stamps' },
      'client.sendRateHz': { value: 0.1, why: 'this user writes every 10 s on average' },
      'client.payloadBytes': { value: 150, why: 'a short message' },
      'polling.intervalMs': { value: 2000, why: 'a chat poll every 2 s feels barely live' },
      durationMs: { value: 60000, why: 'one minute of conversation' },
    },
  },
  {
    id: 'notifications',
    name: 'Notifications',
    summary: 'Rare updates: most polls come back empty.',
    values: {
      'server.updateRateHz': { value: 0.02, why: 'one notification every 50 s on average' },
      'server.updatePattern': { value: 'poisson', why: 'notifications arrive at random' },
      'server.payloadBytes': { value: 500, why: 'title, body, link and icon URL' },
      'client.sendRateHz': { value: 0, why: 'nothing goes upstream' },
      'polling.intervalMs': { value: 10000, why: 'a 10 s poll: the usual compromise between delay and load' },
      'longPolling.timeoutMs': { value: 30000, why: 'RFC 6202: 30 s is the safe hold time' },
      durationMs: { value: 300000, why: 'five minutes, to see more than a handful of updates' },
    },
  },
  {
    id: 'live-video',
    name: 'Live video',
    summary: 'A large object sent in chunks the player uses before the end.',
    values: {
      'server.updateRateHz': { value: 30, why: '30 frames per second' },
      'server.updatePattern': { value: 'periodic', why: 'a camera produces frames at a fixed rate' },
      'server.payloadBytes': { value: 4000, why: '30 x 4 kB = about 1 Mbit/s, a 480p stream' },
      'client.sendRateHz': { value: 0, why: 'the viewer only watches' },
      'streaming.mediaBytes': { value: 2500000, why: '20 s of video at 1 Mbit/s' },
      'streaming.mediaBitrateKbps': { value: 1000, why: 'a 480p bitrate' },
      'streaming.chunkBytes': { value: 16384, why: 'a common server write size (16 KiB)' },
      durationMs: { value: 10000, why: '10 s keeps the 300 frames per technique quick to simulate' },
    },
  },
];
