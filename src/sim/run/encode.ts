// Sizes and text of every packet a technique sends, built from the wire
// formats (src/sim/wire). Sizes are plain arithmetic for every client; the
// text is a closure that the tracer calls only for the traced clients.

import type { Scenario } from '../scenario/types';
import type { PacketKind } from '../types';
import {
  LAST_CHUNK_BYTES,
  OPCODE,
  batchFramingBytes,
  chunkFramingBytes,
  encodeFrame,
  frameHeaderBytes,
  makeWebSocketKey,
  renderBatch,
  renderChunk,
  renderFrame,
  renderRequestHead,
  renderResponseHead,
  renderSseEvent,
  renderSseRetry,
  renderUpdatePayload,
  renderUpstreamPayload,
  sseEventFramingBytes,
  sseRetryBytes,
  websocketAccept,
  type RequestKind,
} from '../wire';

export interface PacketSpec {
  kind: PacketKind;
  label: string;
  header: number;
  framing: number;
  payload: number;
  text: () => string;
}

export const HOST = 'push.example';
/** Request targets, one per purpose (kept short: they must fit the smallest allowed head). */
export const PATHS = { poll: '/poll', 'long-poll': '/poll?wait=1', sse: '/events', stream: '/stream', ws: '/ws', post: '/send', media: '/video.mp4' } as const;
/** Payload text longer than this is shortened in traces (sizes are unaffected). */
const TEXT_LIMIT = 2000;

function clip(s: string): string {
  return s.length <= TEXT_LIMIT ? s : `${s.slice(0, TEXT_LIMIT)}… (${s.length - TEXT_LIMIT} more bytes)`;
}

/** Deterministic bytes for keys and masks (text only: never drawn from a random stream). */
function hashBytes(a: number, b: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let h = (Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 7, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    out[i] = h & 0xff;
  }
  return out;
}

const utf8 = new TextEncoder();

export class Encoder {
  private readonly req: number;
  private readonly res: number;
  private readonly updBytes: number;
  private readonly upBytes: number;

  constructor(
    private readonly s: Scenario,
    /** Generation time (µs) of update i, for payload text. */
    private readonly updateTime: (i: number) => number,
  ) {
    this.req = s.http.requestHeaderBytes;
    this.res = s.http.responseHeaderBytes;
    this.updBytes = s.server.payloadBytes;
    this.upBytes = s.client.payloadBytes;
    this.pollSpec = this.get('poll', PATHS.poll, 'GET /poll');
    this.longPollSpec = this.get('long-poll', PATHS['long-poll'], 'GET /poll?wait');
  }

  /** Update i's JSON text; its event id is i + 1. */
  private update(i: number): string {
    return renderUpdatePayload(i + 1, this.updateTime(i) / 1000, this.updBytes);
  }

  private get(kind: RequestKind, path: string, label: string, extra: { lastEventId?: number; wsKey?: string } = {}): PacketSpec {
    const headerBytes = this.req;
    return { kind: 'request', label, header: headerBytes, framing: 0, payload: 0, text: () => renderRequestHead(kind, { headerBytes, host: HOST, path, ...extra }) };
  }

  // Packets that never vary are built once per run (specs are immutable).
  private readonly pollSpec: PacketSpec;
  private readonly longPollSpec: PacketSpec;

  poll(): PacketSpec {
    return this.pollSpec;
  }

  longPoll(): PacketSpec {
    return this.longPollSpec;
  }

  /** A poll answer with updates first..first+count-1 as a JSON array ("[]" when none). */
  batch(first: number, count: number): PacketSpec {
    const framing = batchFramingBytes(count);
    const payload = count * this.updBytes;
    const headerBytes = this.res;
    return {
      kind: 'response',
      label: count === 0 ? '200 [] (empty)' : `200 [${count} update${count > 1 ? 's' : ''}]`,
      header: headerBytes,
      framing,
      payload,
      text: () => {
        const items: string[] = [];
        for (let i = 0; i < count; i++) items.push(this.update(first + i));
        return renderResponseHead('json', { headerBytes, contentLength: framing + payload }) + clip(renderBatch(items));
      },
    };
  }

  post(client: number, seq: number): PacketSpec {
    const headerBytes = this.req;
    const bytes = this.upBytes;
    return {
      kind: 'request',
      label: 'POST /send',
      header: headerBytes,
      framing: 0,
      payload: bytes,
      text: () => renderRequestHead('post', { headerBytes, host: HOST, path: PATHS.post, contentLength: bytes }) + clip(renderUpstreamPayload(client, seq, bytes)),
    };
  }

  noContent(): PacketSpec {
    const headerBytes = this.res;
    return { kind: 'response', label: '204 No Content', header: headerBytes, framing: 0, payload: 0, text: () => renderResponseHead('no-content', { headerBytes }) };
  }

