// What the parts of a packet's text mean, in a sentence each, for the
// inspector (issue 8: "72" at the start of an SSE event was unexplained).
// Read from the packet's own text, so every note matches what is shown;
// each names the standard that defines the bytes. Pure.

import type { TracePacket } from '../../sim/types';
import { annotateHttp2 } from './annotate-http2';

const CHUNK_LINE = /^([0-9a-f]+)\r\n/;

/** What each TCP control segment of the trace means (src/sim/run/connection.ts sends them). */
const TCP_NOTES: Readonly<Record<string, string>> = {
  SYN: 'SYN: the client opens a TCP connection (the three-way handshake, before any HTTP).',
  'SYN-ACK': 'SYN-ACK: the server accepts the new TCP connection; no HTTP yet.',
  FIN: 'FIN: the client closes the connection (the page gave up on it, or the tab closed); the server answers with its own FIN.',
  'FIN-ACK': "FIN-ACK: the server closes its side too; the client's last ACK ends the connection.",
  RST: "RST: nothing listens on the server's port (it is down after a restart), so its kernel resets the connection; the browser reports ERR_CONNECTION_REFUSED and the page tries again by its own rule.",
};

export function annotate(p: Pick<TracePacket, 'kind' | 'dir' | 'text'>): string[] {
  const t = p.text;
  const notes: string[] = [];
  if (p.kind === 'tcp') {
    notes.push(TCP_NOTES[t] ?? TCP_NOTES.SYN);
    return notes;
  }
  if (p.kind === 'tls') {
    notes.push(`${t.startsWith('TLS 1.2') ? 'TLS 1.2 (RFC 5246): two round trips of handshake before the first request' : 'TLS 1.3 (RFC 8446): one round trip of handshake before the first request; the client\'s Finished goes with it'}. A reconnection resumes the session with a ticket, so the server sends no certificate again. Every later write is sent in records, each with a 5-byte header and a 16-byte tag: transport overhead, counted under wire.`);
    return notes;
  }
  if (/^\[(HEADERS|DATA) stream |^\(first, on stream 0: /m.test(t)) notes.push(...annotateHttp2(t, p.kind));
  const http = /^(GET|POST|PUT|HEAD|OPTIONS) (\S+) HTTP\/1\.1\r\n/.exec(t);
  if (http) notes.push(`Request line: method ${http[1]}, path ${http[2]}, HTTP/1.1; then header fields, one per line; an empty line ends the head (RFC 9112 §3).`);
  const status = /^HTTP\/1\.1 (\d{3}) ([^\r]*)\r\n/.exec(t);
  if (status) notes.push(`Status line: ${status[1]} ${status[2]}; then header fields; an empty line ends the head (RFC 9112 §4).`);
  if (/\r\nTransfer-Encoding: chunked\r\n/.test(t)) notes.push('Transfer-Encoding: chunked: the body follows as chunks, each with its size first, so the response can stay open (RFC 9112 §7.1).');
  if (/\r\nUpgrade: websocket\r\n/.test(t)) notes.push(status ? '101 Switching Protocols: from here on the connection carries WebSocket frames, not HTTP (RFC 6455 §4.2.2).' : 'Upgrade: websocket asks the server to switch this connection to WebSocket; Sec-WebSocket-Key proves the answer is fresh (RFC 6455 §4.1).');
  const chunk = CHUNK_LINE.exec(t);
  if (!http && !status && chunk) {
    const n = parseInt(chunk[1], 16);
    notes.push(`"${chunk[1]}" on the first line: this chunk's size in hexadecimal (0x${chunk[1]} = ${n} bytes of data), then CRLF; the data ends with CRLF (RFC 9112 §7.1).${n === 0 ? ' Size 0 is the last chunk: the response ends.' : ''}`);
  }
  if (p.kind === 'event') {
    if (/(^|\n)id: /.test(t)) notes.push('"id:" names the event; after a reconnection the browser sends the last one back as Last-Event-ID, so the server can replay what was missed.');
    if (/(^|\n)data: /.test(t)) notes.push('"data:" is the event\'s data; a blank line ends the event (WHATWG HTML, server-sent events).');
  }
  if (/(^|\n): /.test(t) && !http && !status) notes.push('A line starting with ":" is an SSE comment: the browser ignores it; sent every few seconds it keeps proxies and load balancers from cutting a quiet stream (WHATWG HTML, server-sent events).');
  if (/(^|\n)retry: /.test(t)) notes.push('"retry:" tells the browser how long to wait before reconnecting, in milliseconds.');
  // On HTTP/2 a DATA frame's line comes first (RFC 8441 §5).
  const frame = /(?:^|\n)([0-9a-f]{2}(?: [0-9a-f]{2})*)\nFIN=(\d) RSV=\d+ opcode=0x([0-9a-f]) \(([^)]+)\) MASK=(\d) len=(\d+)/.exec(t);
  if (frame) {
    notes.push(`First line: the frame header bytes in hex. FIN=${frame[2]}: ${frame[2] === '1' ? 'the whole message is in this frame' : 'more frames follow'}; opcode ${frame[3]}: a ${frame[4]} frame; len=${frame[6]}: payload length (RFC 6455 §5.2).`);
    if (frame[5] === '1') notes.push('MASK=1 and key: a client must mask every frame it sends with a fresh 4-byte key, XORed over the payload, so proxies cannot be fooled into caching it (RFC 6455 §5.3). The payload is shown unmasked.');
    else notes.push('MASK=0: frames from the server are not masked (RFC 6455 §5.1).');
  }
  return notes;
}
