// Whose heads: the fields each kind of request and response carries, as a
// given browser and server send them (`http.headProfile`). ./http.ts renders
// these plans, as they are or cut to an exact size.
//
//   - `chromium-node`: a current Chromium (156, HTTP/1.1, same-origin fetch,
//     EventSource and WebSocket) to a Node server (node:http, and the `ws`
//     package for the upgrade). Field lists as Chromium sends them (client
//     hints, Sec-Fetch-*); Node writes the application's fields, then Date,
//     Connection and Keep-Alive (and Transfer-Encoding for a stream).
//     Measured on loopback (shared/REFERENCES.md): a JSON answer 181 B with a
//     3-digit Content-Length (179 B for `[]`), an SSE response 189 B, a
//     chunked one 221 B, the `ws` 101 129 B: these plans give exactly those.
//     Chromium's request heads measured 493-547 B to a 15-character
//     `127.0.0.1:port` host; to the 12-character push.example with an https
//     Referer they come a few bytes shorter.
//   - `minimal`: the needed fields only (a floor: a non-browser client and a
//     bare server).
//   - `cdn`: the same Chromium with the cookies of a site that has sessions,
//     consent and analytics (about 700 B), to a server behind a CDN that adds
//     its own fields (Server, CF-RAY, alt-svc, HSTS, NEL / Report-To, a bot
//     management cookie): about 1.2 KB up and 0.8-1 KB down per exchange,
//     the "700-800 bytes typical, kilobytes with cookies" request and
//     "1-2 KB average" response of shared/REFERENCES.md's HTTP/1.1 entry.
//
// A field is needed (true in the third place is "sent": dropped first when
// a head is cut to an exact size) when the standard or the technique requires
// it: Host (RFC 9112 §3.2), Date in a 2xx (RFC 9110 §6.6.1), Content-Type and
// Content-Length or Transfer-Encoding of a body, the WebSocket handshake
// (RFC 6455 §4.1, §4.2.2; Origin since the client is a browser), Accept:
// text/event-stream and Last-Event-ID of an EventSource (WHATWG HTML §9.2).

import { IMF_FIXDATE_LENGTH, WIRE_EPOCH_MS, imfFixdate } from './http-date';
import type { RequestHeadOptions, RequestKind, ResponseHeadOptions, ResponseKind } from './http';

export type HeadProfile = 'chromium-node' | 'minimal' | 'cdn';
export const HEAD_PROFILES: readonly HeadProfile[] = ['chromium-node', 'minimal', 'cdn'];

/** [name, value, sent]: sent = not needed, dropped first when the head is cut to a size. */
export type Field = readonly [string, string, boolean];
/** The padding field of an exact-size head: `name: prefix <filler> suffix`, filler >= 1 character. */
export interface PadField {
  name: string;
  prefix: string;
  suffix: string;
}
export interface HeadPlan {
  startLine: string;
  fields: readonly Field[];
  pad: PadField;
}

const need = (name: string, value: string): Field => [name, value, false];
const sent = (name: string, value: string): Field => [name, value, true];
const COOKIE_PAD: PadField = { name: 'Cookie', prefix: 'sid=', suffix: '' };
const SET_COOKIE_PAD: PadField = { name: 'Set-Cookie', prefix: 'lb=', suffix: '; Path=/' };

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
/** Chromium's low-entropy client hints, sent on every request to a secure origin. */
const HINTS = { brands: '"Chromium";v="156", "Not)A;Brand";v="24"', platform: '"Linux"' };
/**
 * Deterministic cookie-value filler (cookie-octets, RFC 6265 §4.1.1): a
 * base64url-looking sequence, so a trace reads like opaque tokens (text
 * only, never a random draw; generated, so the page does not ship kilobytes
 * of made-up tokens).
 */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export function tokenFiller(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += TOKEN_ALPHABET[(i * 37 + 11) % 64];
  return s;
}
/** A CDN's bot-management cookie value (Cloudflare's __cf_bm is about 170 characters). */
const CF_BM = () => `${tokenFiller(43, 7)}.1764720931-1.0.1.1-${tokenFiller(107, 3)}`;
/** Session, consent and analytics cookies of a typical site, about 500 bytes. */
const SITE_COOKIES = () =>
  `_ga=GA1.1.1284727395.1764720000; _ga_PUSH7Q2X=GS2.1.s1764720000$o12$g1$t1764720931$j60$l0$h0; consent=v2%3Aanalytics%2Cfunctional; sid=${tokenFiller(131, 5)}; __cf_bm=${CF_BM()}; prefs=theme%3Dlight%26lang%3Den; _fbp=fb.1.1764720000123.918273645`;

