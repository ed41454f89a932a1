// Animated GIF from RGBA frames with gifenc (a small, maintained encoder):
// each frame quantized to its own 256-colour palette, looping forever.

import { applyPalette, GIFEncoder, quantize } from 'gifenc';

export interface RgbaFrame {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export class GifWriter {
  private readonly enc = GIFEncoder();
  frames = 0;

  constructor(private readonly delayMs: number) {}

  add(f: RgbaFrame): void {
    const palette = quantize(f.data, 256);
    const index = applyPalette(f.data, palette);
    this.enc.writeFrame(index, f.width, f.height, { palette, delay: this.delayMs, repeat: 0 });
    this.frames++;
  }

  finish(): Uint8Array {
    this.enc.finish();
    return this.enc.bytes();
  }
}

export function encodeGif(frames: readonly RgbaFrame[], delayMs: number): Uint8Array {
  const w = new GifWriter(delayMs);
  for (const f of frames) w.add(f);
  return w.finish();
}
