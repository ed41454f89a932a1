// Server-sent events stream format (WHATWG HTML, "Server-sent events",
// §9.2.5 "Parsing an event stream" / §9.2.6 "Interpreting an event stream").
//
// One event per update:   "id: <n>" LF  "data: <line>" LF (one per payload line)  LF
// Once at stream start:   "retry: <ms>" LF LF
// Heartbeat comment:      ": keep-alive" LF LF
//
// We write LF line ends (the spec accepts CRLF, LF or CR) and one space after
// the colon (the parser strips exactly one leading space). SPEC §2 counts as
// `framing` everything except the payload lines' own text: field names, ": ",
// the id digits, line ends and the blank line that dispatches the event.
// Over HTTP/1.1 the stream is a chunked body (see http.ts 'event-stream'):
// the simulation wraps each event in one chunk and adds chunkFramingBytes()
// itself; this file knows nothing about chunks.

import { decimalDigits, utf8Length } from './bytes';
import { textPiece, written, type SizedText, type TextSink } from './sink';

/** "id: " + digits + LF. */
function idLineBytes(id: number): number {
  return 4 + decimalDigits(id) + 1;
}

/**
 * Framing bytes of one event with id `id` whose payload has `dataLines`
 * lines (>= 1; a single-line JSON update has 1): the id line, "data: " and
 * LF per payload line, and the blank line.
 */
export function sseEventFramingBytes(id: number, dataLines = 1): number {
  if (!Number.isInteger(dataLines) || dataLines < 1) throw new Error(`sseEventFramingBytes: dataLines must be an integer >= 1, got ${dataLines}`);
  return idLineBytes(id) + dataLines * 7 + 1;
}

/**
 * The payload as the event stream carries it: one `data:` line per line.
 * CRLF, LF and CR all end a line in the stream (spec: end-of-line), so a
 * payload is split on all three; the line ends become framing.
 */
export function ssePayloadLines(payload: string): string[] {
  return payload.split(/\r\n|\r|\n/);
}

/** Framing and payload bytes of the event `renderSseEvent(id, payload)` would produce. */
export function sseEventBytes(id: number, payload: string): { framing: number; payload: number } {
  const lines = ssePayloadLines(payload);
  let p = 0;
  for (const l of lines) p += utf8Length(l);
  return { framing: sseEventFramingBytes(id, lines.length), payload: p };
}

/**
 * One event. The browser dispatches a MessageEvent whose `data` is the lines
 * joined with LF (so a CRLF inside the payload arrives as LF) and sets
 * `lastEventId` to the id. Note: an event with an empty payload still has one
 * `data:` line, so it is dispatched with data "".
 */
export function renderSseEvent(id: number, payload: string): string {
  return written((sink) => writeSseEvent(sink, id, ssePayloadLines(payload).map(textPiece)));
}

/** The event of `renderSseEvent`, its payload given as lines (none of them holding a line end). */
export function writeSseEvent(sink: TextSink, id: number, lines: readonly SizedText[]): void {
  decimalDigits(id); // validates id
  sink.add('id: ' + id + '\n');
  for (const line of lines) {
    sink.add('data: ');
    line.write(sink);
    sink.add('\n');
  }
  sink.add('\n');
}

/** "retry: " + digits + LF + LF (the blank line ends the block; no event fires as data is empty). */
export function sseRetryBytes(ms: number): number {
  return 7 + decimalDigits(ms) + 2;
}

/** Sets the EventSource's reconnection time (ms, ASCII digits only per the spec). */
export function renderSseRetry(ms: number): string {
  decimalDigits(ms);
  return 'retry: ' + ms + '\n\n';
}

/**
 * Heartbeat: a comment line (starts with ":") that the parser ignores; the
 * spec suggests one about every 15 s to keep proxies from dropping the
 * connection. The trailing blank line makes it a whole block.
 */
export const SSE_COMMENT = ': keep-alive\n\n';
export const SSE_COMMENT_BYTES = 14;
