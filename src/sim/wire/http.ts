// HTTP/1.1 message heads (RFC 9112 §2-§6) of EXACTLY the scenario's size.
//
//   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF      (RFC 9112 §2.1)
//   field-line   = field-name ":" OWS field-value OWS             (RFC 9112 §5)
//
// SPEC §3 makes `http.requestHeaderBytes` / `http.responseHeaderBytes` the
// exact size of every head, so the size function of a head is just that
// number; rendering (for traced clients only) must hit it to the byte.
// How: each kind has its mandatory fields (those the standard or the
// technique needs), then optional fields a browser / server typically sends
// are added in order while they fit, and the rest is absorbed by one
// variable-length field whose value is opaque in real life:
//   - requests: `Cookie: sid=...` (session cookies are the usual reason real
//     request heads vary from ~200 bytes to kilobytes);
//   - responses: `Set-Cookie: lb=...; Path=/`, modelled on the stickiness
//     cookies that load balancers (AWS ALB `AWSALB`, HAProxy, F5) re-issue
//     on responses. It stands for whatever site-specific fields (cookies,
//     CSP, HSTS...) make a real response head the configured size; we chose
//     it over an invented `X-Padding` because it is a field real servers
//     send with an opaque value of any length.
// Every head is pure ASCII, so its length in UTF-16 units is its byte size.

import { IMF_FIXDATE_LENGTH, WIRE_EPOCH_MS, imfFixdate } from './http-date';

export type RequestKind = 'poll' | 'long-poll' | 'sse' | 'sse-reconnect' | 'ws-handshake' | 'stream' | 'post' | 'media';
export type ResponseKind = 'json' | 'event-stream' | 'chunked' | 'ws-accept' | 'no-content';

export const REQUEST_KINDS: readonly RequestKind[] = ['poll', 'long-poll', 'sse', 'sse-reconnect', 'ws-handshake', 'stream', 'post', 'media'];
export const RESPONSE_KINDS: readonly ResponseKind[] = ['json', 'event-stream', 'chunked', 'ws-accept', 'no-content'];

export interface RequestHeadOptions {
  /** Exact size of the head: start line + field lines + empty line. */
  headerBytes: number;
  /** Host field value (RFC 9110 §7.2), e.g. "push.example". */
  host: string;
  /** origin-form request target (RFC 9112 §3.2.1), e.g. "/updates". */
  path: string;
  /** Body size of a `post` (required there). */
  contentLength?: number;
  /** Last event ID the EventSource saw (required for `sse-reconnect`). */
  lastEventId?: number;
  /** Sec-WebSocket-Key (24 base64 chars); defaults to the RFC 6455 §1.3 sample key. */
  wsKey?: string;
}

export interface ResponseHeadOptions {
  /** Exact size of the head: status line + field lines + empty line. */
  headerBytes: number;
  /** Body size of a `json` response (required there). */
  contentLength?: number;
  /** Sec-WebSocket-Accept (28 base64 chars); defaults to the RFC 6455 §1.3 sample answer. */
  wsAccept?: string;
  /** Media type of a `chunked` response, default "application/json"; at most 32 characters. */
  contentType?: string;
  /** Unix time in ms for the Date field (text only; its size is fixed). Default WIRE_EPOCH_MS. */
  dateMs?: number;
}

/**
 * Smallest `headerBytes` with which every request kind renders exactly, for
 * host "push.example", paths up to 16 characters, Content-Length and
 * Last-Event-ID up to 10 digits (worst case computed: 211 bytes, the WebSocket
 * handshake; rounded up to a tidy number for the scenario validator).
 */
export const MIN_REQUEST_HEADER_BYTES = 256;
/**
 * Smallest `headerBytes` with which every response kind renders exactly
 * (Content-Length up to 10 digits, content type up to 32 characters; worst
 * case computed: 168 bytes, the event-stream head), rounded up.
 */
export const MIN_RESPONSE_HEADER_BYTES = 192;

/** RFC 6455 §1.3 sample values, used when the caller does not supply its own. */
export const SAMPLE_WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
export const SAMPLE_WS_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

