// The resolved scenario: every key of ./keys.ts, nested the way the keys are
// dotted (SPEC §5: `network.latencyMs` is `scenario.network.latencyMs`).

import type { HeadProfile } from '../wire/http';
import type { TlsVersion } from '../wire/tls';

export type HttpVersion = '1.1' | '2';
export const HTTP_VERSIONS: readonly HttpVersion[] = ['1.1', '2'];

/** network.radio: the phone's radio, for its energy (src/sim/radio/); none = not counted. */
export type RadioChoice = 'none' | 'wifi' | '3g' | 'lte';
export const RADIO_CHOICES: readonly RadioChoice[] = ['none', 'wifi', '3g', 'lte'];

export type UpdatePattern = 'periodic' | 'poisson' | 'bursty';

export interface Scenario {
  seed: number;
  durationMs: number;
  clients: number;
  network: { latencyMs: number; jitterMs: number; bandwidthKbps: number; uplinkKbps: number; lossRate: number; initialCwndSegments: number; radio: RadioChoice };
  server: { updateRateHz: number; updatePattern: UpdatePattern; burstSize: number; burstSpacingMs: number; payloadBytes: number; processingMs: number; cores: number; cpuPerRequestMs: number; cpuPerMessageMs: number; cpuPerConnectionMs: number; cpuPerTlsHandshakeMs: number; memoryPerConnectionBytes: number; memoryPerQueuedMessageBytes: number };
  client: { sendRateHz: number; payloadBytes: number; processingMs: number };
  http: {
    version: HttpVersion;
    headProfile: HeadProfile;
    requestHeaderBytes: number;
    responseHeaderBytes: number;
    pollRequestBytes: number;
    longPollRequestBytes: number;
    sseRequestBytes: number;
    upgradeRequestBytes: number;
    streamRequestBytes: number;
    postRequestBytes: number;
    pollResponseBytes: number;
    sseResponseBytes: number;
    upgradeResponseBytes: number;
    streamResponseBytes: number;
    postResponseBytes: number;
  };
  tls: { version: TlsVersion };
  http2: { maxConcurrentStreams: number };
  polling: { intervalMs: number; firstRequest: 'immediate' | 'afterInterval' };
  longPolling: { timeoutMs: number; reconnectDelayMs: number };
  sse: { retryMs: number; heartbeatMs: number; eventsPerStream: number; streamLifetimeMs: number };
  websocket: { pingIntervalMs: number; reconnectDelayMs: number; reconnectJitter: number; reconnectGrowth: number; reconnectMaxDelayMs: number; overHttp2: 'ownConnection' | 'extendedConnect'; fallbackMs: number };
  streaming: { reconnectDelayMs: number; mediaBytes: number; mediaBitrateKbps: number; chunkBytes: number };
  proxy: { idleTimeoutMs: number; lifetimeMs: number; firstByteTimeoutMs: number; buffering: number; websocket: 'passes' | 'refuses' };
  churn: { arrivalsPerSecond: number; meanSessionMs: number };
  faults: { disconnectIntervalMs: number; serverRestartAtMs: number; serverRestartIntervalMs: number; serverDownMs: number };
}