const HOST_RE = /^[A-Za-z0-9.\-_~[\]:]+$/; // reg-name / IP-literal, optional port (RFC 3986 §3.2.2)
const PATH_RE = /^\/[\x21-\x7e]*$/; // origin-form: no spaces or controls (RFC 9112 §3.2.1)
const B64_RE = (n: number) => new RegExp(`^[A-Za-z0-9+/]{${n - 2}}[A-Za-z0-9+/=]{2}$`);
const KEY_RE = B64_RE(24);
const ACCEPT_RE = B64_RE(28);
const MEDIA_TYPE_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(; ?[\x21-\x7e]+)*$/;
const MAX_CONTENT_TYPE = 32;
/** RFC 6455 §1.3 sample values, used when the caller does not supply its own. */
export const SAMPLE_WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
export const SAMPLE_WS_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

function checkNonNegInt(fn: string, what: string, v: number | undefined): number {
  if (v === undefined) throw new Error(`${fn}: ${what} is required for this kind`);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${fn}: ${what} must be a non-negative integer, got ${v}`);
  return v;
}

function checkToken(fn: string, what: string, v: string, re: RegExp): string {
  if (!re.test(v)) throw new Error(`${fn}: invalid ${what} ${JSON.stringify(v)}`);
  return v;
}

function checkProfile(fn: string, p: string | undefined): HeadProfile {
  const profile = (p ?? 'chromium-node') as HeadProfile;
  if (!HEAD_PROFILES.includes(profile)) throw new Error(`${fn}: unknown head profile ${JSON.stringify(p)} (one of ${HEAD_PROFILES.join(', ')})`);
  return profile;
}

/** The minimal profile keeps the needed fields only. */
const neededOnly = (profile: HeadProfile, fields: Field[]): Field[] => (profile === 'minimal' ? fields.filter((f) => !f[2]) : fields);

/** What Chromium adds to a same-origin request from script (fetch, EventSource): client hints and Sec-Fetch-*. */
function browserFetch(profile: HeadProfile, accept: Field, origin: string, dest = 'empty', mode = 'cors'): { before: Field[]; after: Field[] } {
  const after: Field[] = [
    sent('sec-ch-ua', HINTS.brands),
    sent('sec-ch-ua-mobile', '?0'),
    accept,
    sent('Sec-Fetch-Site', 'same-origin'),
    sent('Sec-Fetch-Mode', mode),
    sent('Sec-Fetch-Dest', dest),
    sent('Referer', origin + '/'),
    sent('Accept-Encoding', dest === 'video' ? 'identity;q=1, *;q=0' : 'gzip, deflate, br, zstd'),
    sent('Accept-Language', 'en-US,en;q=0.9'),
  ];
  if (profile === 'cdn') after.push(sent('Cookie', SITE_COOKIES()));
  return { before: [sent('Connection', 'keep-alive'), sent('sec-ch-ua-platform', HINTS.platform), sent('User-Agent', UA)], after };
}

export function requestPlan(kind: RequestKind, o: Omit<RequestHeadOptions, 'headerBytes'>): HeadPlan {
  const fn = `renderRequestHead('${kind}')`;
  const profile = checkProfile(fn, o.profile);
  const host = need('Host', checkToken(fn, 'host', o.host, HOST_RE));
  const path = checkToken(fn, 'path', o.path, PATH_RE);
  const origin = 'https://' + o.host;
  const get = `GET ${path} HTTP/1.1`;
  const plan = (startLine: string, fields: Field[]): HeadPlan => ({ startLine, fields: neededOnly(profile, fields), pad: COOKIE_PAD });
  switch (kind) {
    case 'poll':
    case 'long-poll':
    case 'stream': {
      const f = browserFetch(profile, sent('Accept', kind === 'stream' ? '*/*' : 'application/json'), origin);
      return plan(get, [host, ...f.before, ...f.after]);
    }
    case 'media': {
      // A media element: no-cors, destination video, the identity coding (byte offsets must be the file's), a Range.
      const f = browserFetch(profile, sent('Accept', '*/*'), origin, 'video', 'no-cors');
      return plan(get, [host, ...f.before, ...f.after, sent('Range', 'bytes=0-')]);
    }
    case 'sse':
    case 'sse-reconnect': {
      // EventSource fetches with Accept: text/event-stream, cache mode
      // "no-store" (Chromium sends Cache-Control and Pragma: no-cache), and
      // Last-Event-ID when reconnecting (WHATWG HTML §9.2).
      const f = browserFetch(profile, need('Accept', 'text/event-stream'), origin);
      const cache = [sent('Pragma', 'no-cache'), sent('Cache-Control', 'no-cache')];
      const last = kind === 'sse-reconnect' ? [need('Last-Event-ID', String(checkNonNegInt(fn, 'lastEventId', o.lastEventId)))] : [];
      return plan(get, [host, ...f.before.slice(0, 1), ...cache, ...f.before.slice(1), ...f.after, ...last]);
    }
    case 'ws-handshake': {
      // RFC 6455 §4.1: Host, Upgrade: websocket, Connection: Upgrade,
      // Sec-WebSocket-Key, Sec-WebSocket-Version: 13, and Origin from a
      // browser; Chromium's order. Browsers always offer compression; the
      // server's 101 declines it (no Sec-WebSocket-Extensions in the answer),
      // so frames stay uncompressed.
      const key = checkToken(fn, 'wsKey', o.wsKey ?? SAMPLE_WS_KEY, KEY_RE);
      return plan(get, [
        host,
        need('Connection', 'Upgrade'),
        sent('Pragma', 'no-cache'),
        sent('Cache-Control', 'no-cache'),
        sent('User-Agent', UA),
        need('Upgrade', 'websocket'),
        need('Origin', origin),
        need('Sec-WebSocket-Version', '13'),
        sent('Accept-Encoding', 'gzip, deflate, br, zstd'),
        sent('Accept-Language', 'en-US,en;q=0.9'),
        ...(profile === 'cdn' ? [sent('Cookie', SITE_COOKIES())] : []),
        need('Sec-WebSocket-Key', key),
        sent('Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'),
      ]);
    }
    case 'post': {
      const f = browserFetch(profile, sent('Accept', '*/*'), origin);
      const length = need('Content-Length', String(checkNonNegInt(fn, 'contentLength', o.contentLength)));
      const type = need('Content-Type', 'application/json');
      return plan(`POST ${path} HTTP/1.1`, [host, ...f.before.slice(0, 1), length, ...f.before.slice(1), type, sent('Origin', origin), ...f.after]);
    }
    default:
      throw new Error(`renderRequestHead: unknown kind ${JSON.stringify(kind)}`);
  }
}

/** What a CDN in front of the server adds to every response (Cloudflare's fields as an example). */
function cdnFields(): Field[] {
  return [
    sent('Server', 'cloudflare'),
    sent('CF-RAY', '8f2c1a2b3c4d5e6f-FRA'),
    sent('cf-cache-status', 'DYNAMIC'),
    sent('Strict-Transport-Security', 'max-age=31536000; includeSubDomains; preload'),
    sent('Vary', 'Accept-Encoding'),
    sent('alt-svc', 'h3=":443"; ma=86400'),
    sent('Report-To', `{"endpoints":[{"url":"https://a.nel.cloudflare.com/report/v4?s=${tokenFiller(30, 9)}"}],"group":"cf-nel","max_age":604800}`),
    sent('NEL', '{"success_fraction":0,"report_to":"cf-nel","max_age":604800}'),
    sent('Set-Cookie', `__cf_bm=${CF_BM()}; path=/; expires=Thu, 03-Dec-26 23:05:31 GMT; domain=.push.example; HttpOnly; Secure; SameSite=None`),
  ];
}

export function responsePlan(kind: ResponseKind, o: Omit<ResponseHeadOptions, 'headerBytes'> & { date?: string }): HeadPlan {
  const fn = `renderResponseHead('${kind}')`;
  const profile = checkProfile(fn, o.profile);
  const date = o.date ?? imfFixdate(o.dateMs ?? WIRE_EPOCH_MS);
  if (date.length !== IMF_FIXDATE_LENGTH) throw new Error(`${fn}: bad date`);
  const plan = (startLine: string, fields: Field[]): HeadPlan => ({ startLine, fields: neededOnly(profile, fields), pad: SET_COOKIE_PAD });
  // RFC 9110 §6.6.1: an origin server with a clock MUST send Date in 2xx responses (MAY in 1xx).
  const dateField = need('Date', date);
  // Node's own fields after the application's: Date, then keep-alive (its default timeout 5 s).
  const node = (...body: Field[]): Field[] => [dateField, sent('Connection', 'keep-alive'), sent('Keep-Alive', 'timeout=5'), ...body];
  const cdn = profile === 'cdn' ? cdnFields() : [];
  switch (kind) {
    case 'json':
      return plan('HTTP/1.1 200 OK', [
        need('Content-Type', 'application/json'),
        sent('Cache-Control', 'no-store'),
        need('Content-Length', String(checkNonNegInt(fn, 'contentLength', o.contentLength))),
        ...node(),
        ...cdn,
      ]);
    case 'event-stream':
      // An SSE body has no known length, so on HTTP/1.1 it is sent with the
      // chunked coding (RFC 9112 §6.1, §7.1); each event travels in one chunk.
      return plan('HTTP/1.1 200 OK', [need('Content-Type', 'text/event-stream'), sent('Cache-Control', 'no-cache'), ...node(need('Transfer-Encoding', 'chunked')), ...cdn]);
    case 'chunked': {
      const ct = o.contentType ?? 'application/json';
      if (ct.length > MAX_CONTENT_TYPE) throw new Error(`${fn}: contentType longer than ${MAX_CONTENT_TYPE} characters: ${JSON.stringify(ct)}`);
      checkToken(fn, 'contentType', ct, MEDIA_TYPE_RE);
      return plan('HTTP/1.1 200 OK', [
        need('Content-Type', ct),
        sent('Cache-Control', 'no-cache'),
        sent('X-Content-Type-Options', 'nosniff'),
        ...node(need('Transfer-Encoding', 'chunked')),
        ...cdn,
      ]);
    }
    case 'ws-accept': {
      // RFC 6455 §4.2.2: 101, Upgrade: websocket, Connection: Upgrade,
      // Sec-WebSocket-Accept; the `ws` package writes these and nothing else.
      const accept = checkToken(fn, 'wsAccept', o.wsAccept ?? SAMPLE_WS_ACCEPT, ACCEPT_RE);
      return plan('HTTP/1.1 101 Switching Protocols', [need('Upgrade', 'websocket'), need('Connection', 'Upgrade'), need('Sec-WebSocket-Accept', accept), ...cdn.slice(0, 2)]);
    }
    case 'no-content':
      return plan('HTTP/1.1 204 No Content', [...node(), ...cdn]);
    default:
      throw new Error(`renderResponseHead: unknown kind ${JSON.stringify(kind)}`);
  }
}
