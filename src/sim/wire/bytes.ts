// Byte accounting shared by every wire format: the three byte classes of
// SPEC §2 (header / framing / payload) and a fast UTF-8 length.
//
// The simulation sizes every message of every client, so these helpers are
// plain arithmetic: no string building, no TextEncoder allocation.

/** Bytes of one message (or a running total) split by the SPEC §2 classes. */
export interface ByteSplit {
  /** HTTP start line + header fields + blank line (WebSocket handshake included). */
  header: number;
  /** Bytes a technique adds around payload: chunk lines, SSE field names, WS frame headers... */
  framing: number;
  /** The update / upstream message bodies themselves. */
  payload: number;
}

/** A fresh all-zero split (a new object each call, so callers may mutate it). */
export function zeroSplit(): ByteSplit {
  return { header: 0, framing: 0, payload: 0 };
}

/** Component-wise sum; returns a new object. */
export function addSplit(a: ByteSplit, b: ByteSplit): ByteSplit {
  return {
    header: a.header + b.header,
    framing: a.framing + b.framing,
    payload: a.payload + b.payload,
  };
}

/** header + framing + payload. */
export function totalOf(split: ByteSplit): number {
  return split.header + split.framing + split.payload;
}

/**
 * Number of bytes `s` takes in UTF-8 (WHATWG Encoding "UTF-8 encode"), i.e.
 * `new TextEncoder().encode(s).length`, without allocating.
 * A lone surrogate is encoded by TextEncoder as U+FFFD (3 bytes), so it counts 3.
 */
export function utf8Length(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // A surrogate pair is one code point above U+FFFF: 4 bytes.
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}

/** Number of decimal digits of a non-negative integer (sizes of `id: 17`, `Content-Length: 42`). */
export function decimalDigits(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`decimalDigits: expected a non-negative integer, got ${n}`);
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Number of hexadecimal digits of a non-negative integer (chunk-size lines, RFC 9112 §7.1). */
export function hexDigits(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`hexDigits: expected a non-negative integer, got ${n}`);
  let d = 1;
  while (n >= 16) {
    n = Math.floor(n / 16);
    d++;
  }
  return d;
}
