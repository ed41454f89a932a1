// HPACK, HTTP/2's header compression (RFC 7541): the static table, the
// Huffman code, integer and string literals, and an encoder with its dynamic
// table, so that a head's size on an HTTP/2 connection depends on what that
// connection sent before (the second poll's head costs a few bytes).
//
// An encoder is one direction of one connection. Which fields it adds to its
// dynamic table is its implementation's policy (`index`): ./http2-heads.ts
// has Chromium's and nghttp2's (Node's). A literal is Huffman-coded when that
// is shorter, as both do. Checked against RFC 7541 Appendix C in
// tests/wire/hpack.test.ts.

/** RFC 7541 Appendix A: index i + 1 is STATIC_TABLE[i]. */
export const STATIC_TABLE: readonly (readonly [string, string])[] = [
  [':authority', ''], [':method', 'GET'], [':method', 'POST'], [':path', '/'], [':path', '/index.html'],
  [':scheme', 'http'], [':scheme', 'https'], [':status', '200'], [':status', '204'], [':status', '206'],
  [':status', '304'], [':status', '400'], [':status', '404'], [':status', '500'], ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'], ['accept-language', ''], ['accept-ranges', ''], ['accept', ''], ['access-control-allow-origin', ''],
  ['age', ''], ['allow', ''], ['authorization', ''], ['cache-control', ''], ['content-disposition', ''],
  ['content-encoding', ''], ['content-language', ''], ['content-length', ''], ['content-location', ''], ['content-range', ''],
  ['content-type', ''], ['cookie', ''], ['date', ''], ['etag', ''], ['expect', ''],
  ['expires', ''], ['from', ''], ['host', ''], ['if-match', ''], ['if-modified-since', ''],
  ['if-none-match', ''], ['if-range', ''], ['if-unmodified-since', ''], ['last-modified', ''], ['link', ''],
  ['location', ''], ['max-forwards', ''], ['proxy-authenticate', ''], ['proxy-authorization', ''], ['range', ''],
  ['referer', ''], ['refresh', ''], ['retry-after', ''], ['server', ''], ['set-cookie', ''],
  ['strict-transport-security', ''], ['transfer-encoding', ''], ['user-agent', ''], ['vary', ''], ['via', ''],
  ['www-authenticate', ''],
];

const STATIC_EXACT = new Map<string, number>();
const STATIC_NAME = new Map<string, number>();
STATIC_TABLE.forEach(([name, value], i) => {
  STATIC_EXACT.set(`${name}\0${value}`, i + 1);
  if (!STATIC_NAME.has(name)) STATIC_NAME.set(name, i + 1);
});

/**
 * The Huffman code of RFC 7541 Appendix B is canonical (codes of one length
 * are consecutive, in symbol order), so its 257 code lengths give every code.
 * Length of symbol s = HUFFMAN_LENGTHS.charCodeAt(s) - 96; symbol 256 is EOS.
 */
const HUFFMAN_LENGTHS =
  'mw|||||||x~||~||||||||~|||||||||fjjlmfhkjjhkhfffeeefffffffghofljmfgggggggggggggggggggggghghmsmnfoefefefffeggfffefgfeefgggggoknm|tvttvvvwvwwwwwxwxxvwxwwwwuvwvwwxvutvvwwuwvvxuvwwuuvuwvwwtvvvwvvwzztsvwvyzzz{{zxysuz{{z{xuuzz|{{{txtuvuuwvvyyxxzwz{zz{{{{{|{{{{{z~';
const CODE_BITS = new Uint8Array(257);
const CODES = new Uint32Array(257);
{
  for (let s = 0; s < 257; s++) CODE_BITS[s] = HUFFMAN_LENGTHS.charCodeAt(s) - 96;
  const order = [...CODE_BITS.keys()].sort((a, b) => CODE_BITS[a] - CODE_BITS[b] || a - b);
  let code = 0;
  let bits = CODE_BITS[order[0]];
  for (const s of order) {
    code *= 2 ** (CODE_BITS[s] - bits); // a shift that stays exact past 31 bits
    bits = CODE_BITS[s];
    CODES[s] = code++;
  }
}

function checkOctets(s: string): void {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) throw new Error(`HPACK: ${JSON.stringify(s)} is not a string of octets`);
}

/** Bytes of `s` Huffman-coded (padded to a whole byte with EOS bits, RFC 7541 §5.2). */
export function huffmanBytes(s: string): number {
  let bits = 0;
  for (let i = 0; i < s.length; i++) bits += CODE_BITS[s.charCodeAt(i) & 0xff];
  return Math.ceil(bits / 8);
}

/** `s` Huffman-coded, appended to `out`. */
export function huffmanEncode(s: string, out: number[]): void {
  checkOctets(s);
  let acc = 0;
  let n = 0; // bits waiting in acc (under 8 between symbols)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Emit the code a bit at a time from its top: codes reach 30 bits, past what a shift of acc could hold.
    for (let b = CODE_BITS[c] - 1; b >= 0; b--) {
      acc = (acc << 1) | (Math.floor(CODES[c] / 2 ** b) & 1);
      if (++n === 8) {
        out.push(acc);
        acc = 0;
        n = 0;
      }
    }
  }
  if (n > 0) out.push(((acc << (8 - n)) | (0xff >> n)) & 0xff); // the most significant bits of EOS (all ones)
}

