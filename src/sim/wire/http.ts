// HTTP/1.1 message heads (RFC 9112 §2-§6): each kind of request and response
// the techniques send, as a profile's client and server write it, or cut to
// an exact size.
//
//   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF      (RFC 9112 §2.1)
//   field-line   = field-name ":" OWS field-value OWS             (RFC 9112 §5)
//
// A head is a plan: its start line and fields, each either *needed* (the
// standard or the technique requires it: Host, the WebSocket handshake's
// fields, Content-Length...) or *sent* (what the profile's browser or server
// adds: User-Agent, client hints, Keep-Alive...). The fields come from a
// head profile (./head-profiles.ts). Two ways to render it:
//   - as it is (no `headerBytes`): every field, nothing added; its size is
//     what that browser and server put on the wire;
//   - exactly `headerBytes` long (SPEC §3's `http.requestHeaderBytes` /
//     `http.responseHeaderBytes`, or a per-kind size): the needed fields,
//     then sent ones in order while they fit, and the rest absorbed by one
//     variable-length field whose value is opaque in real life:
//       requests: `Cookie: sid=...` (session cookies are the usual reason
//       real request heads vary from ~200 bytes to kilobytes);
//       responses: `Set-Cookie: lb=...; Path=/`, modelled on the stickiness
//       cookies that load balancers (AWS ALB `AWSALB`, HAProxy, F5) re-issue.
//     A remainder too short for that field (under about 25 bytes) is spaces
//     of optional whitespace after the first field's colon (OWS, RFC 9112
//     §5.1), so every size from the needed fields up can be hit exactly.
// Every head is pure ASCII, so its length in UTF-16 units is its byte size.

import { WIRE_EPOCH_MS, imfFixdate } from './http-date';
import { requestPlan, responsePlan, tokenFiller, type HeadPlan, type HeadProfile, type PadField } from './head-profiles';

export type RequestKind = 'poll' | 'long-poll' | 'sse' | 'sse-reconnect' | 'ws-handshake' | 'stream' | 'post' | 'media';
export type ResponseKind = 'json' | 'event-stream' | 'chunked' | 'ws-accept' | 'no-content';
export type { HeadProfile } from './head-profiles';
export { HEAD_PROFILES } from './head-profiles';

export const REQUEST_KINDS: readonly RequestKind[] = ['poll', 'long-poll', 'sse', 'sse-reconnect', 'ws-handshake', 'stream', 'post', 'media'];
export const RESPONSE_KINDS: readonly ResponseKind[] = ['json', 'event-stream', 'chunked', 'ws-accept', 'no-content'];

export interface RequestHeadOptions {
  /** Exact size of the head (start line + field lines + empty line); absent: the profile's head as it is. */
  headerBytes?: number;
  /** Whose fields: default 'chromium-node'. */
  profile?: HeadProfile;
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
  /** Exact size of the head (status line + field lines + empty line); absent: the profile's head as it is. */
  headerBytes?: number;
  /** Whose fields: default 'chromium-node'. */
  profile?: HeadProfile;
  /** Body size of a `json` response (required there). */
  contentLength?: number;
  /** Sec-WebSocket-Accept (28 base64 chars); defaults to the RFC 6455 §1.3 sample answer. */
  wsAccept?: string;
  /** Media type of a `chunked` response, default "application/json"; at most 32 characters. */
  contentType?: string;
  /** Unix time in ms for the Date field (text only; its size is fixed). Default WIRE_EPOCH_MS. */
  dateMs?: number;
}

export { SAMPLE_WS_KEY, SAMPLE_WS_ACCEPT } from './head-profiles';

const CRLF = '\r\n';

function fieldLineBytes(name: string, value: string): number {
  return name.length + 2 + value.length + 2; // "name: value" CRLF
}

/** Bytes of the head with its needed fields only. */
function neededBytes(plan: HeadPlan): number {
  let n = plan.startLine.length + 2 + 2; // start line CRLF ... final empty line CRLF
  for (const [name, value, sent] of plan.fields) if (!sent) n += fieldLineBytes(name, value);
  return n;
}

/** Bytes of the head with every field, as the profile sends it. */
function fullBytes(plan: HeadPlan): number {
  let n = plan.startLine.length + 4;
  for (const [name, value] of plan.fields) n += fieldLineBytes(name, value);
  return n;
}

/** The shortest pad field line. */
const padLineBytes = (pad: PadField) => fieldLineBytes(pad.name, pad.prefix + 'x' + pad.suffix);

function renderAsIs(plan: HeadPlan): string {
  let head = plan.startLine + CRLF;
  for (const [name, value] of plan.fields) head += name + ': ' + value + CRLF;
  return head + CRLF;
}

