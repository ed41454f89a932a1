// Sizes and text of every packet a technique sends, built from the wire
// formats (src/sim/wire). Sizes are plain arithmetic for every client; the
// text is a closure that the tracer calls only for the traced clients, and
// it is written by the wire formats' own writers into a bounded sink: no
// format is written here a second time.

import type { Scenario } from '../scenario/types';
import type { PacketKind } from '../types';
import { BoundedText } from './bounded-text';
import { Heads, type RequestExtra, type ResponseExtra } from './heads';
import {
  OPCODE,
  batchFramingBytes,
  chunkFramingBytes,
  decimalDigits,
  encodeFrame,
  frameHeaderBytes,
  makeWebSocketKey,
  renderChunk,
  renderFrame,
  renderSseRetry,
  renderUpdatePayload,
  renderUpstreamPayload,
  sseEventFramingBytes,
  LAST_CHUNK_BYTES,
  renderLastChunk,
  SSE_COMMENT,
  SSE_COMMENT_BYTES,
  sseRetryBytes,
  websocketAccept,
  WIRE_EPOCH_MS,
  writeBatch,
  writeChunk,
  writeFrameText,
  writeSseEvent,
  type RequestKind,
  type ResponseKind,
  type SizedText,
} from '../wire';

/**
 * One packet's kind and byte split, plus how to describe it. `label` and
 * `text` take the packet's (first, count, client) — the updates it carries
 * (or the upstream message's sequence number as `first`) and the client —
 * and are called only for traced clients, so that specs can be built once
 * and shared: a message costs no allocation here.
 */
export interface PacketSpec {
  kind: PacketKind;
  header: number;
  framing: number;
  payload: number;
  label: (first: number, count: number, client: number) => string;
  /** `sentMs`: virtual send time, shown in a response's Date field. */
  text: (first: number, count: number, client: number, sentMs?: number) => string;
  /** On HTTP/2 (src/sim/http2/encoder.ts): its frames; the connection adds the head's HPACK bytes (src/sim/http2/session.ts). */
  h2?: H2Parts;
}

/** Which head a packet opens with, for its HPACK header list. */
export type HeadRef =
  | { request: RequestKind; extra?: RequestExtra; extendedConnect?: boolean }
  | { response: ResponseKind; n?: number; contentType?: string; extra?: ResponseExtra; extendedConnect?: boolean };

/** A packet's HTTP/2 frames: a HEADERS frame if it opens with a head, a DATA frame of `data` bytes (-1: none). */
export interface H2Parts {
  head?: HeadRef;
  data: number;
  /** The last frame carries END_STREAM: the request or response is complete. */
  end: boolean;
  /** The DATA frame's payload as text, for the trace. */
  body?: (first: number, count: number, client: number) => string;
}

/** The Date field of a response sent at `sentMs` of virtual time (run start = WIRE_EPOCH_MS); always 29 characters. */
export function dateAt(sentMs = 0): number {
  return WIRE_EPOCH_MS + Math.floor(sentMs);
}


/** Deterministic bytes for keys and masks (text only: never drawn from a random stream). */
export function hashBytes(a: number, b: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let h = (Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 7, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    out[i] = h & 0xff;
  }
  return out;
}


export class Encoder {
  protected readonly heads: Heads;
  protected readonly updBytes: number;
  protected readonly upBytes: number;

  constructor(
    protected readonly s: Scenario,
    /** Generation time (µs) of update i, for payload text. */
    private readonly updateTime: (i: number) => number,
  ) {
    this.heads = new Heads(s.http);
    this.updBytes = s.server.payloadBytes;
    this.upBytes = s.client.payloadBytes;
    this.buildConstantSpecs();
  }

  /** Update i's JSON text; its event id is i + 1. */
  private update(i: number): string {
    return this.updateSized(i, this.updBytes);
  }

  /** Update i's JSON text at `bytes` bytes (a shorter one starts the same way). */
  private updateSized(i: number, bytes: number): string {
    return renderUpdatePayload(i + 1, this.updateTime(i) / 1000, bytes);
  }

  /** Update i's payload as a piece a sink renders only as far as it shows. */
  protected updatePiece(i: number): SizedText {
    const bytes = this.updBytes;
    return { bytes, write: (sink) => sink.addSized(bytes, (m) => this.updateSized(i, m)) };
  }

  /** Upstream message `seq` of `client`'s payload, likewise. */
  protected upstreamPiece(client: number, seq: number): SizedText {
    const bytes = this.upBytes;
    return { bytes, write: (sink) => sink.addSized(bytes, (m) => renderUpstreamPayload(client, seq, m)) };
  }

  private get(kind: RequestKind, label: string, extra: { lastEventId?: number; wsKey?: string } = {}): PacketSpec {
    const heads = this.heads;
    return { kind: 'request', label: () => label, header: heads.request(kind, extra.lastEventId), framing: 0, payload: 0, text: () => heads.requestText(kind, extra) };
  }

