// Which scenario keys are visible at once; the rest sit under "More".
// These are the ones that change the lesson: load, network, feed, polling.

import { KEYS, type KeySpec } from '../../sim';

export const COMMON_KEYS: readonly string[] = [
  'clients',
  'network.latencyMs',
  'network.bandwidthKbps',
  'tls.version',
  'http.version',
  'server.updateRateHz',
  'server.updatePattern',
  'server.payloadBytes',
  'polling.intervalMs',
  'longPolling.timeoutMs',
  'client.sendRateHz',
];

export function splitKeys(keys: readonly KeySpec[] = KEYS): { common: KeySpec[]; more: KeySpec[] } {
  const common = COMMON_KEYS.map((k) => keys.find((s) => s.key === k)).filter((s): s is KeySpec => !!s);
  const more = keys.filter((s) => !COMMON_KEYS.includes(s.key));
  return { common, more };
}
