// Embed helpers: the iframe snippet (escaped attributes, allowfullscreen,
// lazy, a title) and the fit-to-frame scale.
import { describe, expect, it } from 'vitest';
import { frameTitle, iframeSnippet } from '../../../src/app/embed/snippet';
import { MAX_STEPS, MIN_LAYOUT_PX, nextScale } from '../../../src/app/embed/fit';

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

describe('nextScale', () => {
  it('shrinks tall content to the frame height', () => {
    const s = nextScale(1, 320, 180, 600, 0);
    expect(s * 600).toBeLessThanOrEqual(180);
  });
  it('scales short content up, but lays it out at least MIN_LAYOUT_PX wide', () => {
    expect(nextScale(1, 3840, 2160, 200, 0)).toBeCloseTo(3840 / MIN_LAYOUT_PX);
    expect(nextScale(1, 1920, 1080, 900, 0)).toBeCloseTo(1.2);
  });
  it('keeps a fitting scale within 1 %, and only shrinks after MAX_STEPS', () => {
    expect(nextScale(1.2, 1920, 1080, 895, 0)).toBe(1.2);
    expect(nextScale(0.5, 1920, 1080, 400, MAX_STEPS)).toBe(0.5);
    expect(nextScale(2, 1920, 1080, 1000, MAX_STEPS)).toBeLessThan(1.08);
  });
});