  poll(): PacketSpec {
    return this.pollSpec;
  }

  longPoll(): PacketSpec {
    return this.longPollSpec;
  }

  /** A poll answer with `count` updates (first..first+count-1) as a JSON array ("[]" when none). */
  batch(count: number): PacketSpec {
    return this.batchSpecs[count] ?? this.batchSpec(count);
  }

  /** Made once per count, in its own method: the closures here would make V8 allocate batch()'s context on every call. */
  private batchSpec(count: number): PacketSpec {
    const framing = batchFramingBytes(count);
    const payload = count * this.updBytes;
    const heads = this.heads;
    const label = count === 0 ? '200 [] (empty)' : `200 [${count} update${count > 1 ? 's' : ''}]`;
    const spec: PacketSpec = {
      kind: 'response',
      label: () => label,
      header: heads.response('json', framing + payload),
      framing,
      payload,
      text: (first, _n, _c, sentMs) => {
        const body = new BoundedText();
        writeBatch(body, count, (i) => this.updatePiece(first + i));
        return heads.responseText('json', { contentLength: framing + payload, dateMs: dateAt(sentMs) }) + body.toString();
      },
    };
    this.batchSpecs[count] = spec;
    return spec;
  }

  /** POST of upstream message `first` (its sequence number). */
  post(): PacketSpec {
    return this.postSpec;
  }

  noContent(): PacketSpec {
    return this.noContentSpec;
  }

  /** EventSource GET; `lastEventId` (the id of the last event received) when reconnecting. */
  sseOpen(lastEventId: number): PacketSpec {
    return lastEventId > 0
      ? this.get('sse-reconnect', `GET /events (Last-Event-ID: ${lastEventId})`, { lastEventId })
      : this.get('sse', 'GET /events');
  }

  /** Response head plus a first chunk carrying `retry:` so the browser uses sse.retryMs. */
  sseHead(): PacketSpec {
    const heads = this.heads;
    const retry = this.s.sse.retryMs;
    const retryLen = sseRetryBytes(retry);
    return {
      kind: 'response',
      label: () => '200 text/event-stream',
      header: heads.response('event-stream'),
      framing: chunkFramingBytes(retryLen) + retryLen,
      payload: 0,
      text: (_f, _n, _c, sentMs) => heads.responseText('event-stream', { dateMs: dateAt(sentMs) }) + renderChunk(renderSseRetry(retry)),
    };
  }

  /** One SSE event (id: i+1); sizes depend only on the id's digit count, so one spec per count. */
  sseEvent(i: number): PacketSpec {
    const id = i + 1;
    return (this.sseSpecs[decimalDigits(id)] ??= this.sseEventSpec(sseEventFramingBytes(id), this.updBytes));
  }

  /** An SSE event with `sse` bytes of its own lines around `payload`: here in its own chunk (HTTP/2 overrides: a DATA frame). */
  protected sseEventSpec(sse: number, payload: number): PacketSpec {
    return {
      kind: 'event',
      label: (first) => `id: ${first + 1}`,
      header: 0,
      framing: sse + chunkFramingBytes(sse + payload),
      payload,
      text: (first) => {
        // renderChunk(renderSseEvent(id, payload)), the event one chunk.
        const text = new BoundedText();
        writeChunk(text, { bytes: sse + payload, write: (sink) => writeSseEvent(sink, first + 1, [this.updatePiece(first)]) });
        return text.toString();
      },
    };
  }

  streamOpen(): PacketSpec {
    return this.get('stream', 'GET /stream');
  }

  streamHead(): PacketSpec {
    const heads = this.heads;
    return { kind: 'response', label: () => '200 chunked', header: heads.response('chunked'), framing: 0, payload: 0, text: (_f, _n, _c, sentMs) => heads.responseText('chunked', { dateMs: dateAt(sentMs) }) };
  }

  /** One update as one chunk of the streamed response. */
  streamChunk(): PacketSpec {
    return this.chunkSpec;
  }

  /** The WebSocket opening handshake request (RFC 6455 §4.1). */
  wsHandshake(client: number, attempt: number): PacketSpec {
    const wsKey = makeWebSocketKey(hashBytes(client, attempt, 16));
    return { ...this.get('ws-handshake', 'GET /ws (Upgrade)', { wsKey }), kind: 'handshake' };
  }

  wsAccept(client: number, attempt: number): PacketSpec {
    const heads = this.heads;
    return {
      kind: 'handshake',
      label: () => '101 Switching Protocols',
      header: heads.response('ws-accept'),
      framing: 0,
      payload: 0,
      text: (_f, _n, _c, sentMs) =>
        heads.responseText('ws-accept', { wsAccept: websocketAccept(makeWebSocketKey(hashBytes(client, attempt, 16))), dateMs: dateAt(sentMs) }),
    };
  }

  /** Server-to-client text frame with one update (unmasked). */
  wsUpdate(): PacketSpec {
    return this.wsUpdateSpec;
  }

