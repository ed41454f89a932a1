// What a WebSocket puts on the wire (RFC 6455): the opening handshake (a
// GET with Upgrade and its 101 on HTTP/1.1; a CONNECT stream on HTTP/2,
// RFC 8441), then frames: one unmasked text frame per update down, masked
// frames up (§5.3: every client frame), the server's ping and the
// browser's pong (§5.5.2-3), each with no application data. A frame's text
// is its header's bytes and fields (renderFrameHead), then its payload:
// what the inspector's renderFrame reads from the real bytes
// (tests/sim/trace-text.test.ts compares the two).

import type { Encoder, PacketSpec } from '../../run/encode';
import { boundedText } from '../../run/bounded-text';
import { frameHeaderBytes, makeWebSocketKey, OPCODE, renderFrameHead, writeFrameText } from '../../wire';
import { part } from '../../run/parts';

export interface WebSocketPackets {
  /** The handshake of connection attempt `attempt` of `client`, and its answer (the accept of that attempt's key). */
  handshake(client: number, attempt: number): PacketSpec;
  accept(client: number, attempt: number): PacketSpec;
  readonly update: PacketSpec;
  readonly upstream: PacketSpec;
  readonly ping: PacketSpec;
  readonly pong: PacketSpec;
}

/** Deterministic bytes for keys and masks (text only: never drawn from a random stream). */
export function hashBytes(a: number, b: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let h = (Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 7, 0x85ebca6b)) >>> 0;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    out[i] = h & 0xff;
  }
  return out;
}

const keyOf = (client: number, attempt: number) => makeWebSocketKey(hashBytes(client, attempt, 16));

export function websocketPackets(enc: Encoder): WebSocketPackets {
  const upd = enc.updBytes;
  const up = enc.upBytes;
  const frame = (p: PacketSpec) => enc.tunnelled(p);
  return {
    handshake: (client, attempt) => enc.upgrade(keyOf(client, attempt)),
    // Its Sec-WebSocket-Accept only when its text is read (SHA-1 is a part the page loads with the views that read texts).
    accept: (client, attempt) => enc.upgradeAccept(() => part('websocketAccept')(keyOf(client, attempt))),
    // Only what the trace shows is rendered: the head, then the payload up to the cut (ASCII: one byte a character).
    update: frame({
      kind: 'frame',
      label: (i) => `text frame #${i + 1}`,
      header: 0,
      framing: frameHeaderBytes(upd, false),
      payload: upd,
      text: (i) => boundedText((t) => writeFrameText(t, OPCODE.text, enc.updatePiece(i))),
    }),
    // Upstream message `seq`, masked.
    upstream: frame({
      kind: 'frame',
      label: (seq) => `masked frame #${seq + 1}`,
      header: 0,
      framing: frameHeaderBytes(up, true),
      payload: up,
      text: (seq, _n, client) => boundedText((t) => writeFrameText(t, OPCODE.text, enc.upstreamPiece(client, seq), hashBytes(client, seq + 1e6, 4))),
    }),
    ping: frame({ kind: 'ping', label: () => 'ping', header: 0, framing: frameHeaderBytes(0, false), payload: 0, text: () => renderFrameHead(OPCODE.ping, 0) }),
    // The browser's automatic pong number `n`, masked like every client frame.
    pong: frame({
      kind: 'pong',
      label: () => 'pong',
      header: 0,
      framing: frameHeaderBytes(0, true),
      payload: 0,
      text: (n, _c, client) => renderFrameHead(OPCODE.pong, 0, hashBytes(client, n + 2e6, 4)),
    }),
  };
}
