// WebSocket base framing (RFC 6455 §5.2), masking (§5.3), control frames (§5.5).
//
//   byte 0: FIN | RSV1 | RSV2 | RSV3 | opcode(4)
//   byte 1: MASK | payload len(7)   -- 0-125 literal, 126: 16-bit length
//           follows, 127: 64-bit length follows (the minimal form is mandatory)
//   then the masking key (4 bytes) if MASK, then the payload.
//
// Client-to-server frames are always masked, server-to-client never (§5.1).
// The simulation only needs frameHeaderBytes(); encode/decode produce real
// bytes for traces and for tests against the RFC's §5.7 examples.

import type { SizedText, TextSink } from './sink';

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

const OPCODE_NAMES: Record<number, string> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

/** Control frames (opcode with the high bit set, §5.5) carry at most 125 payload bytes. */
export const MAX_CONTROL_PAYLOAD = 125;

/** Size of the frame header (incl. masking key) for a payload of `payloadLength` bytes. */
export function frameHeaderBytes(payloadLength: number, masked: boolean): number {
  if (!Number.isSafeInteger(payloadLength) || payloadLength < 0) {
    throw new Error(`frameHeaderBytes: payloadLength must be a non-negative safe integer, got ${payloadLength}`);
  }
  const base = payloadLength <= 125 ? 2 : payloadLength <= 0xffff ? 4 : 10;
  return masked ? base + 4 : base;
}

/** Whole frame size: header + payload. */
export function frameBytes(payloadLength: number, masked: boolean): number {
  return frameHeaderBytes(payloadLength, masked) + payloadLength;
}

function isControl(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

export interface FrameSpec {
  /** Final fragment; default true. */
  fin?: boolean;
  opcode: number;
  /** Application data (unmasked). */
  payload: Uint8Array;
  /** 4-byte masking key: present exactly for client-to-server frames. */
  maskKey?: Uint8Array;
}

/** The header bytes of a frame of `len` payload bytes (RFC 6455 §5.2), without building the payload. */
export function frameHeader(opcode: number, len: number, maskKey?: Uint8Array, fin = true): Uint8Array {
  const masked = maskKey !== undefined;
  const out = new Uint8Array(frameHeaderBytes(len, masked));
  out[0] = (fin ? 0x80 : 0) | opcode;
  let p = 2;
  if (len <= 125) out[1] = len;
  else if (len <= 0xffff) {
    out[1] = 126;
    out[2] = len >>> 8;
    out[3] = len & 0xff;
    p = 4;
  } else {
    // 64-bit network byte order; the most significant bit must be 0 (§5.2).
    out[1] = 127;
    const hi = Math.floor(len / 0x1_0000_0000);
    const lo = len >>> 0;
    for (let i = 0; i < 4; i++) {
      out[2 + i] = (hi >>> (24 - 8 * i)) & 0xff;
      out[6 + i] = (lo >>> (24 - 8 * i)) & 0xff;
    }
    p = 10;
  }
  if (masked) {
    out[1] |= 0x80;
    out.set(maskKey, p);
  }
  return out;
}

/**
 * The first lines of renderFrame()'s text (header bytes in hex, then the
 * decoded fields), for a frame of `len` payload bytes, without the payload:
 * a trace can show a 16 MiB frame's head and the start of its payload.
 */
export function renderFrameHead(opcode: number, len: number, maskKey?: Uint8Array, fin = true): string {
  const head = frameHeader(opcode, len, maskKey, fin);
  const name = OPCODE_NAMES[opcode] ?? 'reserved';
  let fields = `FIN=${fin ? 1 : 0} RSV=000 opcode=0x${opcode.toString(16)} (${name}) MASK=${maskKey ? 1 : 0} len=${len}`;
  if (maskKey) fields += ` key=${hex(maskKey)}`;
  return `${hex(head)}
${fields}
`;
}

/**
 * A frame as the inspector shows it without its bytes: renderFrameHead, then
 * the payload as the application sees it (unmasked).
 */
export function writeFrameText(sink: TextSink, opcode: number, payload: SizedText, maskKey?: Uint8Array): void {
  sink.add(renderFrameHead(opcode, payload.bytes, maskKey));
  payload.write(sink);
}

/** The bytes of one frame. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const { opcode, payload, maskKey } = spec;
  const fin = spec.fin ?? true;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) throw new Error(`encodeFrame: opcode out of range: ${opcode}`);
  if (!(opcode in OPCODE_NAMES)) throw new Error(`encodeFrame: reserved opcode 0x${opcode.toString(16)} (RFC 6455 §5.2)`);
  const len = payload.length;
  if (isControl(opcode)) {
    if (len > MAX_CONTROL_PAYLOAD) throw new Error(`encodeFrame: control frame payload ${len} > ${MAX_CONTROL_PAYLOAD} bytes (RFC 6455 §5.5)`);
    if (!fin) throw new Error('encodeFrame: control frames must not be fragmented (RFC 6455 §5.5)');
  }
  if (maskKey !== undefined && maskKey.length !== 4) throw new Error(`encodeFrame: masking key must be 4 bytes, got ${maskKey.length}`);
  // The header as frameHeader() writes it (one home for RFC 6455 §5.2's length forms), then the payload.
  const head = frameHeader(opcode, len, maskKey, fin);
  const out = new Uint8Array(head.length + len);
  out.set(head);
  const p = head.length;
  if (maskKey !== undefined) {
    // §5.3: transformed-octet-i = original-octet-i XOR masking-key-octet-(i MOD 4)
    for (let i = 0; i < len; i++) out[p + i] = payload[i] ^ maskKey[i & 3];
  } else {
    out.set(payload, p);
  }
  return out;
}

export interface DecodedFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  maskKey: Uint8Array | undefined;
  payloadLength: number;
  headerLength: number;
  /** Unmasked application data. */
  payload: Uint8Array;
}

