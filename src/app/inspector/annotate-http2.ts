// What an HTTP/2 packet's text means (http.version 2), for the inspector's
// notes: the connection's opening on stream 0, each frame's 9-byte header
// read back from its hex, the HPACK-coded head's field kinds, DATA frames
// instead of chunks and the WebSocket of an extended CONNECT. Read from the
// text that src/sim/http2/ writes, so a note always matches what is shown.
// Pure.

const OPENING = /^\(first, on stream 0: (.+) \((\d+) B\)\)$/m;
const FRAME = /^\[(HEADERS|DATA) stream (\d+), (\d+) B(?:, ([A-Z_ |]+))?\] ((?:[0-9a-f]{2} ){8}[0-9a-f]{2})$/gm;
const FIELD = /^ {2}(:?[a-z0-9-]+): .*? {3}<- (indexed|literal, indexed|literal)$/gm;
const HPACK = /^ {2}HPACK (\d+) B:/m;

/** The flags of HEADERS and DATA frames (RFC 9113 §6.1, §6.2). */
const FLAG_NAMES: readonly [number, string][] = [
  [0x1, 'END_STREAM: the last frame this side sends on the stream'],
  [0x4, 'END_HEADERS: the head is whole'],
  [0x8, 'PADDED'],
  [0x20, 'PRIORITY'],
];
const TYPE_NAMES: Readonly<Record<number, string>> = { 0: 'DATA', 1: 'HEADERS' };

/** A frame's header from its 9 bytes of hex: length, type, flags, stream id (RFC 9113 §4.1). */
function frameNote(name: string, hex: string): string {
  const b = hex.split(' ').map((h) => parseInt(h, 16));
  const length = (b[0] << 16) | (b[1] << 8) | b[2];
  const stream = ((b[5] & 0x7f) * 2 ** 24) + (b[6] << 16) + (b[7] << 8) + b[8];
  const flags = FLAG_NAMES.filter(([bit]) => b[4] & bit).map(([bit, what]) => `0x${bit.toString(16)} ${what}`);
  const type = TYPE_NAMES[b[3]] ?? name;
  return `[${name} …] ${hex}: the frame's 9-byte header. Length ${hex.slice(0, 8)} = ${length} bytes of frame after it; type 0x${b[3].toString(16).padStart(2, '0')} = ${type}; flags 0x${b[4].toString(16).padStart(2, '0')}${flags.length ? ` (${flags.join('; ')})` : ' (none)'}; stream ${stream} (RFC 9113 §4.1).`;
}

export function annotateHttp2(t: string, kind: string): string[] {
  const notes: string[] = [];
  const opening = OPENING.exec(t);
  if (opening) {
    notes.push(
      opening[1].startsWith('connection preface')
        ? `First line: the connection's opening rides with this first write, on stream 0 (the connection's own): the 24-byte preface "PRI * HTTP/2.0", the client's SETTINGS and a WINDOW_UPDATE, ${opening[2]} B in all (RFC 9113 §3.4, §6.5, §6.9).`
        : `First line: frames on stream 0 (the connection's own) ride with this write: ${opening[1]}, ${opening[2]} B; an ACK says a SETTINGS frame was applied (RFC 9113 §6.5.3).`,
    );
  }
  const frames = [...t.matchAll(FRAME)];
  const seen = new Set<string>();
  for (const f of frames) {
    if (seen.has(f[1])) continue;
    seen.add(f[1]);
    notes.push(frameNote(f[1], f[5]));
  }
  const fields = [...t.matchAll(FIELD)];
  const hpack = HPACK.exec(t);
  if (fields.length > 0 && hpack) {
    const count = (k: string) => fields.filter((f) => f[2] === k).length;
    notes.push(
      `The field list is what the head's ${hpack[1]} bytes of HPACK mean, not what is sent (RFC 7541); strings are Huffman-coded where shorter (§5.2). Indexed, about an octet each because the static or the connection's dynamic table already holds them (§6.1): ${count('indexed')} of ${fields.length} fields. Written out and added to the table, so that the next head sends each in an octet (§6.2.1): ${count('literal, indexed')}. Written out and not kept (§6.2.2; a browser never indexes :path, a server not set-cookie or content-length): ${count('literal')}.`,
    );
    const pseudo = fields.filter((f) => f[1].startsWith(':')).map((f) => f[1]);
    if (pseudo.includes(':status')) notes.push(':status replaces the status line; HTTP/2 has no reason phrase (RFC 9113 §8.3.2).');
    else if (pseudo.length > 0) notes.push(`${pseudo.join(', ')}: pseudo-header fields, first in the list, replace HTTP/1.1's request line and Host; there is no Connection or Transfer-Encoding in HTTP/2 (RFC 9113 §8.2.2, §8.3.1).`);
    if (pseudo.includes(':protocol')) notes.push('Extended CONNECT with :protocol websocket opens a WebSocket inside this stream of the shared connection; no Upgrade, Sec-WebSocket-Key or Accept, and a 200 answers it (RFC 8441 §4, §5).');
  }
  if (seen.has('DATA')) {
    notes.push(
      kind === 'frame'
        ? 'The WebSocket frame travels inside a DATA frame of its stream: 9 bytes of HTTP/2 framing on top of its own header (RFC 8441 §5).'
        : kind === 'event' || kind === 'chunk'
          ? 'The open answer sends each write as a DATA frame, whose header gives its length, so there are no chunk-size lines (RFC 9113 §8.1); the stream stays open, beside the others on the connection.'
          : "The body travels in DATA frames, whose header gives their length, so there are no chunk-size lines (RFC 9113 §8.1); END_STREAM on the last one ends the answer, and the connection stays open for the other streams.",
    );
  }
  return notes;
}
