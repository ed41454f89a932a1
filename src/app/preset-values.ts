// What each preset (./presets.ts) sets and why: fetched on the first click
// of a preset button (src/app/controls/Presets.svelte), not with the first
// visit's scripts. Network profiles and intermediaries are built from the
// figures their entries in ./presets.ts carry, so each figure is written once.

import type { Intermediary, NetworkLink, Preset, PresetValues } from './presets';

const RADIO_WHY = 'the phone\'s radio, for its energy: promotion, tail and idle powers measured by Huang et al. (MobiSys 2012)';

function networkValues({ rttMs, downKbps, upKbps, radio }: NetworkLink): PresetValues {
  return {
    'network.latencyMs': { value: rttMs / 2, why: `half of DevTools' ${rttMs} ms request latency (one way per packet)` },
    'network.bandwidthKbps': { value: downKbps, why: "DevTools' download throughput" },
    'network.uplinkKbps': { value: upKbps, why: "DevTools' upload throughput" },
    'network.radio': { value: radio, why: RADIO_WHY },
  };
}

/** Where each intermediary's timeout comes from (shared/REFERENCES.md, "Intermediary idle timeouts"). */
const INTERMEDIARY_WHY: Record<string, string> = {
  nginx: 'proxy_read_timeout, 60 s by default',
  'aws-alb': 'idle timeout, 60 s by default',
  heroku: 'a rolling 55 s window once the first byte is sent',
  cloudflare: '100 s idle for WebSockets',
  'azure-lb': 'idle timeout, 4 min by default',
  gcp: 'backend service timeout, 30 s by default: a WebSocket lives that long',
  filtering: "squid's read_timeout, 15 min by default",
  'no-proxy': 'no intermediary',
};

function intermediaryValues(id: string, { idleMs, lifetimeMs, bufferBytes = 0, refusesWebSocket = false, firstByteMs = 0 }: Intermediary): PresetValues {
  const why = INTERMEDIARY_WHY[id];
  return {
    'proxy.idleTimeoutMs': { value: idleMs, why: idleMs > 0 ? why : '0 = no idle timeout' },
    'proxy.lifetimeMs': { value: lifetimeMs, why: lifetimeMs > 0 ? why : '0 = no lifetime limit' },
    'proxy.buffering': { value: bufferBytes, why: bufferBytes > 0 ? 'proxy_buffering on by default, buffers of one memory page (4 KB): SSE and streamed chunks wait until 4 KB are held' : '0 = forwards streamed responses as they come' },
    'proxy.firstByteTimeoutMs': { value: firstByteMs, why: firstByteMs > 0 ? 'the router waits 30 s for the first byte of an answer (error H12)' : '0 = waits for an answer as long as it takes' },
    'proxy.websocket': { value: refusesWebSocket ? 'refuses' : 'passes', why: refusesWebSocket ? 'an HTTP/1.0-minded or filtering proxy drops the Upgrade: the handshake gets no answer' : 'passes the Upgrade, then the frames' },
  };
}

/** The presets whose values are not built from figures: by id. */
const FIXED: Record<string, PresetValues> = {
  'wifi': {
    'network.latencyMs': { value: 50, why: 'default: a nearby server' },
    'network.bandwidthKbps': { value: 10000, why: 'default: a home broadband link' },
    'network.uplinkKbps': { value: 0, why: '0 = same as the downlink' },
    'network.radio': { value: 'wifi', why: RADIO_WHY },
  },
  'no-throttling': {
    'network.latencyMs': { value: 50, why: 'default: a nearby server' },
    'network.bandwidthKbps': { value: 10000, why: 'default: a home broadband link' },
    'network.uplinkKbps': { value: 0, why: '0 = same as the downlink' },
    'network.radio': { value: 'none', why: 'default: no radio energy counted (a desktop on a wired link)' },
  },
  'stock-ticker': {
    'server.updateRateHz': { value: 10, why: 'a watch-list of a few symbols ticks several times a second' },
    'server.updatePattern': { value: 'bursty', why: 'trades cluster: quotes arrive in bursts' },
    'server.burstSize': { value: 5, why: 'a trade moves several quotes at once' },
    'server.payloadBytes': { value: 60, why: 'one JSON quote: symbol, price, time' },
    'client.sendRateHz': { value: 0, why: 'the viewer only watches' },
    'polling.intervalMs': { value: 1000, why: 'a typical "refresh every second" poll' },
    durationMs: { value: 30000, why: '30 s is enough to see the pattern' },
  },
  'chat': {
    'server.updateRateHz': { value: 0.5, why: 'a busy room: a message every 2 s on average' },
    'server.updatePattern': { value: 'poisson', why: 'people type independently' },
    'server.payloadBytes': { value: 200, why: 'a short message with sender and time stamps' },
    'client.sendRateHz': { value: 0.1, why: 'this user writes every 10 s on average' },
    'client.payloadBytes': { value: 150, why: 'a short message' },
    'polling.intervalMs': { value: 2000, why: 'a chat poll every 2 s feels barely live' },
    durationMs: { value: 60000, why: 'one minute of conversation' },
  },
  'notifications': {
    'server.updateRateHz': { value: 0.02, why: 'one notification every 50 s on average' },
    'server.updatePattern': { value: 'poisson', why: 'notifications arrive at random' },
    'server.payloadBytes': { value: 500, why: 'title, body, link and icon URL' },
    'client.sendRateHz': { value: 0, why: 'nothing goes upstream' },
    'polling.intervalMs': { value: 10000, why: 'a 10 s poll: the usual compromise between delay and load' },
    'longPolling.timeoutMs': { value: 30000, why: 'RFC 6202: 30 s is the safe hold time' },
    durationMs: { value: 300000, why: 'five minutes, to see more than a handful of updates' },
  },
  'live-video': {
    'server.updateRateHz': { value: 30, why: '30 frames per second' },
    'server.updatePattern': { value: 'periodic', why: 'a camera produces frames at a fixed rate' },
    'server.payloadBytes': { value: 4000, why: '30 x 4 kB = about 1 Mbit/s, a 480p stream' },
    'client.sendRateHz': { value: 0, why: 'the viewer only watches' },
    'streaming.mediaBytes': { value: 2500000, why: '20 s of video at 1 Mbit/s' },
    'streaming.mediaBitrateKbps': { value: 1000, why: 'a 480p bitrate' },
    'streaming.chunkBytes': { value: 16384, why: 'a common server write size (16 KiB)' },
    durationMs: { value: 10000, why: '10 s keeps the 300 frames per technique quick to simulate' },
  },
};

/** What preset `p` sets, each value with why it was chosen. */
export function presetValues(p: Preset): PresetValues {
  if (p.link) return networkValues(p.link);
  if (p.intermediary) return intermediaryValues(p.id, p.intermediary);
  const values = FIXED[p.id];
  if (!values) throw new Error(`preset '${p.id}' has no values`);
  return values;
}
