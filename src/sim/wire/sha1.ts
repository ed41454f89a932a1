// SHA-1 (FIPS 180-4 §6.1), for one use only: the Sec-WebSocket-Accept of
// RFC 6455 §4.2.2, over a 60-byte ASCII string. Written here rather than
// imported because the page runs the simulation on its first visit and the
// well-kept library it replaced (@noble/hashes, legacy.js) brought 3.1 KB of
// gzip into that visit (its md5 and ripemd160 and helpers are not dropped by
// the bundler), against 0.4 KB for this. Not for security: SHA-1 is broken
// for collisions, and the handshake only needs it as a checksum.
// Checked against FIPS 180-2's examples, RFC 6455's sample handshake and, on
// random inputs, @noble/hashes itself (tests/wire/sha1.test.ts).

/** The 20-byte SHA-1 digest of `msg`. */
export function sha1(msg: Uint8Array): Uint8Array {
  // Padding (§5.1.1): a 1 bit, zeros, the message length in bits as 64 bits, to a multiple of 64 bytes.
  const blocks = Math.ceil((msg.length + 9) / 64);
  const buf = new Uint8Array(blocks * 64);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = msg.length * 8;
  view.setUint32(buf.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(buf.length - 4, bits >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let off = 0; off < buf.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      // f and K of §4.1.1 and §4.2.1, by round.
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => ov.setUint32(i * 4, h >>> 0));
  return out;
}
