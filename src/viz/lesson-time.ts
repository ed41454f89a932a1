// Lesson time: a clock for watching the wire. In real time a packet crosses
// a 50 ms wire in three frames and a 60 s run is mostly empty; in lesson
// time every packet takes about a second on its wire, whatever the latency,
// and the idle gaps between exchanges are squeezed to a fraction of a
// second, so every exchange is seen and none is waited for.
//
// It is a monotone piecewise-linear map between real (simulated) time and
// lesson time (wall milliseconds at 1x): inside "busy" spans (a packet on a
// wire, padded a little) real time is slowed by one factor, chosen so the
// typical flight lasts FLIGHT_WALL_MS; an idle gap keeps that factor unless
// it would last longer than GAP_WALL_MS, then it is squeezed to that. d3's
// polylinear scale does the interpolation both ways. Pure: a function of the
// traces on screen; the playback clock advances lesson time and reads the
// playhead back in real time, which is what the clock display shows.

import { scaleLinear, type ScaleLinear } from 'd3';
import type { Trace } from '../sim/types';

/** Wall time a typical packet flight takes in lesson time, at 1x. */
export const FLIGHT_WALL_MS = 1000;
/** Longest wall time an idle gap takes in lesson time, at 1x. */
export const GAP_WALL_MS = 350;
/** Busy spans are widened by this share of a typical flight, so a packet is seen leaving and arriving. */
const PAD_SHARE = 0.15;

export interface LessonTime {
  /** Lesson ms at real time t (ms). */
  toLesson(realMs: number): number;
  /** Real ms at lesson time l. */
  toReal(lessonMs: number): number;
  /** Lesson length of the whole run. */
  totalMs: number;
  /** Lesson ms per real ms inside busy spans (the slow-motion factor). */
  factor: number;
  /** Busy spans in real time, merged and sorted. */
  busy: [number, number][];
  /** Idle gaps that were squeezed, in real time. */
  squeezed: [number, number][];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)];
}

/**
 * The lesson clock of the traces on screen. `lostMs`: how long a packet whose
 * connection dropped stays drawn (as the lanes draw it).
 */
export function lessonTime(traces: readonly (Trace | undefined)[], durationMs: number, lostMs = 100): LessonTime {
  const spans: [number, number][] = [];
  const flights: number[] = [];
  for (const tr of traces) {
    if (!tr) continue;
    for (const p of tr.packets) {
      const end = p.arriveMs ?? p.sendMs + lostMs;
      if (end > p.sendMs) flights.push(end - p.sendMs);
      spans.push([p.sendMs, Math.max(end, p.sendMs)]);
    }
  }
  const typical = median(flights);
  // Nothing on the wire (or only instant packets): lesson time is real time.
  if (typical <= 0 || durationMs <= 0) return identity(durationMs);
  const factor = Math.min(1000, Math.max(0.02, FLIGHT_WALL_MS / typical));
  const pad = typical * PAD_SHARE;

  spans.sort((a, b) => a[0] - b[0]);
  const busy: [number, number][] = [];
  for (const [a0, b0] of spans) {
    const a = Math.max(0, a0 - pad);
    const b = Math.min(durationMs, b0 + pad);
    if (a >= durationMs || b <= a) continue;
    const last = busy[busy.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else busy.push([a, b]);
  }

  // Breakpoints of the map, real -> lesson.
  const real: number[] = [0];
  const lesson: number[] = [0];
  const squeezed: [number, number][] = [];
  const to = (t: number, l: number) => {
    if (t > real[real.length - 1]) {
      real.push(t);
      lesson.push(l);
    }
  };
  const gap = (from: number, until: number) => {
    const wall = (until - from) * factor;
    if (wall > GAP_WALL_MS) squeezed.push([from, until]);
    to(until, lesson[lesson.length - 1] + Math.min(wall, GAP_WALL_MS));
  };
  for (const [a, b] of busy) {
    gap(real[real.length - 1], a);
    to(b, lesson[lesson.length - 1] + (b - a) * factor);
  }
  gap(real[real.length - 1], durationMs);
  return fromBreakpoints(real, lesson, factor, busy, squeezed);
}

function identity(durationMs: number): LessonTime {
  const d = Math.max(durationMs, 1);
  return fromBreakpoints([0, d], [0, d], 1, [], []);
}

function fromBreakpoints(real: number[], lesson: number[], factor: number, busy: [number, number][], squeezed: [number, number][]): LessonTime {
  if (real.length < 2) {
    real.push(real[0] + 1);
    lesson.push(lesson[0] + 1);
  }
  const scale: ScaleLinear<number, number> = scaleLinear().domain(real).range(lesson).clamp(true);
  const totalMs = lesson[lesson.length - 1];
  return {
    toLesson: (t) => scale(t),
    toReal: (l) => scale.invert(Math.min(totalMs, Math.max(0, l))),
    totalMs,
    factor,
    busy,
    squeezed,
  };
}