  /** Client-to-server text frame of upstream message `first` (masked, RFC 6455 §5.3). */
  wsUpstream(): PacketSpec {
    return this.wsUpstreamSpec;
  }

  /** Server ping with no application data: a 2-byte control frame. */
  wsPing(): PacketSpec {
    return this.pingSpec;
  }

  /** The last chunk (RFC 9112 §7.1: size 0, then the empty trailer line): a chunked response ends, its connection stays. */
  lastChunk(): PacketSpec {
    return this.lastChunkSpec;
  }

  /** An SSE comment line in its own chunk, to keep an idle stream alive (sse.heartbeatMs): framing only. */
  sseHeartbeat(): PacketSpec {
    return this.heartbeatSpec;
  }

  /** The browser's automatic pong (number `first`), masked like every client frame. */
  wsPong(): PacketSpec {
    return this.pongSpec;
  }

  // Specs that never vary are built once per run.
  /** By update count (an array: a Map's lookup was an allocation per poll). */
  private readonly batchSpecs: PacketSpec[] = [];
  private readonly sseSpecs: (PacketSpec | undefined)[] = [];
  private pollSpec!: PacketSpec;
  private longPollSpec!: PacketSpec;
  private postSpec!: PacketSpec;
  private noContentSpec!: PacketSpec;
  private chunkSpec!: PacketSpec;
  private wsUpdateSpec!: PacketSpec;
  private wsUpstreamSpec!: PacketSpec;
  private pingSpec!: PacketSpec;
  private pongSpec!: PacketSpec;
  private heartbeatSpec!: PacketSpec;
  private readonly lastChunkSpec: PacketSpec = { kind: 'chunk', label: () => '0 (end of the response)', header: 0, framing: LAST_CHUNK_BYTES, payload: 0, text: () => renderLastChunk() };

  private buildConstantSpecs(): void {
    const heads = this.heads;
    const upd = this.updBytes;
    const up = this.upBytes;
    this.pollSpec = this.get('poll', 'GET /poll');
    this.longPollSpec = this.get('long-poll', 'GET /poll?wait');
    this.postSpec = {
      kind: 'request',
      label: () => 'POST /send',
      header: heads.request('post', up),
      framing: 0,
      payload: up,
      text: (seq, _n, client) => {
        const body = new BoundedText();
        this.upstreamPiece(client, seq).write(body);
        return heads.requestText('post', { contentLength: up }) + body.toString();
      },
    };
    this.noContentSpec = { kind: 'response', label: () => '204 No Content', header: heads.response('no-content'), framing: 0, payload: 0, text: (_f, _n, _c, sentMs) => heads.responseText('no-content', { dateMs: dateAt(sentMs) }) };
    this.chunkSpec = {
      kind: 'chunk',
      label: (first) => `chunk #${first + 1}`,
      header: 0,
      framing: chunkFramingBytes(upd),
      payload: upd,
      text: (first) => {
        const text = new BoundedText();
        writeChunk(text, this.updatePiece(first));
        return text.toString();
      },
    };
    this.wsUpdateSpec = {
      kind: 'frame',
      label: (first) => `text frame #${first + 1}`,
      header: 0,
      framing: frameHeaderBytes(upd, false),
      payload: upd,
      // Only what the trace shows is rendered: the head, then the payload up to the cut (ASCII: one byte a character).
      text: (first) => {
        const text = new BoundedText();
        writeFrameText(text, OPCODE.text, this.updatePiece(first));
        return text.toString();
      },
    };
    this.wsUpstreamSpec = {
      kind: 'frame',
      label: (seq) => `masked frame #${seq + 1}`,
      header: 0,
      framing: frameHeaderBytes(up, true),
      payload: up,
      text: (seq, _n, client) => {
        const text = new BoundedText();
        writeFrameText(text, OPCODE.text, this.upstreamPiece(client, seq), hashBytes(client, seq + 1e6, 4));
        return text.toString();
      },
    };
    this.heartbeatSpec = {
      kind: 'ping',
      label: () => ': keep-alive',
      header: 0,
      framing: chunkFramingBytes(SSE_COMMENT_BYTES) + SSE_COMMENT_BYTES,
      payload: 0,
      text: () => renderChunk(SSE_COMMENT),
    };
    this.pingSpec = { kind: 'ping', label: () => 'ping', header: 0, framing: frameHeaderBytes(0, false), payload: 0, text: () => renderFrame(encodeFrame({ opcode: OPCODE.ping, payload: new Uint8Array(0) })) };
    this.pongSpec = {
      kind: 'pong',
      label: () => 'pong',
      header: 0,
      framing: frameHeaderBytes(0, true),
      payload: 0,
      text: (n, _c, client) => renderFrame(encodeFrame({ opcode: OPCODE.pong, payload: new Uint8Array(0), maskKey: hashBytes(client, n + 2e6, 4) })),
    };
  }
}
