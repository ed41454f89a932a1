// HTTP/2's runtime on the page's own thread: the first visit runs HTTP/1.1
// and does not ship it, so a scenario with http.version 2 fetches it first
// (src/sim/http2/, installed into the core's slot). Workers install it up front.
import { http2Installed } from '../../sim/run/http2-support';
import type { Scenario } from '../../sim';

/** Null when `s` can run now; else a promise that settles once HTTP/2 is installed. */
export function needHttp2(s: Scenario): Promise<void> | null {
  if (s.http.version !== '2' || http2Installed()) return null;
  return import('../../sim/http2').then((m) => m.installHttp2Support());
}
