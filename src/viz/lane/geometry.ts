// Geometry of a Compare lane: one row per traced client, each a client box,
// a server box and a wire with two tracks (upstream above, downstream below).
// A packet's position is a pure function of (packet, playhead): d3's linear
// interpolation between the ends of its track, from sendMs to its arrival.
// Propagation moves at constant speed, hence the linear easing.

import { interpolateNumber, scaleLinear } from 'd3';
import type { TracePacket } from '../../sim/types';

export interface LaneLayout {
  width: number;
  rows: number;
  rowHeight: number;
  height: number;
  boxWidth: number;
  /** x of the client end and server end of the wire. */
  clientX: number;
  serverX: number;
}

/** Compact, so that five one-client lanes fit a 1280x720 screen. */
export const ROW_HEIGHT = 56;

/** Tallest row a lane grows to when it has the room (a 1080p screen). */
export const MAX_ROW_HEIGHT = 150;

export function laneLayout(width: number, rows: number, rowHeight = ROW_HEIGHT): LaneLayout {
  const w = Math.max(240, width);
  const rh = Math.round(Math.min(MAX_ROW_HEIGHT, Math.max(ROW_HEIGHT, rowHeight)));
  // Boxes take a fixed share on wide screens and shrink on narrow ones so the wire stays long enough to watch.
  const boxWidth = Math.round(Math.min(124, Math.max(84, w * 0.2)));
  const r = Math.max(1, rows);
  return {
    width: w,
    rows: r,
    rowHeight: rh,
    height: r * rh,
    boxWidth,
    clientX: boxWidth + 6,
    serverX: w - boxWidth - 6,
  };
}

/** Top of a row's box texts: they keep their spacing and sit in the middle of a taller row. */
export function textTop(layout: LaneLayout, row: number): number {
  return row * layout.rowHeight + (layout.rowHeight - ROW_HEIGHT) / 2;
}

/** y of a track: upstream a third down the row, downstream two thirds down. */
export function trackY(layout: LaneLayout, row: number, dir: 'up' | 'down'): number {
  return row * layout.rowHeight + layout.rowHeight * (dir === 'up' ? 0.3 : 0.68);
}

/**
 * Font size (px) that fits `text` in `width` px, at most `max`: machine
 * states such as "streaming.quiet" must stay inside their box. Monospace
 * glyphs are about 0.6 em wide.
 */
export function fitFont(text: string, width: number, max = 12, min = 7): number {
  if (text.length === 0) return max;
  return Math.max(min, Math.min(max, width / (text.length * 0.6)));
}

/**
 * Fraction of the way along the wire at t (0 at send, 1 at arrival), clamped.
 * Linear, with no easing: a packet crosses the wire at a constant speed. (No
 * d3-ease either: its module builds every easing at load, which would cost
 * the first visit half a kilobyte for the identity.)
 */
export function progressAt(sendMs: number, endMs: number, t: number): number {
  if (endMs <= sendMs) return t >= sendMs ? 1 : 0;
  return scaleLinear().domain([sendMs, endMs]).range([0, 1]).clamp(true)(t);
}

export interface PacketPoint {
  x: number;
  y: number;
  progress: number;
}

export function packetPoint(layout: LaneLayout, p: Pick<TracePacket, 'client' | 'dir' | 'sendMs'>, endMs: number, t: number): PacketPoint {
  const progress = progressAt(p.sendMs, endMs, t);
  const [from, to] = p.dir === 'up' ? [layout.clientX, layout.serverX] : [layout.serverX, layout.clientX];
  const row = Math.min(p.client, layout.rows - 1);
  return { x: interpolateNumber(from, to)(progress), y: trackY(layout, row, p.dir), progress };
}

/** Share of the wire a packet's trail covers behind it. */
export const TRAIL_SHARE = 0.22;

/**
 * The packet's fading trail: the two points behind it at half and all of the
 * trail's length (drawn fainter the further back), shorter while it leaves.
 */
export function trailPoints(layout: LaneLayout, p: Pick<TracePacket, 'client' | 'dir' | 'sendMs'>, endMs: number, t: number): { near: PacketPoint; far: PacketPoint; at: PacketPoint } {
  const at = packetPoint(layout, p, endMs, t);
  const [from, to] = p.dir === 'up' ? [layout.clientX, layout.serverX] : [layout.serverX, layout.clientX];
  const point = (progress: number): PacketPoint => ({ x: interpolateNumber(from, to)(progress), y: at.y, progress });
  return { at, near: point(Math.max(0, at.progress - TRAIL_SHARE / 2)), far: point(Math.max(0, at.progress - TRAIL_SHARE)) };
}

/**
 * Which in-flight packets get a text label: at most `max` per track, the most
 * recently sent ones, so that a busy wire stays readable (the rest keep their
 * shape and colour, and the Focus view lists every one).
 */
export function labelled(packets: readonly Pick<TracePacket, 'id' | 'client' | 'dir' | 'sendMs'>[], max = 2): Set<number> {
  const byTrack = new Map<string, Pick<TracePacket, 'id' | 'sendMs'>[]>();
  for (const p of packets) {
    const k = `${p.client}/${p.dir}`;
    let l = byTrack.get(k);
    if (!l) byTrack.set(k, (l = []));
    l.push(p);
  }
  const out = new Set<number>();
  for (const l of byTrack.values()) {
    l.sort((a, b) => b.sendMs - a.sendMs || b.id - a.id);
    for (const p of l.slice(0, max)) out.add(p.id);
  }
  return out;
}

/** Approximate width of a label in 11 px monospace. */
export function labelWidth(text: string, fontPx = 11): number {
  return text.length * fontPx * 0.6;
}

/** x of a packet's label: centred on the packet, but kept over the wire so it never covers the boxes. */
export function labelX(layout: LaneLayout, x: number, text: string): number {
  const half = labelWidth(text) / 2;
  const lo = layout.clientX + half;
  const hi = layout.serverX - half;
  return lo > hi ? (layout.clientX + layout.serverX) / 2 : Math.min(hi, Math.max(lo, x));
}
