// Where the wire formats write their text: a sink. Each format is written
// once, by a `write...` function into a sink; the `render...` functions are
// the same writers into a StringSink. The tracer writes into a bounded sink
// (src/sim/run/bounded-text.ts) that keeps only the first characters, so a
// 16 MB payload is never built to show 2,000 characters of it.

import { utf8Length } from './bytes';

export interface TextSink {
  add(text: string): TextSink;
  /**
   * Exactly `n` ASCII characters produced by `render(n)`, where a shorter
   * render(m) starts with the same characters (payload text: only the
   * filler's length changes). A bounded sink may call render(m) with m < n.
   */
  addSized(n: number, render: (m: number) => string): TextSink;
}

/** A piece of text of known byte length that writes itself into a sink. */
export interface SizedText {
  bytes: number;
  write(sink: TextSink): void;
}

/** Builds the whole text. */
export class StringSink implements TextSink {
  private text = '';
  add(text: string): this {
    this.text += text;
    return this;
  }
  addSized(n: number, render: (m: number) => string): this {
    this.text += render(n);
    return this;
  }
  toString(): string {
    return this.text;
  }
}

/** A string as a SizedText (its UTF-8 length). */
export function textPiece(text: string): SizedText {
  return { bytes: utf8Length(text), write: (sink) => sink.add(text) };
}

/** What `write` puts in a StringSink. */
export function written(write: (sink: TextSink) => void): string {
  const sink = new StringSink();
  write(sink);
  return sink.toString();
}
