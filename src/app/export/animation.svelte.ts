// Renders the Compare animation frame by frame, offscreen and
// deterministically: the lanes are mounted once in a hidden stage, and for
// each scheduled playhead time they are redrawn synchronously (flushSync),
// serialized with their styles inlined, and drawn onto a canvas. The frames
// go to a GIF encoder (gifenc) or, as WebM, to a MediaRecorder on the
// canvas's stream.

import { flushSync, mount, tick, unmount } from 'svelte';
import type { RunOutput, TechniqueId } from '../../sim';
import type { TraceIndex } from '../../viz/trace-index';
import AnimationStage from './AnimationStage.svelte';
import { findFigures, viewLegend } from './figures';
import { frameSchedule, type Clip } from './frames';
import { GifWriter } from './gif';
import { exportSvgs, rasterize } from './svg';

export const LANE_WIDTH = 640;

export interface AnimationRequest {
  output: RunOutput;
  indexes: Partial<Record<TechniqueId, TraceIndex>>;
  shown: TechniqueId[];
  startMs: number;
  seconds: number;
  fps: number;
  speed: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Calls `draw(canvas, i, clip)` once per frame, the canvas holding frame i. */
async function renderFrames(r: AnimationRequest, draw: (canvas: HTMLCanvasElement, i: number, clip: Clip) => void | Promise<void>): Promise<Clip> {
  const clip = frameSchedule({ startMs: r.startMs, endMs: r.output.scenario.durationMs, seconds: r.seconds, fps: r.fps, speed: r.speed });
  const host = document.createElement('div');
  // inert keeps it out of the accessibility tree and away from the focus (aria-hidden would hide the drawings from findFigures).
  host.inert = true;
  host.style.cssText = `position: fixed; left: -100000px; top: 0; width: ${LANE_WIDTH}px; pointer-events: none;`;
  document.body.appendChild(host);
  const props = $state({ output: r.output, indexes: r.indexes, shown: r.shown, playheadMs: clip.times[0], width: LANE_WIDTH });
  const stage = mount(AnimationStage, { target: host, props });
  const canvas = document.createElement('canvas');
  try {
    flushSync();
    await tick();
    for (let i = 0; i < clip.times.length; i++) {
      if (r.signal?.aborted) throw new DOMException('export cancelled', 'AbortError');
      props.playheadMs = clip.times[i];
      flushSync();
      const figs = findFigures(host);
      const composed = exportSvgs(figs, `t = ${seconds(clip.times[i])} (${r.speed}× speed)`, viewLegend(host, figs));
      await rasterize(composed, 1, canvas);
      await draw(canvas, i, clip);
      r.onProgress?.(i + 1, clip.times.length);
    }
  } finally {
    unmount(stage);
    host.remove();
  }
  return clip;
}

export async function compareGif(r: AnimationRequest): Promise<{ blob: Blob; frames: number; clip: Clip }> {
  let gif: GifWriter | null = null;
  const clip = await renderFrames(r, (canvas, _i, c) => {
    gif ??= new GifWriter(c.delayMs);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    gif.add({ data: img.data, width: img.width, height: img.height });
  });
  const w = gif as GifWriter | null;
  if (!w) throw new Error('no frames');
  return { blob: new Blob([w.finish() as Uint8Array<ArrayBuffer>], { type: 'image/gif' }), frames: w.frames, clip };
}

export function webmSupported(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function') return null;
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']) if (MediaRecorder.isTypeSupported(t)) return t;
  return null;
}

/**
 * WebM: the frames are first drawn as bitmaps, then played onto a canvas
 * whose stream a MediaRecorder records, one frame per delay. The recorder
 * runs in real time, so this takes as long as the clip.
 */
export async function compareWebm(r: AnimationRequest): Promise<{ blob: Blob; frames: number; clip: Clip }> {
  const type = webmSupported();
  if (!type) throw new Error('this browser cannot record WebM');
  const bitmaps: ImageBitmap[] = [];
  const clip = await renderFrames(r, async (canvas) => {
    bitmaps.push(await createImageBitmap(canvas));
  });
  const out = document.createElement('canvas');
  out.width = bitmaps[0].width;
  out.height = bitmaps[0].height;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(bitmaps[0], 0, 0);
  const stream = out.captureStream(0);
  const track = stream.getVideoTracks()[0] as MediaStreamTrack & { requestFrame?: () => void };
  const rec = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (rec.onstop = () => resolve()));
  rec.start();
  for (const bmp of bitmaps) {
    ctx.drawImage(bmp, 0, 0);
    track.requestFrame?.();
    await new Promise((res) => setTimeout(res, clip.delayMs));
  }
  rec.stop();
  await stopped;
  for (const t of stream.getTracks()) t.stop();
  for (const b of bitmaps) b.close();
  return { blob: new Blob(chunks, { type: 'video/webm' }), frames: bitmaps.length, clip };
}
