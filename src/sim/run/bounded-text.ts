// Builds a trace text that is shortened past TEXT_LIMIT characters as
// "<first TEXT_LIMIT chars>… (N more bytes)", without ever building the full
// text: a poll batch of 100 updates of 16 MB would be a 1.6 GB string (past
// V8's maximum string length) just to keep its first 2,000 characters.

import type { TextSink } from '../wire/sink';

/** Message text longer than this is shortened in traces (sizes are unaffected). */
export const TEXT_LIMIT = 2000;

export class BoundedText implements TextSink {
  private out = '';
  private total = 0;

  /** Append a piece given as text. */
  add(s: string): this {
    this.total += s.length;
    const room = TEXT_LIMIT - this.out.length;
    if (room > 0) this.out += s.length <= room ? s : s.slice(0, room);
    return this;
  }

  /**
   * Append a piece of exactly `n` ASCII characters produced by `render(n)`,
   * where a shorter render(m) starts with the same characters (payload text:
   * only the filler's length changes). Only what shows is rendered.
   */
  addSized(n: number, render: (m: number) => string): this {
    const room = TEXT_LIMIT - this.out.length;
    if (room > 0) {
      // 64 spare characters keep the payload's JSON skeleton the same.
      const m = n > room + 64 ? room + 64 : n;
      const s = render(m);
      this.out += s.length <= room ? s : s.slice(0, room);
    }
    this.total += n;
    return this;
  }

  toString(): string {
    return this.total <= TEXT_LIMIT ? this.out : `${this.out}… (${this.total - TEXT_LIMIT} more bytes)`;
  }
}

/**
 * Longest packet text a trace keeps: a head (up to 64 KiB with
 * http.requestHeaderBytes) plus a body already cut to TEXT_LIMIT is cut here;
 * the room above TEXT_LIMIT keeps a common head (up to 1,300 bytes) and its cut body whole.
 */
export const TRACE_TEXT_MAX = TEXT_LIMIT + 1300;

/** The tracer's last guard on any packet text; says how many characters of the rendered text were left out. */
export function clipText(s: string): string {
  return s.length <= TRACE_TEXT_MAX ? s : `${s.slice(0, TRACE_TEXT_MAX)}… (${s.length - TRACE_TEXT_MAX} more characters of the text)`;
}

/** What `write` puts in a BoundedText: a trace text, however long the message. */
export function boundedText(write: (t: BoundedText) => void): string {
  const t = new BoundedText();
  write(t);
  return t.toString();
}
