// How HTTP carries a technique's packets, and the packets that several
// techniques share: the run's packet kit. Each technique says what it sends
// in its own src/sim/techniques/<id>/packets.ts, from this kit's pieces: a
// request, a response head, a piece of a streamed body, the body's end, a
// WebSocket's opening and its frames. HTTP/1.1 carries them here (heads as
// text, bodies in chunks, RFC 9112); HTTP/2 (src/sim/http2/encoder.ts)
// overrides the pieces (HEADERS and DATA frames, RFC 9113; a WebSocket on a
// CONNECT stream, RFC 8441). The answers to a poll and to an upstream POST,
// which the server session sends whatever the technique, are here too.
//
// Sizes are plain arithmetic for every client; the text is a closure that
// the tracer calls only for the traced clients, and it is written by the wire
// formats' own writers into a bounded sink: no format is written here a
// second time.

import type { Scenario } from '../scenario/types';
import type { PacketKind } from '../types';
import { boundedText } from './bounded-text';
import { Heads, type RequestExtra, type ResponseExtra } from './heads';
import {
  batchFramingBytes,
  chunkFramingBytes,
  LAST_CHUNK_BYTES,
  renderChunk,
  renderLastChunk,
  renderUpdatePayload,
  renderUpstreamPayload,
  utf8Length,
  WIRE_EPOCH_MS,
  writeBatch,
  writeChunk,
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

export class Encoder {
  /** How the run's HTTP version carries a streamed body, for the trace's labels: its coding, and what one piece is (RFC 9112 §7.1's chunks). */
  readonly body: { coding: string; piece: string } = { coding: 'chunked', piece: 'chunk' };
  readonly heads: Heads;
  /** Bytes of an update's payload, and of an upstream message's. */
  readonly updBytes: number;
  readonly upBytes: number;

  constructor(
    readonly s: Scenario,
    /** Generation time (µs) of update i, for payload text. */
    private readonly updateTime: (i: number) => number,
  ) {
    this.heads = new Heads(s.http);
    this.updBytes = s.server.payloadBytes;
    this.upBytes = s.client.payloadBytes;
    this.buildSharedSpecs();
  }

  /** Update i's JSON text at `bytes` bytes (a shorter one starts the same way); its event id is i + 1. */
  private updateSized(i: number, bytes: number): string {
    return renderUpdatePayload(i + 1, this.updateTime(i) / 1000, bytes);
  }

  /** Update i's payload as a piece a sink renders only as far as it shows. */
  updatePiece(i: number): SizedText {
    const bytes = this.updBytes;
    return { bytes, write: (sink) => sink.addSized(bytes, (m) => this.updateSized(i, m)) };
  }

  /** Upstream message `seq` of `client`'s payload, likewise. */
  upstreamPiece(client: number, seq: number): SizedText {
    const bytes = this.upBytes;
    return { bytes, write: (sink) => sink.addSized(bytes, (m) => renderUpstreamPayload(client, seq, m)) };
  }

  // The pieces a technique's packets are made of (HTTP/2 overrides each).

  /** A request with no body (a GET): its head alone. */
  request(kind: RequestKind, label: string, extra: { lastEventId?: number } = {}): PacketSpec {
    return this.textRequest(kind, label, extra);
  }

  /** An HTTP/1.1 request head (not overridden: a WebSocket on its own connection sends one on an HTTP/2 run too). */
  private textRequest(kind: RequestKind, label: string, extra: { lastEventId?: number; wsKey?: string }): PacketSpec {
    const heads = this.heads;
    return { kind: 'request', label: () => label, header: heads.request(kind, extra.lastEventId), framing: 0, payload: 0, text: () => heads.requestText(kind, extra) };
  }

  /**
   * The head of a response whose body streams (text/event-stream, chunked),
   * with a first piece of the technique's own framing (`first`: SSE's
   * `retry:` line) or none: that piece is a chunk here.
   */
  streamHead(response: ResponseKind, label: string, first?: string): PacketSpec {
    const heads = this.heads;
    const n = first === undefined ? 0 : utf8Length(first);
    const tail = first === undefined ? '' : renderChunk(first);
    return {
      kind: 'response',
      label: () => label,
      header: heads.response(response),
      framing: first === undefined ? 0 : chunkFramingBytes(n) + n,
      payload: 0,
      text: (_f, _n, _c, sentMs) => heads.responseText(response, { dateMs: dateAt(sentMs) }) + tail,
    };
  }

  /**
   * One piece of a streamed body: `own` bytes of the technique's framing
   * (an SSE event's lines) around `payload` bytes of updates, written by
   * `piece`; here one chunk (RFC 9112 §7.1).
   */
  bodyPiece(kind: PacketKind, label: (first: number) => string, own: number, payload: number, piece: (first: number, client: number) => SizedText): PacketSpec {
    return {
      kind,
      label,
      header: 0,
      framing: own + chunkFramingBytes(own + payload),
      payload,
      text: (first, _n, client) => boundedText((t) => writeChunk(t, piece(first, client))),
    };
  }

  /** The end of a streamed body: the last chunk (RFC 9112 §7.1: size 0, then the empty trailer line); the connection stays. */
  endOfBody(): PacketSpec {
    return this.lastChunkSpec;
  }

  /** The WebSocket opening handshake's request (RFC 6455 §4.1), with the key `wsKey`. */
  upgrade(wsKey: string): PacketSpec {
    return { ...this.textRequest('ws-handshake', 'GET /ws (Upgrade)', { wsKey }), kind: 'handshake' };
  }

  /** Its answer, with the accept value `accept()` gives (RFC 6455 §4.2.2; SHA-1, so worked out only for a traced text). */
  upgradeAccept(accept: () => string): PacketSpec {
    const heads = this.heads;
    return {
      kind: 'handshake',
      label: () => '101 Switching Protocols',
      header: heads.response('ws-accept'),
      framing: 0,
      payload: 0,
      text: (_f, _n, _c, sentMs) => heads.responseText('ws-accept', { wsAccept: accept(), dateMs: dateAt(sentMs) }),
    };
  }

  /** A WebSocket frame as the connection carries it: as it is on HTTP/1.1 (the connection is the socket once upgraded). */
  tunnelled(frame: PacketSpec): PacketSpec {
    return frame;
  }

  // What the server session sends whatever the technique.

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
      text: (first, _n, _c, sentMs) =>
        heads.responseText('json', { contentLength: framing + payload, dateMs: dateAt(sentMs) }) + boundedText((t) => writeBatch(t, count, (i) => this.updatePiece(first + i))),
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

  // Specs that never vary are built once per run.
  /** By update count (an array: a Map's lookup was an allocation per poll). */
  private readonly batchSpecs: PacketSpec[] = [];
  private postSpec!: PacketSpec;
  private noContentSpec!: PacketSpec;
  private readonly lastChunkSpec: PacketSpec = { kind: 'chunk', label: () => '0 (end of the response)', header: 0, framing: LAST_CHUNK_BYTES, payload: 0, text: () => renderLastChunk() };

  private buildSharedSpecs(): void {
    const heads = this.heads;
    const up = this.upBytes;
    this.postSpec = {
      kind: 'request',
      label: () => 'POST /send',
      header: heads.request('post', up),
      framing: 0,
      payload: up,
      text: (seq, _n, client) => heads.requestText('post', { contentLength: up }) + boundedText((t) => this.upstreamPiece(client, seq).write(t)),
    };
    this.noContentSpec = { kind: 'response', label: () => '204 No Content', header: heads.response('no-content'), framing: 0, payload: 0, text: (_f, _n, _c, sentMs) => heads.responseText('no-content', { dateMs: dateAt(sentMs) }) };
  }
}