/** Bytes of integer `v` with an N-bit prefix (RFC 7541 §5.1). */
export function integerBytes(v: number, prefixBits: number): number {
  const max = (1 << prefixBits) - 1;
  if (v < max) return 1;
  let n = 2;
  for (v -= max; v >= 128; v = Math.floor(v / 128)) n++;
  return n;
}

/** Integer `v` with an N-bit prefix, the prefix's high bits being `flags`, appended to `out`. */
export function encodeInteger(v: number, prefixBits: number, flags: number, out: number[]): void {
  const max = (1 << prefixBits) - 1;
  if (v < max) {
    out.push(flags | v);
    return;
  }
  out.push(flags | max);
  for (v -= max; v >= 128; v = Math.floor(v / 128)) out.push((v % 128) + 128);
  out.push(v);
}

export type HuffmanUse = 'shorter' | 'always' | 'never';

/** Bytes of a string literal (RFC 7541 §5.2): length, then raw or Huffman octets. */
function stringBytes(s: string, huffman: HuffmanUse): number {
  const h = huffman === 'never' ? Infinity : huffmanBytes(s);
  const n = huffman === 'always' || h < s.length ? h : s.length;
  return integerBytes(n, 7) + n;
}

function encodeString(s: string, huffman: HuffmanUse, out: number[]): void {
  checkOctets(s);
  const h = huffman === 'never' ? Infinity : huffmanBytes(s);
  if (huffman === 'always' || h < s.length) {
    encodeInteger(h, 7, 0x80, out);
    huffmanEncode(s, out);
  } else {
    encodeInteger(s.length, 7, 0, out);
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  }
}

/** An entry's size in the dynamic table: its octets plus 32 (RFC 7541 §4.1). */
export const entrySize = (name: string, value: string): number => name.length + value.length + 32;

/** How one field was represented (RFC 7541 §6), for the trace. */
export type Representation = 'indexed' | 'literal, indexed' | 'literal';

export interface HpackOptions {
  /** SETTINGS_HEADER_TABLE_SIZE the peer allows (default 4096, RFC 9113 §6.5.2). */
  tableSize?: number;
  /** Whether a field not found whole in a table is added to the dynamic table. Default: every field. */
  index?: (name: string, value: string) => boolean;
  huffman?: HuffmanUse;
}

export type HeaderList = readonly (readonly [string, string])[];

export class HpackEncoder {
  /** The dynamic table, newest first: index 62 is names[0]. */
  readonly names: string[] = [];
  readonly values: string[] = [];
  size = 0;
  private readonly max: number;
  private readonly index: (name: string, value: string) => boolean;
  private readonly huffman: HuffmanUse;

  constructor(o: HpackOptions = {}) {
    this.max = o.tableSize ?? 4096;
    this.index = o.index ?? (() => true);
    this.huffman = o.huffman ?? 'shorter';
  }

  /**
   * Encode a header block: returns its size in bytes, and, when given, appends
   * its octets to `out` and each field's representation to `notes`.
   */
  encode(fields: HeaderList, out?: number[], notes?: Representation[]): number {
    let bytes = 0;
    for (const [name, value] of fields) {
      const exact = this.find(name, value);
      if (exact > 0) {
        bytes += integerBytes(exact, 7);
        if (out) encodeInteger(exact, 7, 0x80, out);
        notes?.push('indexed');
        continue;
      }
      const nameAt = this.findName(name);
      const add = this.index(name, value);
      // With indexing: 01 and a 6-bit name index; without: 0000 and a 4-bit one (RFC 7541 §6.2.1, §6.2.2).
      const prefix = add ? 6 : 4;
      bytes += integerBytes(nameAt, prefix) + (nameAt === 0 ? stringBytes(name, this.huffman) : 0) + stringBytes(value, this.huffman);
      if (out) {
        encodeInteger(nameAt, prefix, add ? 0x40 : 0, out);
        if (nameAt === 0) encodeString(name, this.huffman, out);
        encodeString(value, this.huffman, out);
      }
      notes?.push(add ? 'literal, indexed' : 'literal');
      if (add) this.insert(name, value);
    }
    return bytes;
  }

  /** The index of the field whole, static table first; 0 if none. */
  private find(name: string, value: string): number {
    const s = STATIC_EXACT.get(`${name}\0${value}`);
    if (s !== undefined) return s;
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name && this.values[i] === value) return 62 + i;
    return 0;
  }

  private findName(name: string): number {
    const s = STATIC_NAME.get(name);
    if (s !== undefined) return s;
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name) return 62 + i;
    return 0;
  }

  /** Add a field, evicting the oldest until it fits (RFC 7541 §4.4); one larger than the table empties it. */
  private insert(name: string, value: string): void {
    const size = entrySize(name, value);
    while (this.names.length > 0 && this.size + size > this.max) {
      this.size -= entrySize(this.names.pop()!, this.values.pop()!);
    }
    if (size > this.max) return;
    this.names.unshift(name);
    this.values.unshift(value);
    this.size += size;
  }
}
