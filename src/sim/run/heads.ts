// The size and text of every HTTP head of a run. A head's size is the
// scenario's where it gives one: a per-kind key (http.pollRequestBytes...),
// else SPEC §3's http.requestHeaderBytes / http.responseHeaderBytes for every
// head; else (0) the head profile's own (http.headProfile, see
// src/sim/wire/head-profiles.ts), whose size can change with a number in the
// head (Content-Length, Last-Event-ID): worked out once per digit count.

import { HEAD_SIZE_KEYS } from '../scenario/keys';
import type { Scenario } from '../scenario/types';
import { decimalDigits, renderRequestHead, renderResponseHead, requestHeadBytes, responseHeadBytes, type RequestKind, type ResponseKind } from '../wire';

export const HOST = 'push.example';
/** Request targets, one per purpose (kept short: they must fit the smallest allowed head). */
export const PATHS = { poll: '/poll', 'long-poll': '/poll?wait=1', sse: '/events', stream: '/stream', ws: '/ws', post: '/send', media: '/video.mp4' } as const;

type HttpKeys = Scenario['http'];
type SizeKey = Exclude<keyof HttpKeys, 'headProfile' | 'version'>;

/** Which scenario key sets each kind's size, from the key table (HEAD_SIZE_KEYS). */
const REQUEST_SIZE_KEY = {} as Record<RequestKind, SizeKey>;
const RESPONSE_SIZE_KEY = {} as Record<ResponseKind, SizeKey>;
for (const [key, k] of Object.entries(HEAD_SIZE_KEYS)) {
  const name = key.slice('http.'.length) as SizeKey;
  if ('requests' in k) for (const kind of k.requests) REQUEST_SIZE_KEY[kind] = name;
  else for (const kind of k.responses) RESPONSE_SIZE_KEY[kind] = name;
}
const REQUEST_PATH: Record<RequestKind, string> = {
  poll: PATHS.poll,
  'long-poll': PATHS['long-poll'],
  sse: PATHS.sse,
  'sse-reconnect': PATHS.sse,
  'ws-handshake': PATHS.ws,
  stream: PATHS.stream,
  media: PATHS.media,
  post: PATHS.post,
};

/** The number in a head (Content-Length, Last-Event-ID) and the other options of its text. */
export interface RequestExtra {
  contentLength?: number;
  lastEventId?: number;
  wsKey?: string;
}
export interface ResponseExtra {
  contentLength?: number;
  wsAccept?: string;
  contentType?: string;
  dateMs?: number;
}

/** The smallest number of `digits` digits: a stand-in with the same length in a head. */
const withDigits = (digits: number) => (digits <= 1 ? 0 : 10 ** (digits - 1));

export class Heads {
  private readonly sizes = new Map<string, number>();

  constructor(private readonly http: HttpKeys) {}

  /** The exact size the scenario gives a request kind, or undefined (the profile's own). */
  exactRequest(kind: RequestKind): number | undefined {
    const v = this.http[REQUEST_SIZE_KEY[kind]] || this.http.requestHeaderBytes;
    return v > 0 ? v : undefined;
  }

  exactResponse(kind: ResponseKind): number | undefined {
    const v = this.http[RESPONSE_SIZE_KEY[kind]] || this.http.responseHeaderBytes;
    return v > 0 ? v : undefined;
  }

  /** Bytes of a request head; `n` is its Content-Length (post) or Last-Event-ID (sse-reconnect). */
  request(kind: RequestKind, n = 0): number {
    const exact = this.exactRequest(kind);
    if (exact !== undefined) return exact;
    const key = `${kind} ${decimalDigits(n)}`;
    let size = this.sizes.get(key);
    if (size === undefined) {
      const m = withDigits(decimalDigits(n));
      size = requestHeadBytes(kind, { profile: this.http.headProfile, host: HOST, path: REQUEST_PATH[kind], contentLength: m, lastEventId: m });
      this.sizes.set(key, size);
    }
    return size;
  }

  /** Bytes of a response head; `n` is its Content-Length (json). */
  response(kind: ResponseKind, n = 0, contentType?: string): number {
    const exact = this.exactResponse(kind);
    if (exact !== undefined) return exact;
    const key = `${kind} ${decimalDigits(n)} ${contentType ?? ''}`;
    let size = this.sizes.get(key);
    if (size === undefined) {
      size = responseHeadBytes(kind, { profile: this.http.headProfile, contentLength: withDigits(decimalDigits(n)), contentType });
      this.sizes.set(key, size);
    }
    return size;
  }

  requestText(kind: RequestKind, extra: RequestExtra = {}): string {
    return renderRequestHead(kind, { headerBytes: this.exactRequest(kind), profile: this.http.headProfile, host: HOST, path: REQUEST_PATH[kind], ...extra });
  }

  responseText(kind: ResponseKind, extra: ResponseExtra = {}): string {
    return renderResponseHead(kind, { headerBytes: this.exactResponse(kind), profile: this.http.headProfile, ...extra });
  }
}
