// HTTP/2 framing (RFC 9113): the 9-byte frame header (§4.1), the frames a
// connection of this simulator carries (DATA, HEADERS, CONTINUATION,
// SETTINGS, WINDOW_UPDATE), the client's connection preface (§3.4) and the
// SETTINGS each end opens with. Heads are HPACK blocks (./hpack.ts), whose
// field lists ./http2-heads.ts builds.
//
//   +-----------------------------------------------+
//   |                 Length (24)                   |
//   +---------------+---------------+---------------+
//   |   Type (8)    |   Flags (8)   |
//   +-+-------------+---------------+-------------------------------+
//   |R|                 Stream Identifier (31)                      |
//   +=+=============================================================+
//   |                   Frame Payload (0...)                      ...

export const FRAME_HEADER_BYTES = 9;
/** SETTINGS_MAX_FRAME_SIZE's initial value (§6.5.2): no DATA or HEADERS payload larger unless the peer allows. */
export const MAX_FRAME_PAYLOAD = 16384;

export const FRAME_TYPE = { DATA: 0x0, HEADERS: 0x1, RST_STREAM: 0x3, SETTINGS: 0x4, PING: 0x6, GOAWAY: 0x7, WINDOW_UPDATE: 0x8, CONTINUATION: 0x9 } as const;
export type FrameType = keyof typeof FRAME_TYPE;
export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4 } as const;

/** The 9 octets of a frame header. */
export function frameHeader(length: number, type: FrameType, flags: number, streamId: number): number[] {
  if (!Number.isInteger(length) || length < 0 || length >= 2 ** 24) throw new Error(`HTTP/2 frame length ${length} is not a 24-bit length`);
  if (!Number.isInteger(streamId) || streamId < 0 || streamId >= 2 ** 31) throw new Error(`HTTP/2 stream id ${streamId} is not a 31-bit id`);
  return [
    (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff,
    FRAME_TYPE[type], flags & 0xff,
    (streamId >>> 24) & 0x7f, (streamId >>> 16) & 0xff, (streamId >>> 8) & 0xff, streamId & 0xff,
  ];
}

/** Frames needed for `n` bytes of payload (at least one: an empty DATA frame ends a stream). */
export const framesFor = (n: number): number => Math.max(1, Math.ceil(n / MAX_FRAME_PAYLOAD));

/** Frame-header bytes of `n` bytes of body in DATA frames. */
export const dataFramingBytes = (n: number): number => FRAME_HEADER_BYTES * framesFor(n);

/** Frame-header bytes of a header block of `n` bytes: one HEADERS frame, then CONTINUATION frames (§6.10). */
export const headersFramingBytes = (n: number): number => FRAME_HEADER_BYTES * framesFor(n);

/** The client's connection preface (§3.4), before its SETTINGS. */
export const CLIENT_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

/** SETTINGS parameters (§6.5.2; 8 from RFC 8441 §3). */
export const SETTING = { HEADER_TABLE_SIZE: 0x1, ENABLE_PUSH: 0x2, MAX_CONCURRENT_STREAMS: 0x3, INITIAL_WINDOW_SIZE: 0x4, MAX_FRAME_SIZE: 0x5, MAX_HEADER_LIST_SIZE: 0x6, ENABLE_CONNECT_PROTOCOL: 0x8 } as const;
export type Settings = readonly (readonly [number, number])[];

/** A SETTINGS frame's octets: 6 per parameter (§6.5.1). */
export function settingsFrame(settings: Settings, ack = false): number[] {
  const out = frameHeader(settings.length * 6, 'SETTINGS', ack ? FLAG.ACK : 0, 0);
  for (const [id, v] of settings) out.push((id >>> 8) & 0xff, id & 0xff, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  return out;
}

/** A WINDOW_UPDATE frame's octets (§6.9): a 31-bit increment. */
export function windowUpdateFrame(streamId: number, increment: number): number[] {
  return [...frameHeader(4, 'WINDOW_UPDATE', 0, streamId), (increment >>> 24) & 0x7f, (increment >>> 16) & 0xff, (increment >>> 8) & 0xff, increment & 0xff];
}

/**
 * What Chromium sends first on a new HTTP/2 connection: the preface, then
 * SETTINGS (header table 65536, no push, a 6 MiB stream window, header lists
 * to 256 KiB) and a WINDOW_UPDATE that raises the connection's window to
 * 15 MiB: the widely published "Akamai fingerprint" of Chrome,
 * 1:65536;2:0;4:6291456;6:262144|15663105.
 */
export const CHROMIUM_SETTINGS: Settings = [
  [SETTING.HEADER_TABLE_SIZE, 65536],
  [SETTING.ENABLE_PUSH, 0],
  [SETTING.INITIAL_WINDOW_SIZE, 6291456],
  [SETTING.MAX_HEADER_LIST_SIZE, 262144],
];
export const CHROMIUM_WINDOW_INCREMENT = 15663105;

/** Bytes the client writes before its first request on a new connection. */
export const CLIENT_OPENING_BYTES = CLIENT_PREFACE.length + settingsFrame(CHROMIUM_SETTINGS).length + windowUpdateFrame(0, CHROMIUM_WINDOW_INCREMENT).length;

/** The server's SETTINGS: its stream limit, and RFC 8441's extended CONNECT when it offers WebSocket over HTTP/2. */
export function serverSettings(maxConcurrentStreams: number, extendedConnect: boolean): Settings {
  const s: [number, number][] = [[SETTING.MAX_CONCURRENT_STREAMS, maxConcurrentStreams]];
  if (extendedConnect) s.push([SETTING.ENABLE_CONNECT_PROTOCOL, 1]);
  return s;
}

/** The server's opening: its SETTINGS, then its ACK of the client's (an empty SETTINGS with ACK, §6.5.3). */
export const serverOpeningBytes = (settings: Settings): number => settingsFrame(settings).length + FRAME_HEADER_BYTES;

/** The client's ACK of the server's SETTINGS. */
export const SETTINGS_ACK_BYTES = FRAME_HEADER_BYTES;

const FLAG_NAMES = (type: FrameType, flags: number): string[] => {
  const names: string[] = [];
  if (flags & 0x1) names.push(type === 'SETTINGS' || type === 'PING' ? 'ACK' : 'END_STREAM');
  if (flags & 0x4 && (type === 'HEADERS' || type === 'CONTINUATION')) names.push('END_HEADERS');
  return names;
};

const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** One line describing a frame header, for the trace: its fields, then its octets. */
export function describeFrame(length: number, type: FrameType, flags: number, streamId: number): string {
  const f = FLAG_NAMES(type, flags);
  return `[${type} stream ${streamId}, ${length} B${f.length ? ', ' + f.join(' | ') : ''}] ${hex(frameHeader(length, type, flags, streamId))}`;
}