const CRLF = '\r\n';
const MAX_CONTENT_TYPE = 32;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** [name, value, optional]. Optional fields are included, in order, while they fit. */
type Field = readonly [string, string, boolean];
const req = (name: string, value: string): Field => [name, value, false];
const opt = (name: string, value: string): Field => [name, value, true];

/** The padding field: `name: prefix <filler> suffix`, filler >= 1 character. */
interface PadField {
  name: string;
  prefix: string;
  suffix: string;
}
const COOKIE_PAD: PadField = { name: 'Cookie', prefix: 'sid=', suffix: '' };
const SET_COOKIE_PAD: PadField = { name: 'Set-Cookie', prefix: 'lb=', suffix: '; Path=/' };

interface HeadPlan {
  startLine: string;
  fields: readonly Field[];
  pad: PadField;
}

function fieldLineBytes(name: string, value: string): number {
  return name.length + 2 + value.length + 2; // "name: value" CRLF
}

/** Bytes of the head with no optional field and a one-character pad value. */
function minimumOf(plan: HeadPlan): number {
  let n = plan.startLine.length + 2 + 2; // start line CRLF ... final empty line CRLF
  for (const [name, value, optional] of plan.fields) if (!optional) n += fieldLineBytes(name, value);
  return n + fieldLineBytes(plan.pad.name, plan.pad.prefix + 'x' + plan.pad.suffix);
}

/**
 * Deterministic cookie-value filler (cookie-octets, RFC 6265 §4.1.1): a
 * base64url-looking sequence so the trace reads like an opaque session token.
 */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function tokenFiller(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += TOKEN_ALPHABET[(i * 37 + 11) % 64];
  return s;
}

function renderPlan(fn: string, plan: HeadPlan, headerBytes: number): string {
  if (!Number.isInteger(headerBytes)) throw new Error(`${fn}: headerBytes must be an integer, got ${headerBytes}`);
  const min = minimumOf(plan);
  if (headerBytes < min) {
    throw new Error(`${fn}: headerBytes ${headerBytes} is below the minimum ${min} bytes this head needs (start line and mandatory fields)`);
  }
  let budget = headerBytes - min;
  const include: boolean[] = plan.fields.map(([name, value, optional]) => {
    if (!optional) return true;
    const n = fieldLineBytes(name, value);
    if (n > budget) return false;
    budget -= n;
    return true;
  });
  let head = plan.startLine + CRLF;
  plan.fields.forEach(([name, value], i) => {
    if (include[i]) head += name + ': ' + value + CRLF;
  });
  const { name, prefix, suffix } = plan.pad;
  head += name + ': ' + prefix + tokenFiller(1 + budget) + suffix + CRLF + CRLF;
  return head;
}

