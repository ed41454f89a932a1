// The packets of every technique on HTTP/2 (http.version 2): the same
// messages as ./encode.ts, framed as RFC 9113 frames instead of HTTP/1.1
// text. A packet opening with a head names it (`h2.head`); the connection
// HPACK-codes its header list with that connection's table at the time it
// is sent (./session.ts), so the head's bytes are not known here. A
// body travels in DATA frames (9 bytes of header each, 16 KiB at most): no
// chunked coding, so an SSE event or a streamed update is its DATA frame,
// and a stream ends with END_STREAM, an empty DATA frame when nothing is
// left to send.
//
// A WebSocket on its own connection (websocket.overHttp2 ownConnection)
// stays HTTP/1.1: those packets are ./encode.ts's own.

import type { Scenario } from '../scenario/types';
import { dataFramingBytes } from '../wire/http2';
import { h2HeaderList } from '../wire/http2-heads';
import type { HeaderList } from '../wire/hpack';
import { BoundedText } from '../run/bounded-text';
import { Encoder, dateAt, hashBytes, type HeadRef, type PacketSpec } from '../run/encode';
import {
  OPCODE,
  SSE_COMMENT,
  SSE_COMMENT_BYTES,
  batchFramingBytes,
  frameHeaderBytes,
  makeWebSocketKey,
  renderSseRetry,
  sseRetryBytes,
  websocketAccept,
  writeBatch,
  writeFrameText,
  writeSseEvent,
  type RequestKind,
} from '../wire';

/** Header lists kept per head and value; past this many (a long run's Last-Event-IDs and dates) the cache starts again. */
const MAX_CACHED_LISTS = 512;

const written = (write: (t: BoundedText) => void): string => {
  const t = new BoundedText();
  write(t);
  return t.toString();
};

