// Lesson time (src/viz/lesson-time.ts, issue 8): every packet takes about a
// second of watching on its wire whatever the latency, idle gaps are
// squeezed to a fraction of a second, and the map is a strictly increasing
// bijection between real and lesson time (so the clock can run on one and
// show the other).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES, type TechniqueId, type Trace } from '../../../src/sim';
import { FLIGHT_WALL_MS, GAP_WALL_MS, lessonTime } from '../../../src/viz/lesson-time';
import { advanceLesson } from '../../../src/app/playback/advance';

const traces = (sets: Record<string, unknown> = {}, ids: readonly TechniqueId[] = TECHNIQUES) => {
  const out = simulate(resolveScenario({ streaming: { mediaBytes: 0 }, ...sets }), ids, { traceClients: 1 });
  return ids.map((id) => out.results[id]!.trace!);
};

describe('lesson time', () => {
  for (const latencyMs of [5, 50, 500]) {
    it(`a packet's flight takes about ${FLIGHT_WALL_MS} ms of lesson time at ${latencyMs} ms one way`, () => {
      const tr = traces({ network: { latencyMs } }, ['sse']);
      const lt = lessonTime(tr, 60000);
      const events = tr[0].packets.filter((p) => p.kind === 'event' && p.arriveMs !== null);
      expect(events.length).toBeGreaterThan(3);
      for (const p of events) {
        const wall = lt.toLesson(p.arriveMs!) - lt.toLesson(p.sendMs);
        expect(wall).toBeGreaterThan(0.7 * FLIGHT_WALL_MS);
        expect(wall).toBeLessThan(1.5 * FLIGHT_WALL_MS);
      }
    });
  }

  it('squeezes idle gaps: the default 60 s run of SSE (an update every 5 s on average) plays in a few seconds per update, not 60 s of waiting', () => {
    const tr = traces({}, ['sse']);
    const lt = lessonTime(tr, 60000);
    const packets = tr[0].packets.length;
    expect(lt.squeezed.length).toBeGreaterThan(3);
    for (const [a, b] of lt.squeezed) expect(lt.toLesson(b) - lt.toLesson(a)).toBeCloseTo(GAP_WALL_MS, 6);
    // Each packet's flight (~1 s, padded) plus at most one squeezed gap before it.
    expect(lt.totalMs).toBeLessThan(packets * (1.4 * FLIGHT_WALL_MS + GAP_WALL_MS) + GAP_WALL_MS);
    expect(lt.totalMs).toBeGreaterThan(packets * 0.5 * FLIGHT_WALL_MS);
  });

  it('is strictly increasing and inverts itself (property over random runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(1, 20, 300), fc.double({ min: 0, max: 5, noNaN: true }), (seed, latencyMs, rate) => {
        const tr = traces({ seed, durationMs: 20000, network: { latencyMs }, server: { updateRateHz: rate } });
        const lt = lessonTime(tr, 20000);
        let prev = -1;
        for (let t = 0; t <= 20000; t += 97) {
          const l = lt.toLesson(t);
          expect(l).toBeGreaterThan(prev);
          prev = l;
          expect(lt.toReal(l)).toBeCloseTo(t, 6);
        }
        expect(lt.toLesson(20000)).toBeCloseTo(lt.totalMs, 6);
      }),
      { numRuns: 25 },
    );
  });

  it('with nothing on the wire is real time', () => {
    const empty: Trace = { clients: 1, packets: [], states: [], updatesMs: [], truncated: false };
    const lt = lessonTime([empty], 5000);
    expect(lt.toLesson(1234)).toBe(1234);
    expect(lt.totalMs).toBe(5000);
  });

  it('the playback clock advances lesson time by the frame and reads back real time, never backwards, ending at the end', () => {
    const lt = lessonTime(traces({}, ['polling']), 60000);
    let t = 0;
    let frames = 0;
    for (;;) {
      const step = advanceLesson(t, 16, 1, 60000, lt);
      expect(step.t).toBeGreaterThanOrEqual(t);
      t = step.t;
      frames++;
      if (step.ended) break;
    }
    expect(t).toBe(60000);
    // 16 ms a frame: the whole lesson length, give or take a frame.
    expect(Math.abs(frames * 16 - lt.totalMs)).toBeLessThanOrEqual(32);
  });
});