function renderExact(fn: string, plan: HeadPlan, headerBytes: number): string {
  if (!Number.isInteger(headerBytes)) throw new Error(`${fn}: headerBytes must be an integer, got ${headerBytes}`);
  const min = neededBytes(plan);
  if (headerBytes < min) {
    throw new Error(`${fn}: headerBytes ${headerBytes} is below the minimum ${min} bytes this head needs (start line and needed fields)`);
  }
  const padMin = padLineBytes(plan.pad);
  // Too little room for the pad field: the needed fields, the rest as spaces after the first colon.
  const ows = headerBytes < min + padMin ? headerBytes - min : 0;
  let budget = ows > 0 || headerBytes === min ? 0 : headerBytes - min - padMin;
  let head = plan.startLine + CRLF;
  let first = true;
  for (const [name, value, sent] of plan.fields) {
    if (sent) {
      // The pad stands for the profile's own field of its name (one Cookie field only: RFC 6265 §5.4).
      if (name === plan.pad.name) continue;
      // Sent fields in order while they fit.
      const n = fieldLineBytes(name, value);
      if (n > budget) continue;
      budget -= n;
    }
    head += name + ':' + ' '.repeat(first ? 1 + ows : 1) + value + CRLF;
    first = false;
  }
  if (ows === 0 && headerBytes > min) {
    const { name, prefix, suffix } = plan.pad;
    head += name + ': ' + prefix + tokenFiller(1 + budget) + suffix + CRLF;
  }
  return head + CRLF;
}

// Worst cases of the floors: a path of 16 characters, 10-digit numbers, the longest content type.
const WORST_REQUEST = { host: 'push.example', path: '/0123456789abcde', contentLength: 9_999_999_999, lastEventId: 9_999_999_999 };
const WORST_RESPONSE = { contentLength: 9_999_999_999, contentType: 'application/vnd.example-32chars!' };

/** Smallest headerBytes with which `renderRequestHead(kind, opts)` can succeed: its needed fields. */
export function minRequestHeaderBytes(kind: RequestKind, opts: Omit<RequestHeadOptions, 'headerBytes'>): number {
  return neededBytes(requestPlan(kind, opts));
}

/** Smallest headerBytes with which `renderResponseHead(kind, opts)` can succeed: its needed fields. */
export function minResponseHeaderBytes(kind: ResponseKind, opts: Omit<ResponseHeadOptions, 'headerBytes'> = {}): number {
  return neededBytes(responsePlan(kind, opts));
}

/** The floor of a request kind for any path up to 16 characters and numbers up to 10 digits (needed fields do not depend on the profile). */
export const requestFloor = (kind: RequestKind): number => minRequestHeaderBytes(kind, WORST_REQUEST);
/** The floor of a response kind likewise (content types up to 32 characters). */
export const responseFloor = (kind: ResponseKind): number => minResponseHeaderBytes(kind, WORST_RESPONSE);

/** Smallest size with which every request kind renders exactly (the WebSocket handshake's needed fields). */
export const MIN_REQUEST_HEADER_BYTES = Math.max(...REQUEST_KINDS.map(requestFloor));
/** Smallest size with which every response kind renders exactly. */
export const MIN_RESPONSE_HEADER_BYTES = Math.max(...RESPONSE_KINDS.map(responseFloor));

/** Size of the profile's own request head (no headerBytes): what `renderRequestHead` returns, without rendering it. */
export function requestHeadBytes(kind: RequestKind, opts: Omit<RequestHeadOptions, 'headerBytes'>): number {
  return fullBytes(requestPlan(kind, opts));
}

/** Size of the profile's own response head, likewise. */
export function responseHeadBytes(kind: ResponseKind, opts: Omit<ResponseHeadOptions, 'headerBytes'> = {}): number {
  return fullBytes(responsePlan(kind, opts));
}

/** A request head: the profile's own, or exactly `opts.headerBytes` bytes (throws below the kind's needed fields). */
export function renderRequestHead(kind: RequestKind, opts: RequestHeadOptions): string {
  const plan = requestPlan(kind, opts);
  return opts.headerBytes === undefined ? renderAsIs(plan) : renderExact(`renderRequestHead('${kind}')`, plan, opts.headerBytes);
}

/** A response head: the profile's own, or exactly `opts.headerBytes` bytes (throws below the kind's needed fields). */
export function renderResponseHead(kind: ResponseKind, opts: ResponseHeadOptions): string {
  const plan = responsePlan(kind, { ...opts, date: imfFixdate(opts.dateMs ?? WIRE_EPOCH_MS) });
  return opts.headerBytes === undefined ? renderAsIs(plan) : renderExact(`renderResponseHead('${kind}')`, plan, opts.headerBytes);
}

