// JSON array that batches the updates of one poll / long-poll response body.
//
// SPEC §2 counts the brackets and commas as `framing`: they exist only
// because several updates share one response. An empty response still
// carries "[]" so the client's JSON.parse always gets an array.

import { textPiece, written, type SizedText, type TextSink } from './sink';

/** "[" + "]" + one comma between consecutive items; "[]" (2) when n = 0. */
export function batchFramingBytes(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`batchFramingBytes: n must be a non-negative integer, got ${n}`);
  return n === 0 ? 2 : 2 + (n - 1);
}

/** The body text: `[item,item,...]` with no whitespace (what JSON.stringify would produce). */
export function renderBatch(items: readonly string[]): string {
  return written((sink) => writeBatch(sink, items.length, (i) => textPiece(items[i])));
}

/** The body of `renderBatch` with `n` items, item i given by `item(i)`. */
export function writeBatch(sink: TextSink, n: number, item: (i: number) => SizedText): void {
  sink.add('[');
  for (let i = 0; i < n; i++) {
    if (i > 0) sink.add(',');
    item(i).write(sink);
  }
  sink.add(']');
}
