// HTTP/1.1 chunked transfer coding (RFC 9112 §7.1).
//
//   chunked-body = *chunk last-chunk trailer-section CRLF
//   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
//   last-chunk   = 1*("0") [ chunk-ext ] CRLF
//
// We send no chunk extensions and no trailers, and write chunk-size in
// lowercase hex with no leading zeros (as Node and nginx do). Everything
// except chunk-data is `framing` (SPEC §2).

import { hexDigits } from './bytes';
import { textPiece, written, type SizedText, type TextSink } from './sink';

const CRLF = '\r\n';

/** Framing around one chunk of `dataBytes` (>= 1) bytes: hex size + CRLF, then CRLF after the data. */
export function chunkFramingBytes(dataBytes: number): number {
  if (!Number.isInteger(dataBytes) || dataBytes < 1) {
    // A zero-size chunk is the last-chunk: it would end the body (RFC 9112 §7.1).
    throw new Error(`chunkFramingBytes: a data chunk needs >= 1 byte, got ${dataBytes}`);
  }
  return hexDigits(dataBytes) + 2 + 2;
}

/** "0\r\n" (last-chunk) + "\r\n" (end of the empty trailer section). */
export const LAST_CHUNK_BYTES = 5;

/** One chunk carrying `data`: its size in hex (UTF-8 bytes, not UTF-16 units), CRLF, the data, CRLF. */
export function writeChunk(sink: TextSink, data: SizedText): void {
  if (data.bytes < 1) throw new Error('renderChunk: empty data would be the last-chunk (RFC 9112 §7.1)');
  sink.add(data.bytes.toString(16) + CRLF);
  data.write(sink);
  sink.add(CRLF);
}

export function renderChunk(data: string): string {
  return written((sink) => writeChunk(sink, textPiece(data)));
}

/** The end of a chunked body with no trailers. */
export function renderLastChunk(): string {
  return '0' + CRLF + CRLF;
}
