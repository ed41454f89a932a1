// Parts of the engine that a run needs only for some scenarios, loaded on
// demand: HTTP/2 (http.version 2, src/sim/http2/), the phone's radio
// (network.radio, src/sim/radio/) and a buffering intermediary
// (proxy.buffering, ./proxy-buffer.ts); and one that no run needs, only a
// packet's text: a WebSocket answer's Sec-WebSocket-Accept (SHA-1,
// src/sim/wire/handshake.ts). The page's first visit needs none, so
// it does not ship them; the command line, the workers, the benchmark and
// the tests install every part up front (src/sim/parts.ts), and the page
// fetches a scenario's parts before its first run (src/app/compute/parts-loader.ts).

import type { Scenario } from '../scenario/types';
import type { Http2Support } from './http2-support';
import type { RadioSupport } from '../radio/support';
import type { ProxyBuffer } from './proxy-buffer';

export interface Parts {
  http2: Http2Support;
  radio: RadioSupport;
  buffering: ProxyBuffer;
  /** Sec-WebSocket-Accept for a key (the page's views that show or export packet texts load it). */
  websocketAccept: (key: string) => string;
}

export type PartName = keyof Parts;

/** The scenario key that needs each part, for the error message. */
const NEEDED_BY: Record<PartName, string> = { http2: "http.version '2'", radio: 'network.radio', buffering: 'proxy.buffering', websocketAccept: "a WebSocket answer's text (Sec-WebSocket-Accept)" };

const installed: Partial<Parts> = {};

export function installPart<K extends PartName>(name: K, impl: Parts[K]): void {
  installed[name] = impl;
}

export const partInstalled = (name: PartName): boolean => installed[name] !== undefined;

/** The installed part, or a clear error naming the key and how to load it. */
export function part<K extends PartName>(name: K): Parts[K] {
  const p = installed[name];
  if (!p) throw new Error(`${NEEDED_BY[name]}: the engine's ${name} part is not loaded; call installParts() from src/sim/parts first`);
  return p as Parts[K];
}

/** The parts a run of `s` needs. */
export function partsFor(s: Scenario): PartName[] {
  const out: PartName[] = [];
  if (s.http.version === '2') out.push('http2');
  if (s.network.radio !== 'none') out.push('radio');
  if (s.proxy.buffering > 0) out.push('buffering');
  return out;
}