  /** EventSource GET; `lastEventId` (the id of the last event received) when reconnecting. */
  sseOpen(lastEventId: number): PacketSpec {
    return lastEventId > 0
      ? this.get('sse-reconnect', PATHS.sse, `GET /events (Last-Event-ID: ${lastEventId})`, { lastEventId })
      : this.get('sse', PATHS.sse, 'GET /events');
  }

  /** Response head plus a first chunk carrying `retry:` so the browser uses sse.retryMs. */
  sseHead(): PacketSpec {
    const headerBytes = this.res;
    const retry = this.s.sse.retryMs;
    const retryLen = sseRetryBytes(retry);
    return {
      kind: 'response',
      label: '200 text/event-stream',
      header: headerBytes,
      framing: chunkFramingBytes(retryLen) + retryLen,
      payload: 0,
      text: () => renderResponseHead('event-stream', { headerBytes }) + renderChunk(renderSseRetry(retry)),
    };
  }

  /** One SSE event (id: i+1) in its own chunk. */
  sseEvent(i: number): PacketSpec {
    const id = i + 1;
    const sse = sseEventFramingBytes(id);
    const payload = this.updBytes;
    return {
      kind: 'event',
      label: `id: ${id}`,
      header: 0,
      framing: sse + chunkFramingBytes(sse + payload),
      payload,
      text: () => clip(renderChunk(renderSseEvent(id, this.update(i)))),
    };
  }

  streamOpen(): PacketSpec {
    return this.get('stream', PATHS.stream, 'GET /stream');
  }

  streamHead(): PacketSpec {
    const headerBytes = this.res;
    return { kind: 'response', label: '200 chunked', header: headerBytes, framing: 0, payload: 0, text: () => renderResponseHead('chunked', { headerBytes }) };
  }

  /** One update as one chunk of the streamed response. */
  streamChunk(i: number): PacketSpec {
    const payload = this.updBytes;
    return {
      kind: 'chunk',
      label: `chunk #${i + 1}`,
      header: 0,
      framing: chunkFramingBytes(payload),
      payload,
      text: () => clip(renderChunk(this.update(i))),
    };
  }

  /** The WebSocket opening handshake request (RFC 6455 §4.1). */
  wsHandshake(client: number, attempt: number): PacketSpec {
    const wsKey = makeWebSocketKey(hashBytes(client, attempt, 16));
    return { ...this.get('ws-handshake', PATHS.ws, 'GET /ws (Upgrade)', { wsKey }), kind: 'handshake' };
  }

  wsAccept(client: number, attempt: number): PacketSpec {
    const headerBytes = this.res;
    return {
      kind: 'handshake',
      label: '101 Switching Protocols',
      header: headerBytes,
      framing: 0,
      payload: 0,
      text: () => renderResponseHead('ws-accept', { headerBytes, wsAccept: websocketAccept(makeWebSocketKey(hashBytes(client, attempt, 16))) }),
    };
  }

  /** Server-to-client text frame with update i (unmasked). */
  wsUpdate(i: number): PacketSpec {
    const payload = this.updBytes;
    return {
      kind: 'frame',
      label: `text frame #${i + 1}`,
      header: 0,
      framing: frameHeaderBytes(payload, false),
      payload,
      text: () => {
        const t = this.update(i);
        return clip(renderFrame(encodeFrame({ opcode: OPCODE.text, payload: utf8.encode(t) }), t));
      },
    };
  }

  /** Client-to-server text frame (masked, RFC 6455 §5.3). */
  wsUpstream(client: number, seq: number): PacketSpec {
    const payload = this.upBytes;
    return {
      kind: 'frame',
      label: `masked frame #${seq + 1}`,
      header: 0,
      framing: frameHeaderBytes(payload, true),
      payload,
      text: () => {
        const t = renderUpstreamPayload(client, seq, payload);
        return clip(renderFrame(encodeFrame({ opcode: OPCODE.text, payload: utf8.encode(t), maskKey: hashBytes(client, seq + 1e6, 4) }), t));
      },
    };
  }

  /** Server ping with no application data: a 2-byte control frame. */
  wsPing(): PacketSpec {
    return { kind: 'ping', label: 'ping', header: 0, framing: frameHeaderBytes(0, false), payload: 0, text: () => renderFrame(encodeFrame({ opcode: OPCODE.ping, payload: new Uint8Array(0) })) };
  }

  /** The browser's automatic pong, masked like every client frame. */
  wsPong(client: number, n: number): PacketSpec {
    return {
      kind: 'pong',
      label: 'pong',
      header: 0,
      framing: frameHeaderBytes(0, true),
      payload: 0,
      text: () => renderFrame(encodeFrame({ opcode: OPCODE.pong, payload: new Uint8Array(0), maskKey: hashBytes(client, n + 2e6, 4) })),
    };
  }

  /** Terminating chunk "0\r\n\r\n" (media download end). */
  lastChunk(): PacketSpec {
    return { kind: 'chunk', label: 'last chunk', header: 0, framing: LAST_CHUNK_BYTES, payload: 0, text: () => '0\r\n\r\n' };
  }
}
