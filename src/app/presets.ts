// Presets that set several keys at once. Network profiles copy Chrome
// DevTools' throttling presets (front_end/core/sdk/NetworkManager.ts).
// DevTools applies its latency once per request (request sent -> response
// headers received, a round trip), while network.latencyMs here is one-way
// per packet: a profile therefore sets latencyMs to HALF the DevTools figure.

/** A DevTools throttling profile's figures, and the phone's radio it goes with. */
export interface NetworkLink {
  rttMs: number;
  downKbps: number;
  upKbps: number;
  radio: '3g' | 'lte';
}

/** An intermediary's documented defaults (where its timeout comes from: ./preset-values.ts, fetched on first use). */
export interface Intermediary {
  idleMs: number;
  lifetimeMs: number;
  bufferBytes?: number;
  refusesWebSocket?: boolean;
  firstByteMs?: number;
}

export interface Preset {
  id: string;
  name: string;
  /** One line shown beside the button. */
  summary: string;
  /** The figures its values are built from (./preset-values.ts), when it has them. */
  link?: NetworkLink;
  intermediary?: Intermediary;
}

/** Dotted key -> value, each with why that value was chosen (./preset-values.ts, fetched on first use). */
export type PresetValues = Record<string, { value: number | string; why: string }>;

const DEVTOOLS_NOTE = 'DevTools adds its latency once per request/response round trip; this simulator delays every packet one way, so latency here = half the DevTools figure.';

function network(id: string, name: string, rttMs: number, downKbps: number, upKbps: number, radio: '3g' | 'lte'): Preset {
  return {
    id,
    name,
    summary: `DevTools "${name}": ${rttMs.toLocaleString('en-US')} ms, ${downKbps} kbit/s down, ${upKbps} kbit/s up, on a phone's ${radio === 'lte' ? 'LTE' : '3G'} radio. ${DEVTOOLS_NOTE}`,
    link: { rttMs, downKbps, upKbps, radio },
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
  },
  {
    id: 'no-throttling',
    name: 'No throttling',
    summary: 'Back to the defaults: 50 ms one way, 10 Mbit/s both ways, no radio.',
  },
];

/** An intermediary on the path, from its documented defaults (shared/REFERENCES.md, "Intermediary idle timeouts"; nginx's proxy_buffering). */
function intermediary(id: string, name: string, idleMs: number, lifetimeMs: number, more: Omit<Intermediary, 'idleMs' | 'lifetimeMs'> = {}): Preset {
  const { bufferBytes = 0, refusesWebSocket = false, firstByteMs = 0 } = more;
  const idle = idleMs > 0 ? `cuts a connection idle ${idleMs / 1000} s` : 'no idle timeout';
  const cut = lifetimeMs > 0 ? `Cuts every connection ${lifetimeMs / 1000} s after it opened` : idle[0].toUpperCase() + idle.slice(1);
  return {
    id,
    name,
    summary: `${cut}${firstByteMs > 0 ? `; gives up on a request unanswered for ${firstByteMs / 1000} s` : ''}${bufferBytes > 0 ? `; buffers streamed responses ${bufferBytes / 1024} KB at a time` : ''}${refusesWebSocket ? '; does not pass the WebSocket Upgrade, so the page falls back to long polling' : ''}.`,
    intermediary: { idleMs, lifetimeMs, ...more },
  };
}

export const INTERMEDIARY_PRESETS: readonly Preset[] = [
  // nginx buffers proxied responses by default (proxy_buffering on; buffers of one memory page, 4 KB on x86-64):
  // SSE behind it waits unless the server sends X-Accel-Buffering: no.
  intermediary('nginx', 'nginx', 60000, 0, { bufferBytes: 4096 }),
  intermediary('aws-alb', 'AWS ALB', 60000, 0),
  intermediary('heroku', 'Heroku', 55000, 0, { firstByteMs: 30000 }),
  intermediary('cloudflare', 'Cloudflare', 100000, 0),
  intermediary('azure-lb', 'Azure LB', 240000, 0),
  intermediary('gcp', 'GCP backend', 0, 30000),
  // A filtering forward proxy (a corporate network's): it passes plain HTTP but not the Upgrade, the case that
  // made Socket.IO and SockJS start with, or fall back to, long polling. Its idle timeout: squid's read_timeout, 15 min.
  intermediary('filtering', 'Filtering proxy', 900000, 0, { refusesWebSocket: true }),
  intermediary('no-proxy', 'None', 0, 0),
];

export const USE_CASES: readonly Preset[] = [
  {
    id: 'stock-ticker',
    name: 'Stock ticker',
    summary: 'Many small price updates in bursts; nothing sent upstream.',
  },
  {
    id: 'chat',
    name: 'Chat',
    summary: 'Messages both ways at human pace.',
  },
  {
    id: 'notifications',
    name: 'Notifications',
    summary: 'Rare updates: most polls come back empty.',
  },
  {
    id: 'live-video',
    name: 'Live video',
    summary: 'A large object sent in chunks the player uses before the end.',
  },
];
