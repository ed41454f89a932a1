// How HTTP/2 (http.version 2) carries a technique's packets: the pieces of
// ../run/encode.ts, framed as RFC 9113 frames instead of HTTP/1.1 text. A
// packet opening with a head names it (`h2.head`); the connection
// HPACK-codes its header list with that connection's table at the time it
// is sent (./session.ts), so the head's bytes are not known here. A body
// travels in DATA frames (9 bytes of header each, 16 KiB at most): no
// chunked coding, so an SSE event or a streamed update is its DATA frame,
// and a stream ends with END_STREAM, an empty DATA frame when nothing is
// left to send.
//
// A WebSocket on its own connection (websocket.overHttp2 ownConnection)
// stays HTTP/1.1: its pieces are ../run/encode.ts's own. On a CONNECT
// stream (extendedConnect, RFC 8441) each frame is the payload of a DATA
// frame.

import type { Scenario } from '../scenario/types';
import type { PacketKind } from '../types';
import { dataFramingBytes } from '../wire/http2';
import { h2HeaderList } from '../wire/http2-heads';
import type { HeaderList } from '../wire/hpack';
import { boundedText } from '../run/bounded-text';
import { Encoder, dateAt, type HeadRef, type PacketSpec } from '../run/encode';
import { batchFramingBytes, utf8Length, writeBatch, type RequestKind, type ResponseKind, type SizedText } from '../wire';

/** Header lists kept per head and value; past this many (a long run's Last-Event-IDs and dates) the cache starts again. */
const MAX_CACHED_LISTS = 512;

export class Http2Encoder extends Encoder {
  /** HTTP/2 frames a body itself (RFC 9113 §8.1): no coding, each piece a DATA frame. */
  override readonly body = { coding: '(stream)', piece: 'DATA' };
  private readonly scheme: 'https' | 'http';
  private readonly lists = new Map<string, HeaderList>();
  private readonly wsOverH2: boolean;

  constructor(s: Scenario, updateTime: (i: number) => number) {
    super(s, updateTime);
    this.scheme = s.tls.version === 'none' ? 'http' : 'https';
    this.wsOverH2 = s.websocket.overHttp2 === 'extendedConnect';
    this.buildH2Specs();
  }

  /** The header list of a head sent at `sentMs` (a response's date is that second's). */
  headList(ref: HeadRef, sentMs: number): HeaderList {
    const h = this.heads;
    const o = { scheme: this.scheme, extendedConnect: ref.extendedConnect };
    if ('request' in ref) {
      const key = `${ref.request} ${ref.extra?.lastEventId ?? ''} ${ref.extra?.contentLength ?? ''}`;
      return this.cached(key, () => h2HeaderList(h.requestText(ref.request, ref.extra), o));
    }
    const dateMs = dateAt(sentMs);
    const key = `${ref.response} ${ref.n ?? ''} ${ref.contentType ?? ''} ${Math.floor(dateMs / 1000)}`;
    return this.cached(key, () => h2HeaderList(h.responseText(ref.response, { contentLength: ref.n, contentType: ref.contentType, ...ref.extra, dateMs }), o));
  }

  private cached(key: string, make: () => HeaderList): HeaderList {
    let list = this.lists.get(key);
    if (!list) {
      if (this.lists.size >= MAX_CACHED_LISTS) this.lists.clear();
      list = make();
      this.lists.set(key, list);
    }
    return list;
  }

