// What Server-Sent Events put on the wire (WHATWG HTML §9.2): the
// EventSource's GET (with Last-Event-ID when it reconnects), the
// text/event-stream response whose first piece is a `retry:` line, one
// event per update (`id:`, `data:`, blank line), a comment line that keeps
// an idle stream alive, and the body's end when the server closes the stream
// cleanly. The run's HTTP version carries each piece (../../run/encode.ts:
// a chunk on HTTP/1.1, a DATA frame on HTTP/2).

import type { Encoder, PacketSpec } from '../../run/encode';
import { decimalDigits, renderSseRetry, SSE_COMMENT, SSE_COMMENT_BYTES, sseEventFramingBytes, textPiece, writeSseEvent } from '../../wire';

export interface SsePackets {
  /** The GET; `lastEventId` (the id of the last event received) when reconnecting. */
  open(lastEventId: number): PacketSpec;
  readonly head: PacketSpec;
  /** Update i as event id i + 1. */
  event(i: number): PacketSpec;
  readonly heartbeat: PacketSpec;
  readonly end: PacketSpec;
}

export function ssePackets(enc: Encoder): SsePackets {
  const first = enc.request('sse', 'GET /events');
  const payload = enc.updBytes;
  /** By the id's digit count: an event's size depends on nothing else. */
  const events: (PacketSpec | undefined)[] = [];
  const eventOf = (own: number) =>
    enc.bodyPiece('event', (i) => `id: ${i + 1}`, own, payload, (i) => ({ bytes: own + payload, write: (sink) => writeSseEvent(sink, i + 1, [enc.updatePiece(i)]) }));
  return {
    open: (lastEventId) => (lastEventId > 0 ? enc.request('sse-reconnect', `GET /events (Last-Event-ID: ${lastEventId})`, { lastEventId }) : first),
    // The first piece tells the browser the reconnection time (sse.retryMs).
    head: enc.streamHead('event-stream', '200 text/event-stream', renderSseRetry(enc.s.sse.retryMs)),
    event: (i) => (events[decimalDigits(i + 1)] ??= eventOf(sseEventFramingBytes(i + 1))),
    heartbeat: enc.bodyPiece('ping', () => ': keep-alive', SSE_COMMENT_BYTES, 0, () => textPiece(SSE_COMMENT)),
    end: enc.endOfBody(),
  };
}
