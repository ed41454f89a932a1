import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3';
import { arrowFor, HEADER, segments, seqLayout, seqWindow, spacedLabels, timeTickLabels, timeTicks, visiblePackets, nearestArrow, distanceToArrow } from '../../../src/viz/sequence/geometry';
import { resolveScenario, simulate, type TracePacket, type TraceState } from '../../../src/sim';

function pkt(id: number, sendMs: number, client = 0): TracePacket {
  return { id, client, conn: 0, stream: null, dir: 'up', kind: 'request', label: '', sendMs, arriveMs: sendMs + 50, header: 0, framing: 0, payload: 0, wire: 0, tls: 0, messages: [], retransmitted: false, text: '' };
}

describe('sequence diagram geometry', () => {
  const layout = seqLayout(800, 500, 0, 1000);

  it('orders the columns: time, client bands, client axis, server axis, server band', () => {
    expect(layout.timeX).toBeLessThan(layout.clientBandX);
    expect(layout.clientBandX + layout.bandWidth).toBeLessThanOrEqual(layout.connBandX);
    expect(layout.connBandX + layout.connBandWidth).toBeLessThan(layout.clientX);
    expect(layout.clientX).toBeLessThan(layout.serverX);
    expect(layout.serverX).toBeLessThan(layout.serverBandX);
    expect(layout.serverBandX + layout.bandWidth).toBeLessThanOrEqual(800);
    // On a phone the arrows still get at least half the width.
    const narrow = seqLayout(370, 500, 0, 1000);
    expect(narrow.serverX - narrow.clientX).toBeGreaterThan(370 / 2);
  });

  it('maps time downwards', () => {
    expect(layout.y(0)).toBe(HEADER);
    expect(layout.y(1000)).toBe(494);
    expect(layout.y(500)).toBeGreaterThan(layout.y(250));
  });

  it('slants an arrow by its time on the wire, sender to receiver', () => {
    const up = arrowFor(layout, { dir: 'up', sendMs: 100 }, 200);
    expect([up.x1, up.x2]).toEqual([layout.clientX, layout.serverX]);
    expect(up.y2 - up.y1).toBeCloseTo(layout.y(200) - layout.y(100));
    const down = arrowFor(layout, { dir: 'down', sendMs: 100 }, 100);
    expect([down.x1, down.x2]).toEqual([layout.serverX, layout.clientX]);
    expect(down.my).toBe(down.y1);
  });

  it('keeps the window inside the run with the playhead a third down', () => {
    expect(seqWindow(3000, 3000, 60000)).toEqual([2000, 5000]);
    expect(seqWindow(100, 3000, 60000)).toEqual([0, 3000]);
    expect(seqWindow(59900, 3000, 60000)).toEqual([57000, 60000]);
    expect(seqWindow(500, 5000, 2000)).toEqual([0, 2000]);
  });

  it('picks the packets of one client that cross the window', () => {
    const ps = [pkt(0, 0), pkt(1, 100, 1), pkt(2, 900), pkt(3, 2000)];
    const end = ps.map((p) => p.arriveMs!);
    expect(visiblePackets(ps, end, 0, 40, 1000)).toEqual([0, 2]);
    expect(visiblePackets(ps, end, 0, 60, 1000)).toEqual([2]);
    expect(visiblePackets(ps, end, 1, 0, 1000)).toEqual([1]);
  });

  it('clips state segments to the window and lets the last run to the end', () => {
    const st: TraceState[] = [
      { client: 0, machine: 'client', conn: null, tMs: 0, state: 'idle' },
      { client: 0, machine: 'client', conn: null, tMs: 300, state: 'waiting' },
      { client: 0, machine: 'client', conn: null, tMs: 300, state: 'open' },
    ];
    expect(segments(st, 100, 1000, 5000)).toEqual([
      { state: 'idle', from: 100, to: 300 },
      { state: 'open', from: 300, to: 1000 },
    ]);
  });

  it('spaces labels and gives readable ticks', () => {
    expect(spacedLabels([10, 15, 30, 31, 50])).toEqual([true, false, true, false, true]);
    // Labels in different columns (requests, answers) never hide each other.
    expect(spacedLabels([10, 15, 20, 22], 13, ['up', 'down', 'up', 'down'])).toEqual([true, true, false, false]);
    expect(timeTicks(layout)).toContain(500);
  });
});

