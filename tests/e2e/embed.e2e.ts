// Embed mode in real Chromium: embed=1 shows the view alone, with no page
// chrome and no scroll bars from 320x180 to 1920x1080 (and 4K); autoplay,
// loop, controls and techniques options; the shortcuts work inside an
// iframe once it has focus; the Embed dialog writes a working snippet.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { open, type Session } from './browser';
import { shoot } from './shoot';

const base = () => inject('baseURL');
const sessions: Session[] = [];

afterAll(async () => {
  for (const s of sessions) await s.close();
});

async function noScrollBars(page: Page) {
  const m = await page.evaluate(() => {
    const el = document.scrollingElement!;
    return { sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight };
  });
  expect(m.sw, JSON.stringify(m)).toBeLessThanOrEqual(m.cw);
  expect(m.sh, JSON.stringify(m)).toBeLessThanOrEqual(m.ch);
}

/** The fitted view lies inside the viewport. */
async function fits(page: Page, w: number, h: number) {
  const box = await page.locator('.fit > .inner').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(w + 1);
  expect(box!.y + box!.height).toBeLessThanOrEqual(h + 1);
}

const SIZES = [
  { width: 320, height: 180 },
  { width: 1920, height: 1080 },
];

describe('embed=1', () => {
  for (const size of SIZES) {
    for (const [name, q] of [
      ['compare', 'embed=1'],
      ['compare-sse', 'embed=1&techniques=sse&controls=playback,network.latencyMs'],
      ['focus', 'embed=1&view=focus&technique=websocket&t=1000'],
      ['charts', 'embed=1&view=charts&controls=none'],
    ] as const) {
      it(`${name} at ${size.width}x${size.height} fits with no scroll bars`, async () => {
        const s = await open(`${base()}?${q}`, size);
        sessions.push(s);
        const page = s.page;
        await page.waitForSelector(name === 'focus' ? 'g.arrow' : name === 'charts' ? '.summary-table' : '[data-lane] svg');
        await page.waitForSelector('.fit[data-settled]');
        // No page chrome.
        expect(await page.locator('header, aside, [role="tablist"]').count()).toBe(0);
        await noScrollBars(page);
        await fits(page, size.width, size.height);
        await shoot(page, `embed-${name}-${size.width}x${size.height}`, false);
        expect(s.errors).toEqual([]);
        await s.close();
        sessions.pop();
      });
    }
  }

  it('fits a 4K screen', async () => {
    const s = await open(`${base()}?embed=1`, { width: 3840, height: 2160 });
    sessions.push(s);
    await s.page.waitForSelector('[data-lane] svg');
    await s.page.waitForSelector('.fit[data-settled]');
    await noScrollBars(s.page);
    await fits(s.page, 3840, 2160);
    const scale = Number(await s.page.locator('.fit').getAttribute('data-scale'));
    expect(scale).toBeGreaterThan(1.2);
    await shoot(s.page, 'embed-compare-3840x2160', false);
  });

  it('shows only the chosen techniques and controls; autoplay and loop play on', async () => {
    const s = await open(`${base()}?embed=1&techniques=sse,websocket&controls=network.latencyMs&autoplay=1&loop=1&durationMs=5000&speed=5`, { width: 640, height: 360 });
    sessions.push(s);
    const page = s.page;
    await page.waitForSelector('[data-lane] svg');
    expect(await page.locator('[data-lane]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-lane')))).toEqual(['sse', 'websocket']);
    // Only the latency slider: no playback row.
    expect(await page.getByRole('slider').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(0);
    // Autoplay, loop: the run (5 s at 5x) ends after a second of wall time and starts again.
    const ts: number[] = [];
    for (let i = 0; i < 60; i++) {
      ts.push(Number(await page.locator('.embed-root').getAttribute('data-playhead')));
      await page.waitForTimeout(50);
    }
    expect(Math.max(...ts)).toBeGreaterThan(0);
    expect(ts.some((t, i) => i > 0 && t < ts[i - 1])).toBe(true);
    expect(await page.locator('.embed-root[data-playing]').count()).toBe(1);
  });

  it('takes keyboard shortcuts inside an iframe once it has focus', async () => {
    const s = await open(`${base()}`);
    sessions.push(s);
    const page = s.page;
    const src = `${base()}?embed=1&techniques=sse`;
    await page.setContent(`<!doctype html><p>Slide</p><iframe src="${src}" width="640" height="360" allowfullscreen title="embed"></iframe>`);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-lane] svg').waitFor();
    await frame.locator('[data-lane="sse"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    expect(await frame.getByLabel('Playhead time').textContent()).not.toMatch(/^0\.00 s/);
    await page.keyboard.press('Space');
    await frame.getByRole('button', { name: 'Pause' }).waitFor();
    await page.keyboard.press('Space');
    await frame.getByRole('button', { name: 'Play' }).waitFor();
    await page.keyboard.press('r');
    expect(await frame.getByLabel('Playhead time').textContent()).toMatch(/^0\.00 s/);
  });
});