  /** A request with no body: a HEADERS frame with END_STREAM. */
  override request(kind: RequestKind, label: string, extra?: { lastEventId?: number }): PacketSpec {
    return { kind: 'request', label: () => label, header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { request: kind, extra }, data: -1, end: true } };
  }

  /** HEADERS, then the first piece (if any) in a DATA frame; the stream stays open. */
  override streamHead(response: ResponseKind, label: string, first?: string): PacketSpec {
    const n = first === undefined ? 0 : utf8Length(first);
    return {
      kind: 'response',
      label: () => label,
      header: 0,
      framing: first === undefined ? 0 : n + dataFramingBytes(n),
      payload: 0,
      text: () => '',
      h2: first === undefined ? { head: { response }, data: -1, end: false } : { head: { response }, data: n, end: false, body: () => first },
    };
  }

  /** One piece of the body in its own DATA frame. */
  override bodyPiece(kind: PacketKind, label: (first: number) => string, own: number, payload: number, piece: (first: number, client: number) => SizedText): PacketSpec {
    return {
      kind,
      label,
      header: 0,
      framing: own + dataFramingBytes(own + payload),
      payload,
      text: () => '',
      h2: { data: own + payload, end: false, body: (first, _n, client) => boundedText((t) => piece(first, client).write(t)) },
    };
  }

  override endOfBody(): PacketSpec {
    return this.h2End;
  }

  // WebSocket: HTTP/1.1's pieces on its own connection, or a CONNECT stream (RFC 8441).

  override upgrade(wsKey: string): PacketSpec {
    if (!this.wsOverH2) return super.upgrade(wsKey);
    return { kind: 'handshake', label: () => 'CONNECT /ws (:protocol websocket)', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { request: 'ws-handshake', extendedConnect: true, extra: { wsKey } }, data: -1, end: false } };
  }

  override upgradeAccept(accept: () => string): PacketSpec {
    if (!this.wsOverH2) return super.upgradeAccept(accept);
    // RFC 8441 §5: a CONNECT stream's answer has no Sec-WebSocket-Accept, so none is computed (nor SHA-1 loaded).
    return { kind: 'handshake', label: () => '200 (WebSocket stream open)', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { response: 'ws-accept', extendedConnect: true }, data: -1, end: false } };
  }

  /** On a CONNECT stream, the frame is one DATA frame's payload: the same frame, 9 bytes more. */
  override tunnelled(p: PacketSpec): PacketSpec {
    if (!this.wsOverH2) return p;
    const n = p.framing + p.payload;
    return { ...p, framing: p.framing + dataFramingBytes(n), h2: { data: n, end: false, body: (f, c, client) => p.text(f, c, client) } };
  }

  override post(): PacketSpec {
    return this.h2Post;
  }

  override noContent(): PacketSpec {
    return this.h2NoContent;
  }

  /** A poll answer: HEADERS, then the JSON array in one DATA frame with END_STREAM. */
  override batch(count: number): PacketSpec {
    let spec = this.h2Batches.get(count);
    if (spec) return spec;
    const framing = batchFramingBytes(count);
    const payload = count * this.updBytes;
    const body = framing + payload;
    const label = count === 0 ? '200 [] (empty)' : `200 [${count} update${count > 1 ? 's' : ''}]`;
    spec = {
      kind: 'response',
      label: () => label,
      header: 0,
      framing: framing + dataFramingBytes(body),
      payload,
      text: () => '',
      h2: { head: { response: 'json', n: body }, data: body, end: true, body: (first) => boundedText((t) => writeBatch(t, count, (i) => this.updatePiece(first + i))) },
    };
    this.h2Batches.set(count, spec);
    return spec;
  }

  private readonly h2Batches = new Map<number, PacketSpec>();
  private h2Post!: PacketSpec;
  private h2NoContent!: PacketSpec;
  private h2End!: PacketSpec;

  private buildH2Specs(): void {
    const up = this.upBytes;
    this.h2Post = {
      kind: 'request',
      label: () => 'POST /send',
      header: 0,
      framing: dataFramingBytes(up),
      payload: up,
      text: () => '',
      h2: { head: { request: 'post', extra: { contentLength: up } }, data: up, end: true, body: (seq, _n, client) => boundedText((t) => this.upstreamPiece(client, seq).write(t)) },
    };
    this.h2NoContent = { kind: 'response', label: () => '204 No Content', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { response: 'no-content' }, data: -1, end: true } };
    this.h2End = { kind: 'chunk', label: () => 'END_STREAM (end of the response)', header: 0, framing: dataFramingBytes(0), payload: 0, text: () => '', h2: { data: 0, end: true, body: () => '' } };
  }
}
