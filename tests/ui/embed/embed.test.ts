// Embed helpers: the iframe snippet (escaped attributes, allowfullscreen,
// lazy, a title) and the fit-to-frame search.
import { describe, expect, it } from 'vitest';
import { frameTitle, iframeSnippet } from '../../../src/app/embed/snippet';
import { Fitter, MIN_LAYOUT_PX } from '../../../src/app/embed/fit';

describe('iframeSnippet', () => {
  it('writes an accessible, full-screen-capable, lazy frame', () => {
    const html = iframeSnippet('https://x.test/?a=1&b="2"', { width: 960.4, height: 540 }, 'Push techniques: Compare view');
    expect(html).toBe('<iframe src="https://x.test/?a=1&amp;b=&quot;2&quot;" width="960" height="540" style="border:0" allowfullscreen loading="lazy" title="Push techniques: Compare view"></iframe>');
  });
  it('names the view in the title', () => {
    expect(frameTitle({ view: 'focus', technique: 'websocket' })).toBe('Push techniques: Focus on WebSocket');
    expect(frameTitle({ view: 'charts', technique: 'sse' })).toBe('Push techniques: Charts view');
  });
});

/** Run the search against a model of the content's height at a layout width. */
function settle(frameW: number, frameH: number, height: (layoutW: number) => number): { s: number; steps: number } {
  const f = new Fitter(frameW, frameH);
  let s = 1;
  for (let i = 0; i < 40; i++) {
    const n = f.next(s, height(frameW / s));
    if (n === s && f.settled) return { s, steps: i + 1 };
    s = n;
  }
  return { s, steps: 40 };
}

describe('Fitter', () => {
  it('shrinks tall content to the frame', () => {
    const { s } = settle(320, 180, () => 600);
    expect(s * 600).toBeLessThanOrEqual(180.5);
    expect(s * 600).toBeGreaterThan(170);
  });

  it('scales short content up, laying it out at least MIN_LAYOUT_PX wide', () => {
    const { s } = settle(3840, 2160, () => 200);
    expect(s).toBeCloseTo(3840 / MIN_LAYOUT_PX);
  });

  it('finds a good fit when the height depends on the width (a grid changing columns)', () => {
    // One column below 900 px (tall), three above (short): a fixed-point step would oscillate.
    const grid = (w: number) => (w < 900 ? 2400 : 800);
    const { s, steps } = settle(1920, 1080, grid);
    expect(s * grid(1920 / s)).toBeLessThanOrEqual(1080.5);
    // The best is the widest three-column layout that fits: s = 1080/800 = 1.35.
    expect(s).toBeGreaterThan(1.3);
    expect(steps).toBeLessThan(20);
  });

  it('wraps text: height falls as width grows', () => {
    const text = (w: number) => 100 + 200000 / w;
    const { s } = settle(320, 180, text);
    expect(s * text(320 / s)).toBeLessThanOrEqual(180.5);
    expect(s * text(320 / s)).toBeGreaterThan(170);
  });
});