/** Parse one complete frame at the start of `bytes` (strict: minimal length form required). */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (bytes.length < 2) throw new Error('decodeFrame: need at least 2 bytes');
  const b0 = bytes[0];
  const b1 = bytes[1];
  const fin = (b0 & 0x80) !== 0;
  const rsv = (b0 >>> 4) & 0x7;
  const opcode = b0 & 0xf;
  const masked = (b1 & 0x80) !== 0;
  let len = b1 & 0x7f;
  let p = 2;
  if (len === 126) {
    if (bytes.length < 4) throw new Error('decodeFrame: truncated 16-bit length');
    len = (bytes[2] << 8) | bytes[3];
    if (len <= 125) throw new Error('decodeFrame: non-minimal 16-bit length (RFC 6455 §5.2)');
    p = 4;
  } else if (len === 127) {
    if (bytes.length < 10) throw new Error('decodeFrame: truncated 64-bit length');
    if (bytes[2] & 0x80) throw new Error('decodeFrame: 64-bit length with the most significant bit set (RFC 6455 §5.2)');
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 4; i++) {
      hi = hi * 256 + bytes[2 + i];
      lo = lo * 256 + bytes[6 + i];
    }
    len = hi * 0x1_0000_0000 + lo;
    if (!Number.isSafeInteger(len)) throw new Error('decodeFrame: length beyond 2^53');
    if (len <= 0xffff) throw new Error('decodeFrame: non-minimal 64-bit length (RFC 6455 §5.2)');
    p = 10;
  }
  let maskKey: Uint8Array | undefined;
  if (masked) {
    if (bytes.length < p + 4) throw new Error('decodeFrame: truncated masking key');
    maskKey = bytes.slice(p, p + 4);
    p += 4;
  }
  if (bytes.length < p + len) throw new Error(`decodeFrame: truncated payload (${bytes.length - p} of ${len} bytes)`);
  const payload = bytes.slice(p, p + len);
  if (maskKey) for (let i = 0; i < len; i++) payload[i] ^= maskKey[i & 3];
  return { fin, rsv, opcode, masked, maskKey, payloadLength: len, headerLength: p, payload };
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
  return s;
}

/** How many payload bytes renderFrame shows in hex when it has no text to show. */
const HEX_PREVIEW = 32;

/**
 * Packet-inspector view of one frame: the header bytes in hex, the decoded
 * header fields, then the payload as the application sees it (unmasked):
 * `payloadText` if given, UTF-8 text for text/close-reason frames, else hex.
 */
export function renderFrame(bytes: Uint8Array, payloadText?: string): string {
  const f = decodeFrame(bytes);
  const name = OPCODE_NAMES[f.opcode] ?? 'reserved';
  let fields = `FIN=${f.fin ? 1 : 0} RSV=${f.rsv.toString(2).padStart(3, '0')} opcode=0x${f.opcode.toString(16)} (${name}) MASK=${f.masked ? 1 : 0} len=${f.payloadLength}`;
  if (f.maskKey) fields += ` key=${hex(f.maskKey)}`;
  let body: string;
  if (payloadText !== undefined) body = payloadText;
  else if (f.opcode === OPCODE.text || f.opcode === OPCODE.ping || f.opcode === OPCODE.pong) body = new TextDecoder().decode(f.payload);
  else if (f.opcode === OPCODE.close && f.payloadLength >= 2) {
    // §5.5.1: 2-byte status code, then a UTF-8 reason.
    body = `code=${(f.payload[0] << 8) | f.payload[1]} reason=${JSON.stringify(new TextDecoder().decode(f.payload.subarray(2)))}`;
  } else {
    body = hex(f.payload.subarray(0, HEX_PREVIEW)) + (f.payloadLength > HEX_PREVIEW ? ` … (${f.payloadLength} bytes)` : '');
  }
  return `${hex(bytes.subarray(0, f.headerLength))}\n${fields}\n${body}`;
}
