// Which limits the intermediary on the path has (scenario `proxy.*`), or
// none: all a view needs to know whether to draw it (./proxy-view.ts says
// what it shows; the lane's box, src/viz/lane/ProxyBox.svelte, is fetched
// only when there is one).
import type { Scenario } from '../sim';

export interface ProxyLimits {
  idleMs: number;
  lifetimeMs: number;
  firstByteMs: number;
  bufferBytes: number;
  refusesWebSocket: boolean;
}

/** The intermediary's limits, or null when the path has none. */
export function proxyLimits(s: Scenario): ProxyLimits | null {
  const p = s.proxy;
  const limits = { idleMs: p.idleTimeoutMs, lifetimeMs: p.lifetimeMs, firstByteMs: p.firstByteTimeoutMs, bufferBytes: p.buffering, refusesWebSocket: p.websocket === 'refuses' };
  return limits.idleMs || limits.lifetimeMs || limits.firstByteMs || limits.bufferBytes || limits.refusesWebSocket ? limits : null;
}