export class Http2Encoder extends Encoder {
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
    const key = `${ref.response} ${ref.n ?? ''} ${ref.contentType ?? ''} ${Math.floor(dateMs / 1000)} ${ref.extra?.wsAccept ?? ''}`;
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
  private h2Get(kind: RequestKind, label: string, extra?: { lastEventId?: number }): PacketSpec {
    return { kind: 'request', label: () => label, header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { request: kind, extra }, data: -1, end: true } };
  }

  override poll(): PacketSpec {
    return this.h2Poll;
  }

  override longPoll(): PacketSpec {
    return this.h2LongPoll;
  }

  override sseOpen(lastEventId: number): PacketSpec {
    return lastEventId > 0 ? this.h2Get('sse-reconnect', `GET /events (Last-Event-ID: ${lastEventId})`, { lastEventId }) : this.h2SseOpen;
  }

  override streamOpen(): PacketSpec {
    return this.h2StreamOpen;
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
      h2: { head: { response: 'json', n: body }, data: body, end: true, body: (first) => written((t) => writeBatch(t, count, (i) => this.updatePiece(first + i))) },
    };
    this.h2Batches.set(count, spec);
    return spec;
  }

  /** The event-stream response: HEADERS, then a DATA frame with the `retry:` line. */
  override sseHead(): PacketSpec {
    const retry = this.s.sse.retryMs;
    const n = sseRetryBytes(retry);
    return {
      kind: 'response',
      label: () => '200 text/event-stream',
      header: 0,
      framing: n + dataFramingBytes(n),
      payload: 0,
      text: () => '',
      h2: { head: { response: 'event-stream' }, data: n, end: false, body: () => renderSseRetry(retry) },
    };
  }

  /** One SSE event in its own DATA frame. */
  protected override sseEventSpec(sse: number, payload: number): PacketSpec {
    return {
      kind: 'event',
      label: (first) => `id: ${first + 1}`,
      header: 0,
      framing: sse + dataFramingBytes(sse + payload),
      payload,
      text: () => '',
      h2: { data: sse + payload, end: false, body: (first) => written((t) => writeSseEvent(t, first + 1, [this.updatePiece(first)])) },
    };
  }

  override streamHead(): PacketSpec {
    return this.h2StreamHead;
  }

  override streamChunk(): PacketSpec {
    return this.h2Chunk;
  }

  override lastChunk(): PacketSpec {
    return this.h2End;
  }

  override sseHeartbeat(): PacketSpec {
    return this.h2Heartbeat;
  }

  // WebSocket: HTTP/1.1's packets on its own connection, or a CONNECT stream (RFC 8441).

  override wsHandshake(client: number, attempt: number): PacketSpec {
    if (!this.wsOverH2) return super.wsHandshake(client, attempt);
    return { kind: 'handshake', label: () => 'CONNECT /ws (:protocol websocket)', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { request: 'ws-handshake', extendedConnect: true, extra: { wsKey: makeWebSocketKey(hashBytes(client, attempt, 16)) } }, data: -1, end: false } };
  }

  override wsAccept(client: number, attempt: number): PacketSpec {
    if (!this.wsOverH2) return super.wsAccept(client, attempt);
    const wsAccept = websocketAccept(makeWebSocketKey(hashBytes(client, attempt, 16)));
    return { kind: 'handshake', label: () => '200 (WebSocket stream open)', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { response: 'ws-accept', extendedConnect: true, extra: { wsAccept } }, data: -1, end: false } };
  }

  override wsUpdate(): PacketSpec {
    return this.wsOverH2 ? this.h2WsUpdate : super.wsUpdate();
  }

  override wsUpstream(): PacketSpec {
    return this.wsOverH2 ? this.h2WsUpstream : super.wsUpstream();
  }

  override wsPing(): PacketSpec {
    return this.wsOverH2 ? this.h2WsPing : super.wsPing();
  }

  override wsPong(): PacketSpec {
    return this.wsOverH2 ? this.h2WsPong : super.wsPong();
  }

  /** An HTTP/1.1 WebSocket packet carried in one DATA frame of the CONNECT stream: the same frame, 9 bytes more. */
  private inData(p: PacketSpec): PacketSpec {
    const n = p.framing + p.payload;
    return { ...p, framing: p.framing + dataFramingBytes(n), h2: { data: n, end: false, body: (f, c, client) => p.text(f, c, client) } };
  }

  private readonly h2Batches = new Map<number, PacketSpec>();
  private h2Poll!: PacketSpec;
  private h2LongPoll!: PacketSpec;
  private h2SseOpen!: PacketSpec;
  private h2StreamOpen!: PacketSpec;
  private h2Post!: PacketSpec;
  private h2NoContent!: PacketSpec;
  private h2StreamHead!: PacketSpec;
  private h2Chunk!: PacketSpec;
  private h2End!: PacketSpec;
  private h2Heartbeat!: PacketSpec;
  private h2WsUpdate!: PacketSpec;
  private h2WsUpstream!: PacketSpec;
  private h2WsPing!: PacketSpec;
  private h2WsPong!: PacketSpec;

  private buildH2Specs(): void {
    const upd = this.updBytes;
    const up = this.upBytes;
    this.h2Poll = this.h2Get('poll', 'GET /poll');
    this.h2LongPoll = this.h2Get('long-poll', 'GET /poll?wait');
    this.h2SseOpen = this.h2Get('sse', 'GET /events');
    this.h2StreamOpen = this.h2Get('stream', 'GET /stream');
    this.h2Post = {
      kind: 'request',
      label: () => 'POST /send',
      header: 0,
      framing: dataFramingBytes(up),
      payload: up,
      text: () => '',
      h2: { head: { request: 'post', extra: { contentLength: up } }, data: up, end: true, body: (seq, _n, client) => written((t) => this.upstreamPiece(client, seq).write(t)) },
    };
    this.h2NoContent = { kind: 'response', label: () => '204 No Content', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { response: 'no-content' }, data: -1, end: true } };
    this.h2StreamHead = { kind: 'response', label: () => '200 (stream)', header: 0, framing: 0, payload: 0, text: () => '', h2: { head: { response: 'chunked' }, data: -1, end: false } };
    this.h2Chunk = {
      kind: 'chunk',
      label: (first) => `DATA #${first + 1}`,
      header: 0,
      framing: dataFramingBytes(upd),
      payload: upd,
      text: () => '',
      h2: { data: upd, end: false, body: (first) => written((t) => this.updatePiece(first).write(t)) },
    };
    this.h2End = { kind: 'chunk', label: () => 'END_STREAM (end of the response)', header: 0, framing: dataFramingBytes(0), payload: 0, text: () => '', h2: { data: 0, end: true, body: () => '' } };
    this.h2Heartbeat = {
      kind: 'ping',
      label: () => ': keep-alive',
      header: 0,
      framing: SSE_COMMENT_BYTES + dataFramingBytes(SSE_COMMENT_BYTES),
      payload: 0,
      text: () => '',
      h2: { data: SSE_COMMENT_BYTES, end: false, body: () => SSE_COMMENT },
    };
    this.h2WsUpdate = this.inData({
      kind: 'frame',
      label: (first) => `text frame #${first + 1}`,
      header: 0,
      framing: frameHeaderBytes(upd, false),
      payload: upd,
      text: (first) => written((t) => writeFrameText(t, OPCODE.text, this.updatePiece(first))),
    });
    this.h2WsUpstream = this.inData(super.wsUpstream());
    this.h2WsPing = this.inData(super.wsPing());
    this.h2WsPong = this.inData(super.wsPong());
  }
}
