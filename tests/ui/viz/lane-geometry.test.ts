import { describe, expect, it } from 'vitest';
import { fitFont, labelled, labelX, laneLayout, packetPoint, progressAt, trackY, trailPoints, TRAIL_SHARE, ROW_HEIGHT, MAX_ROW_HEIGHT, textTop } from '../../../src/viz/lane/geometry';

describe('lane geometry', () => {
  const layout = laneLayout(600, 1);

  it('puts the wire between the boxes', () => {
    expect(layout.clientX).toBeGreaterThan(layout.boxWidth);
    expect(layout.serverX).toBeLessThan(layout.width - layout.boxWidth);
    expect(layout.height).toBe(layout.rowHeight);
  });

  it('moves a packet linearly from send to arrival, clamped', () => {
    expect(progressAt(100, 200, 50)).toBe(0);
    expect(progressAt(100, 200, 150)).toBeCloseTo(0.5);
    expect(progressAt(100, 200, 250)).toBe(1);
    // A zero-length trip jumps at its send time.
    expect(progressAt(100, 100, 100)).toBe(1);
  });

  it('sends upstream packets client to server on the upper track, downstream the other way on the lower', () => {
    const up = packetPoint(layout, { client: 0, dir: 'up', sendMs: 0 }, 100, 25);
    const down = packetPoint(layout, { client: 0, dir: 'down', sendMs: 0 }, 100, 25);
    expect(up.x).toBeCloseTo(layout.clientX + 0.25 * (layout.serverX - layout.clientX));
    expect(down.x).toBeCloseTo(layout.serverX - 0.25 * (layout.serverX - layout.clientX));
    expect(up.y).toBe(trackY(layout, 0, 'up'));
    expect(down.y).toBeGreaterThan(up.y);
  });

  it('gives each traced client its own row', () => {
    const three = laneLayout(600, 3);
    const p = packetPoint(three, { client: 2, dir: 'up', sendMs: 0 }, 10, 5);
    expect(p.y).toBeGreaterThan(2 * three.rowHeight);
    expect(p.y).toBeLessThan(3 * three.rowHeight);
  });

  it('labels only the newest packets per track', () => {
    const ps = [
      { id: 1, client: 0, dir: 'down' as const, sendMs: 1 },
      { id: 2, client: 0, dir: 'down' as const, sendMs: 2 },
      { id: 3, client: 0, dir: 'down' as const, sendMs: 3 },
      { id: 4, client: 0, dir: 'up' as const, sendMs: 0 },
    ];
    expect([...labelled(ps, 2)].sort()).toEqual([2, 3, 4]);
  });

  it('keeps labels over the wire and state names inside their box', () => {
    const x = labelX(layout, layout.clientX, 'GET /poll');
    expect(x - (9 * 11 * 0.6) / 2).toBeGreaterThanOrEqual(layout.clientX - 1e-9);
    expect(fitFont('streaming.quiet', 90) * 0.6 * 15).toBeLessThanOrEqual(90 + 1e-9);
    expect(fitFont('open', 90)).toBe(12);
  });
});

describe('packet trails', () => {
  it('lie behind the packet on its own track, fainter further back, and shrink to nothing as it leaves', () => {
    const layout = laneLayout(600, 1);
    const up = { client: 0, dir: 'up' as const, sendMs: 0 };
    const mid = trailPoints(layout, up, 100, 50);
    // Upstream goes client -> server (left to right): the trail is to the left.
    expect(mid.far.x).toBeLessThan(mid.near.x);
    expect(mid.near.x).toBeLessThan(mid.at.x);
    expect(mid.at.progress - mid.far.progress).toBeCloseTo(TRAIL_SHARE, 9);
    expect(mid.far.y).toBe(mid.at.y);
    const down = trailPoints(layout, { ...up, dir: 'down' }, 100, 50);
    expect(down.far.x).toBeGreaterThan(down.at.x);
    const leaving = trailPoints(layout, up, 100, 0);
    expect(leaving.far.x).toBe(leaving.at.x);
  });
});

describe('lane height', () => {
  it('grows to the height given, within bounds, and keeps its texts centred', () => {
    expect(laneLayout(600, 1).rowHeight).toBe(ROW_HEIGHT);
    expect(laneLayout(600, 2, 100).height).toBe(200);
    expect(laneLayout(600, 1, 10).rowHeight).toBe(ROW_HEIGHT);
    expect(laneLayout(600, 1, 9999).rowHeight).toBe(MAX_ROW_HEIGHT);
    const l = laneLayout(600, 2, 100);
    expect(textTop(l, 1)).toBe(100 + (100 - ROW_HEIGHT) / 2);
    expect(trackY(l, 0, 'up')).toBeCloseTo(30, 9);
  });
});
