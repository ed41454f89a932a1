// An HTTP head on HTTP/2: the header list that the same request or response
// carries there (RFC 9113 §8.3: pseudo-header fields for the start line and
// Host, lowercase names, no connection-specific fields), and how each end's
// HPACK encoder chooses what to add to its dynamic table.
//
// The list is derived from the HTTP/1.1 head that ./http.ts renders, so a
// head profile and an exact head size (http.requestHeaderBytes...) mean the
// same fields on either version.

import type { HeaderList, HpackOptions } from './hpack';
import { entrySize } from './hpack';

/** Connection-specific fields, not sent on HTTP/2 (RFC 9113 §8.2.2), and Host, which :authority replaces (§8.3.1). */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);
/** RFC 8441 §5: extended CONNECT replaces the key and accept handshake with :protocol. */
const WS_HANDSHAKE_FIELDS = new Set(['sec-websocket-key', 'sec-websocket-accept']);

export interface H2HeadOptions {
  scheme: 'https' | 'http';
  /** The head is a WebSocket opening over HTTP/2 (RFC 8441): CONNECT with :protocol, answered 200. */
  extendedConnect?: boolean;
}

/** The header list of an HTTP/1.1 head's text (start line, field lines, CRLF each, then an empty line). */
export function h2HeaderList(head: string, o: H2HeadOptions): [string, string][] {
  const lines = head.split('\r\n');
  const start = lines[0];
  const fields: [string, string][] = [];
  let authority = '';
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (name === 'host') authority = value;
    if (DROPPED.has(name) || (o.extendedConnect && WS_HANDSHAKE_FIELDS.has(name))) continue;
    // A cookie goes as one field per cookie-pair, so each compresses on its own (RFC 9113 §8.2.3), as Chromium sends it.
    if (name === 'cookie') for (const crumb of value.split(/;\s*/)) fields.push([name, crumb]);
    else fields.push([name, value]);
  }
  if (start.startsWith('HTTP/')) {
    const status = start.split(' ')[1];
    return [[':status', o.extendedConnect && status === '101' ? '200' : status], ...fields];
  }
  const [method, path] = start.split(' ');
  // Chromium's order: method, authority, scheme, path (and :protocol for a WebSocket).
  const pseudo: [string, string][] = o.extendedConnect
    ? [[':method', 'CONNECT'], [':authority', authority], [':scheme', o.scheme], [':path', path], [':protocol', 'websocket']]
    : [[':method', method], [':authority', authority], [':scheme', o.scheme], [':path', path]];
  return [...pseudo, ...fields];
}

/**
 * Chromium's HPACK encoder (quiche's HpackEncoder, default policy): every
 * field goes into the dynamic table except pseudo-header fields, of which
 * only :authority does (the others are indexed only when the static table
 * has them whole, like `:method: GET`).
 */
export const CHROMIUM_HPACK: HpackOptions = {
  tableSize: 4096, // the server's SETTINGS_HEADER_TABLE_SIZE: Node leaves RFC 9113's initial 4096
  index: (name) => name[0] !== ':' || name === ':authority',
};

/** Fields nghttp2 (Node's HTTP/2) never adds to its table: values that change on every message. */
const NGHTTP2_NOT_INDEXED = new Set([':path', 'age', 'content-length', 'etag', 'if-modified-since', 'if-none-match', 'location', 'set-cookie']);

/**
 * nghttp2's deflater (Node's http2 server): every field except those above
 * and any entry over three quarters of its table (nghttp2's
 * hd_deflate_should_indexing); its table is 4096 bytes whatever larger size
 * the browser allows.
 */
export const NGHTTP2_HPACK: HpackOptions = {
  tableSize: 4096,
  index: (name, value) => !NGHTTP2_NOT_INDEXED.has(name) && entrySize(name, value) <= (4096 * 3) / 4,
};

/** The header list as the trace shows it: one `name: value` line per field. */
export function listText(list: HeaderList): string {
  return list.map(([n, v]) => `${n}: ${v}`).join('\n');
}
