// The GIF writer (gifenc underneath): a valid GIF89a with one image per
// frame, the delay and an endless loop.
import { describe, expect, it } from 'vitest';
import { encodeGif } from '../../../src/app/export/gif';

function frame(w: number, h: number, rgb: [number, number, number]) {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
  // A dot that moves with the colour, so frames differ.
  data.set([0, 0, 0, 255], (rgb[0] % (w * h)) * 4);
  return { data, width: w, height: h };
}

/** Walks the GIF blocks: image count, delays (cs) and whether a NETSCAPE loop block is there. */
function walk(b: Uint8Array) {
  let p = 13;
  const flags = b[10];
  if (flags & 0x80) p += 3 * (1 << ((flags & 7) + 1));
  let images = 0;
  let loop = false;
  const delays: number[] = [];
  const skipSubBlocks = () => {
    while (b[p] !== 0) p += b[p] + 1;
    p++;
  };
  for (;;) {
    const t = b[p++];
    if (t === 0x3b) break;
    if (t === 0x21) {
      const label = b[p++];
      if (label === 0xf9) delays.push(b[p + 2] | (b[p + 3] << 8));
      if (label === 0xff && String.fromCharCode(...b.slice(p + 1, p + 9)) === 'NETSCAPE') loop = true;
      skipSubBlocks();
    } else if (t === 0x2c) {
      images++;
      const f = b[p + 8];
      p += 9;
      if (f & 0x80) p += 3 * (1 << ((f & 7) + 1));
      p++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`bad block 0x${t.toString(16)} at ${p - 1}`);
  }
  return { images, delays, loop, width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8) };
}

describe('encodeGif', () => {
  it('writes GIF89a with every frame, its delay and an endless loop', () => {
    const bytes = encodeGif([frame(8, 6, [250, 0, 0]), frame(8, 6, [3, 200, 0]), frame(8, 6, [17, 0, 200])], 70);
    expect(String.fromCharCode(...bytes.slice(0, 6))).toBe('GIF89a');
    const g = walk(bytes);
    expect(g).toMatchObject({ images: 3, loop: true, width: 8, height: 6 });
    expect(g.delays).toEqual([7, 7, 7]);
  });
});