describe('the Embed dialog', () => {
  it('on a projected slide (960x540, projector theme): legend of the kinds present, no explanations, a wide wire, 32 px controls', async () => {
    const s = await open(`${base()}?embed=1&theme=projector&techniques=long-polling,sse`, { width: 960, height: 540 });
    sessions.push(s);
    const page = s.page;
    await page.waitForSelector('[data-lane="sse"] svg');
    const legend = await page.locator('.legend li').allTextContents();
    expect(legend.map((t) => t.trim())).not.toContain('ping');
    expect(legend.map((t) => t.trim())).not.toContain('WS frame');
    expect(await page.locator('.explain .how-text').first().isVisible()).toBe(false);
    const wire = await page.locator('[data-lane="sse"] svg[data-technique]').boundingBox();
    const lane = await page.locator('[data-lane="sse"]').boundingBox();
    expect(wire!.width / lane!.width).toBeGreaterThan(0.6);
    const play = await page.getByRole('button', { name: 'Play' }).boundingBox();
    expect(play!.height).toBeGreaterThanOrEqual(32);
    expect(play!.width).toBeGreaterThanOrEqual(32);
    await shoot(page, 'embed-projector-960x540', false);
    // explain=1 brings them back.
    const on = await open(`${base()}?embed=1&theme=projector&techniques=long-polling,sse&explain=1`, { width: 960, height: 540 });
    sessions.push(on);
    await on.page.waitForSelector('[data-lane="sse"] svg');
    expect(await on.page.locator('.explain .how-text').first().isVisible()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('writes an iframe snippet that opens the same view', async () => {
    const s = await open(`${base()}?view=focus&technique=sse&network.latencyMs=80`);
    sessions.push(s);
    const page = s.page;
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this view' });
    await dialog.waitFor();
    await dialog.getByLabel('Autoplay').check();
    const snippet = await page.getByTestId('embed-snippet').inputValue();
    expect(snippet).toMatch(/^<iframe src="[^"]+" width="960" height="540" style="border:0" allowfullscreen loading="lazy" title="Push techniques: Focus on Server-Sent Events"><\/iframe>$/);
    const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
    expect(src).toContain('network.latencyMs=80');
    expect(src).toContain('view=focus');
    expect(src).toContain('embed=1');
    expect(src).toContain('autoplay=1');
    // The projector theme by default for a slide, explanations off unless asked.
    expect(src).toContain('theme=projector');
    expect(src).not.toContain('explain=1');
    await dialog.getByLabel('Explanations beside the lanes').check();
    expect(await page.getByTestId('embed-snippet').inputValue()).toContain('explain=1');
    await dialog.getByLabel('Explanations beside the lanes').uncheck();
    await shoot(page, 'embed-dialog', false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.setContent(`<!doctype html><body style="margin:0">${snippet.replace('loading="lazy"', '')}</body>`);
    const frame = page.frameLocator('iframe');
    await frame.locator('g.arrow').first().waitFor();
    expect(await frame.getByLabel('Technique').inputValue()).toBe('sse');
    expect(s.errors).toEqual([]);
  });
});
