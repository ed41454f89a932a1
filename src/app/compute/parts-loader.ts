// The engine's on-demand parts on the page's own thread (src/sim/run/parts.ts):
// the first visit runs neither HTTP/2, a phone's radio nor a buffering
// proxy and does not ship them, so a scenario that needs one fetches it
// first. Workers install every part up front.
import { partInstalled, partsFor, type PartName } from '../../sim/run/parts';
import type { Scenario } from '../../sim';

const LOAD: Record<PartName, () => Promise<void>> = {
  http2: () => import('../../sim/http2').then((m) => m.installHttp2Support()),
  radio: () => import('../../sim/radio').then((m) => m.installRadioSupport()),
  buffering: () => import('../../sim/run/proxy-buffer').then((m) => m.installProxyBuffer()),
  websocketAccept: () => import('./text-parts').then(() => undefined),
};

/** Null when `s` can run now; else a promise that settles once its missing parts are installed. */
export function needParts(s: Scenario): Promise<void> | null {
  const missing = partsFor(s).filter((p) => !partInstalled(p));
  if (missing.length === 0) return null;
  return Promise.all(missing.map((p) => LOAD[p]())).then(() => undefined);
}