function checkNonNegInt(fn: string, what: string, v: number | undefined): number {
  if (v === undefined) throw new Error(`${fn}: ${what} is required for this kind`);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${fn}: ${what} must be a non-negative integer, got ${v}`);
  return v;
}

function checkToken(fn: string, what: string, v: string, re: RegExp): string {
  if (!re.test(v)) throw new Error(`${fn}: invalid ${what} ${JSON.stringify(v)}`);
  return v;
}

const HOST_RE = /^[A-Za-z0-9.\-_~[\]:]+$/; // reg-name / IP-literal, optional port (RFC 3986 §3.2.2)
const PATH_RE = /^\/[\x21-\x7e]*$/; // origin-form: no spaces or controls (RFC 9112 §3.2.1)
const B64_RE = (n: number) => new RegExp(`^[A-Za-z0-9+/]{${n - 2}}[A-Za-z0-9+/=]{2}$`);
const KEY_RE = B64_RE(24);
const ACCEPT_RE = B64_RE(28);
const MEDIA_TYPE_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(; ?[\x21-\x7e]+)*$/;

function requestPlan(kind: RequestKind, o: Omit<RequestHeadOptions, 'headerBytes'>): HeadPlan {
  const fn = `renderRequestHead('${kind}')`;
  const host = checkToken(fn, 'host', o.host, HOST_RE);
  const path = checkToken(fn, 'path', o.path, PATH_RE);
  const origin = 'https://' + host;
  const get = `GET ${path} HTTP/1.1`;
  // Fields in the order Chromium sends them; optional ones are what a browser adds.
  const ua = opt('User-Agent', UA);
  const encoding = opt('Accept-Encoding', 'gzip, deflate, br, zstd');
  const language = opt('Accept-Language', 'en-US,en;q=0.9');
  const keepAlive = opt('Connection', 'keep-alive');
  switch (kind) {
    case 'poll':
    case 'long-poll':
      return {
        startLine: get,
        fields: [req('Host', host), keepAlive, req('Accept', 'application/json'), ua, opt('Referer', origin + '/'), encoding, language],
        pad: COOKIE_PAD,
      };
    case 'sse':
    case 'sse-reconnect': {
      // WHATWG HTML, server-sent events: EventSource fetches with
      // `Accept: text/event-stream`, cache mode "no-store" (Chromium sends
      // `Cache-Control: no-cache`), and `Last-Event-ID` when reconnecting.
      const fields: Field[] = [req('Host', host), keepAlive, req('Accept', 'text/event-stream'), req('Cache-Control', 'no-cache')];
      if (kind === 'sse-reconnect') fields.push(req('Last-Event-ID', String(checkNonNegInt(fn, 'lastEventId', o.lastEventId))));
      fields.push(ua, opt('Referer', origin + '/'), encoding, language);
      return { startLine: get, fields, pad: COOKIE_PAD };
    }
    case 'ws-handshake': {
      // RFC 6455 §4.1: Host, Upgrade: websocket, Connection: Upgrade,
      // Sec-WebSocket-Key, Sec-WebSocket-Version: 13, and Origin from a browser.
      const key = checkToken(fn, 'wsKey', o.wsKey ?? SAMPLE_WS_KEY, KEY_RE);
      return {
        startLine: get,
        fields: [
          req('Host', host),
          req('Connection', 'Upgrade'),
          opt('Pragma', 'no-cache'),
          opt('Cache-Control', 'no-cache'),
          ua,
          req('Upgrade', 'websocket'),
          req('Origin', origin),
          req('Sec-WebSocket-Version', '13'),
          encoding,
          language,
          req('Sec-WebSocket-Key', key),
          // Browsers always offer compression; the server's 101 declines it (no
          // Sec-WebSocket-Extensions in the answer), so frames stay uncompressed.
          opt('Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'),
        ],
        pad: COOKIE_PAD,
      };
    }
    case 'stream':
      return {
        startLine: get,
        fields: [req('Host', host), keepAlive, req('Accept', '*/*'), ua, opt('Referer', origin + '/'), encoding, language],
        pad: COOKIE_PAD,
      };
    case 'media':
      // Media elements ask for the identity coding: byte offsets must be those of the file.
      return {
        startLine: get,
        fields: [req('Host', host), keepAlive, req('Accept', '*/*'), ua, opt('Accept-Encoding', 'identity'), opt('Referer', origin + '/'), language],
        pad: COOKIE_PAD,
      };
    case 'post':
      return {
        startLine: `POST ${path} HTTP/1.1`,
        fields: [
          req('Host', host),
          keepAlive,
          req('Content-Length', String(checkNonNegInt(fn, 'contentLength', o.contentLength))),
          req('Content-Type', 'application/json'),
          opt('Accept', '*/*'),
          ua,
          opt('Origin', origin),
          opt('Referer', origin + '/'),
          encoding,
          language,
        ],
        pad: COOKIE_PAD,
      };
    default:
      throw new Error(`renderRequestHead: unknown kind ${JSON.stringify(kind)}`);
  }
}

function responsePlan(kind: ResponseKind, o: Omit<ResponseHeadOptions, 'headerBytes'>): HeadPlan {
  const fn = `renderResponseHead('${kind}')`;
  const date = imfFixdate(o.dateMs ?? WIRE_EPOCH_MS);
  if (date.length !== IMF_FIXDATE_LENGTH) throw new Error(`${fn}: bad date`);
  const server = opt('Server', 'nginx');
  const keepAlive = opt('Connection', 'keep-alive');
  const nosniff = opt('X-Content-Type-Options', 'nosniff');
  // RFC 9110 §6.6.1: an origin server with a clock MUST send Date in 2xx responses (MAY in 1xx).
  const dateField = req('Date', date);
  switch (kind) {
    case 'json':
      return {
        startLine: 'HTTP/1.1 200 OK',
        fields: [
          server,
          dateField,
          req('Content-Type', 'application/json'),
          req('Content-Length', String(checkNonNegInt(fn, 'contentLength', o.contentLength))),
          keepAlive,
          opt('Cache-Control', 'no-store'),
          nosniff,
        ],
        pad: SET_COOKIE_PAD,
      };
    case 'event-stream':
      // An SSE body has no known length, so on HTTP/1.1 it is sent with the
      // chunked coding (RFC 9112 §6.1, §7.1); each event travels in one chunk.
      return {
        startLine: 'HTTP/1.1 200 OK',
        fields: [
          server,
          dateField,
          req('Content-Type', 'text/event-stream'),
          req('Transfer-Encoding', 'chunked'),
          keepAlive,
          req('Cache-Control', 'no-cache'),
          // nginx: disable proxy buffering so events are not held back (RFC 6202 §3.2's concern).
          opt('X-Accel-Buffering', 'no'),
          nosniff,
        ],
        pad: SET_COOKIE_PAD,
      };
    case 'chunked': {
      const ct = o.contentType ?? 'application/json';
      if (ct.length > MAX_CONTENT_TYPE) throw new Error(`${fn}: contentType longer than ${MAX_CONTENT_TYPE} characters: ${JSON.stringify(ct)}`);
      checkToken(fn, 'contentType', ct, MEDIA_TYPE_RE);
      return {
        startLine: 'HTTP/1.1 200 OK',
        fields: [server, dateField, req('Content-Type', ct), req('Transfer-Encoding', 'chunked'), keepAlive, opt('X-Accel-Buffering', 'no'), nosniff],
        pad: SET_COOKIE_PAD,
      };
    }
    case 'ws-accept': {
      // RFC 6455 §4.2.2: 101, Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Accept.
      const accept = checkToken(fn, 'wsAccept', o.wsAccept ?? SAMPLE_WS_ACCEPT, ACCEPT_RE);
      return {
        startLine: 'HTTP/1.1 101 Switching Protocols',
        fields: [server, opt('Date', date), req('Upgrade', 'websocket'), req('Connection', 'Upgrade'), req('Sec-WebSocket-Accept', accept)],
        pad: SET_COOKIE_PAD,
      };
    }
    case 'no-content':
      return {
        startLine: 'HTTP/1.1 204 No Content',
        fields: [server, dateField, keepAlive],
        pad: SET_COOKIE_PAD,
      };
    default:
      throw new Error(`renderResponseHead: unknown kind ${JSON.stringify(kind)}`);
  }
}

/** Smallest headerBytes with which `renderRequestHead(kind, opts)` can succeed. */
export function minRequestHeaderBytes(kind: RequestKind, opts: Omit<RequestHeadOptions, 'headerBytes'>): number {
  return minimumOf(requestPlan(kind, opts));
}

/** Smallest headerBytes with which `renderResponseHead(kind, opts)` can succeed. */
export function minResponseHeaderBytes(kind: ResponseKind, opts: Omit<ResponseHeadOptions, 'headerBytes'> = {}): number {
  return minimumOf(responsePlan(kind, opts));
}

/** A request head of exactly `opts.headerBytes` bytes; throws below the kind's minimum. */
export function renderRequestHead(kind: RequestKind, opts: RequestHeadOptions): string {
  return renderPlan(`renderRequestHead('${kind}')`, requestPlan(kind, opts), opts.headerBytes);
}

/** A response head of exactly `opts.headerBytes` bytes; throws below the kind's minimum. */
export function renderResponseHead(kind: ResponseKind, opts: ResponseHeadOptions): string {
  return renderPlan(`renderResponseHead('${kind}')`, responsePlan(kind, opts), opts.headerBytes);
}