describe('labels of requests and their answers', () => {
  // Issue 8, "responses labelled": with the default 50 ms each way a poll and
  // its answer are a round trip (about 100 ms) apart, 12 px in a 2 s window;
  // labelled at the arrows' middles, the answer's label was always hidden by
  // the request's. A third of the way from each sender, requests stand in a
  // column near the client and answers near the server.
  it('every poll and its answer are labelled in the default 2 s window', () => {
    const tr = simulate(resolveScenario({ streaming: { mediaBytes: 0 } }), ['polling'], { traceClients: 1 }).results.polling!.trace!;
    const lay = seqLayout(740, 520, 2000, 4000);
    const shown = tr.packets.filter((p) => p.sendMs >= 2000 && (p.arriveMs ?? p.sendMs) <= 4000);
    expect(shown.some((p) => p.dir === 'up') && shown.some((p) => p.dir === 'down')).toBe(true);
    const arrows = shown.map((p) => arrowFor(lay, p, p.arriveMs ?? p.sendMs));
    const labelled = spacedLabels(arrows.map((a) => a.ly), 13, shown.map((p) => p.dir));
    expect(labelled.every(Boolean)).toBe(true);
    // And the columns are apart: a request's label left of an answer's.
    const up = arrows[shown.findIndex((p) => p.dir === 'up')];
    const down = arrows[shown.findIndex((p) => p.dir === 'down')];
    expect(down.lx - up.lx).toBeGreaterThan((lay.serverX - lay.clientX) / 4);
  });
});

describe('time tick labels', () => {
  it('have enough decimals at every zoom that neighbours never read the same', () => {
    for (const [t0, t1] of [
      [0, 1000],
      [1234, 1334],
      [0, 60000],
      [5000, 7000],
      [100, 110],
    ]) {
      const ticks = scaleLinear().domain([t0, t1]).ticks(8);
      const labels = timeTickLabels(ticks);
      expect(new Set(labels).size, `${t0}-${t1}: ${labels.join(' ')}`).toBe(ticks.length);
      // And they say the tick's time: parsing the label gives it back to the label's precision.
      ticks.forEach((t, i) => expect(Math.abs(parseFloat(labels[i]) * 1000 - t)).toBeLessThan(1e-6 + (ticks[1] - ticks[0]) / 2));
    }
    expect(timeTickLabels([0, 50, 100])).toEqual(['0.00 s', '0.05 s', '0.10 s']);
    expect(timeTickLabels([0, 10000, 20000])).toEqual(['0 s', '10 s', '20 s']);
  });
});

describe('picking an arrow', () => {
  it('selects the arrow nearest the pointer, not the one drawn last, within reach', () => {
    const a = { x1: 0, y1: 0, x2: 100, y2: 20, mx: 50, my: 10, lx: 33, ly: 7 };
    const b = { x1: 0, y1: 8, x2: 100, y2: 28, mx: 50, my: 18, lx: 33, ly: 15 };
    // On a's line at x=50 (y=10): a, although b (drawn later) is 8 px away.
    expect(nearestArrow([a, b], 50, 10)).toBe(0);
    expect(nearestArrow([a, b], 50, 17)).toBe(1);
    expect(nearestArrow([a, b], 50, 60)).toBe(-1);
    // Past an end: the distance to the end point.
    expect(distanceToArrow(a, -3, -4)).toBeCloseTo(5, 9);
  });
});
