// Frame times of an exported animation: evenly spaced at the playback
// speed, inside the run, starting at the playhead unless that would run
// past the end.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameSchedule, MAX_FRAMES } from '../../../src/app/export/frames';

describe('frameSchedule', () => {
  it('starts at the playhead, one frame per 1/fps s of playback at the speed', () => {
    const c = frameSchedule({ startMs: 1000, endMs: 60000, seconds: 2, fps: 10, speed: 0.5 });
    expect(c.delayMs).toBe(100);
    expect(c.times).toHaveLength(20);
    expect(c.times[0]).toBe(1000);
    expect(c.times[1]).toBe(1050);
    expect(c.times[19]).toBe(1950);
  });

  it('rounds the delay to whole centiseconds (what GIF stores)', () => {
    expect(frameSchedule({ startMs: 0, endMs: 60000, seconds: 4, fps: 15, speed: 1 }).delayMs).toBe(70);
  });

  it('moves the start back rather than run past the end', () => {
    const c = frameSchedule({ startMs: 59500, endMs: 60000, seconds: 2, fps: 10, speed: 1 });
    expect(c.times).toHaveLength(20);
    expect(c.times[19]).toBe(60000);
    expect(c.times[0]).toBe(58100);
  });

  it('gives fewer frames for a run shorter than the clip', () => {
    const c = frameSchedule({ startMs: 0, endMs: 500, seconds: 4, fps: 10, speed: 1 });
    expect(c.times).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it('is deterministic, increasing, inside the run and at least two frames', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (start, end, seconds, fps, speed) => {
          const r = { startMs: start, endMs: end, seconds, fps, speed };
          const c = frameSchedule(r);
          expect(frameSchedule(r)).toEqual(c);
          expect(c.times.length).toBeGreaterThanOrEqual(2);
          expect(c.times.length).toBeLessThanOrEqual(MAX_FRAMES);
          for (let i = 1; i < c.times.length; i++) expect(c.times[i]).toBeGreaterThan(c.times[i - 1]);
          expect(c.times[0]).toBeGreaterThanOrEqual(0);
          expect(c.times[c.times.length - 1]).toBeLessThanOrEqual(end + 1e-6);
        },
      ),
    );
  });
});
