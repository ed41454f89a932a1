// Themes in real Chromium: light, dark and projector each render (look at
// the screenshots), the page follows prefers-color-scheme until the user
// picks, the pick is saved, theme= in the URL wins; prefers-reduced-motion
// turns the glide of packets into event-by-event steps.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { open, type Session } from './browser';
import { shoot } from './shoot';
import { expectLanesInViewport } from './lanes-fit';

const base = () => inject('baseURL');
const sessions: Session[] = [];

afterAll(async () => {
  for (const s of sessions) await s.close();
});

const rootVar = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

describe('themes', () => {
  for (const [id, bg, fg] of [
    ['light', 'rgb(255, 255, 255)', 'rgb(17, 17, 17)'],
    ['dark', 'rgb(17, 20, 24)', 'rgb(232, 234, 237)'],
    ['projector', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)'],
  ] as const) {
    it(`${id} renders every view`, async () => {
      const s = await open(`${base()}?theme=${id}`);
      sessions.push(s);
      const page = s.page;
      await page.waitForSelector('[data-lane="streaming"] svg');
      expect(await theme(page)).toBe(id);
      // The page's background and text colours come from --bg and --fg.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(bg);
      expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe(fg);
      for (const name of ['--muted', '--panel', '--border', '--grid', '--axis', '--accent', '--line-width', '--font-size-chart', '--font-size-ui']) expect(await rootVar(page, name), name).not.toBe('');
      for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step forward one event' }).click();
      // All five lanes on one 1280x720 screen in every theme (a projector's resolution).
      await expectLanesInViewport(page);
      await shoot(page, `theme-${id}-compare`, false);
      await page.getByRole('tab', { name: 'Focus' }).click();
      await page.getByLabel('Technique').selectOption('websocket');
      await page.getByRole('button', { name: 'Reset to the start' }).click();
      await page.waitForSelector('g.arrow');
      await page.locator('g.arrow').first().dispatchEvent('click');
      await shoot(page, `theme-${id}-focus`, false);
      await page.getByRole('tab', { name: 'Charts' }).click();
      await page.waitForSelector('.summary-table');
      await shoot(page, `theme-${id}-charts`, false);
      const embed = await s.context.newPage();
      await embed.setViewportSize({ width: 320, height: 180 });
      await embed.goto(`${base()}?theme=${id}&embed=1&techniques=sse,websocket`);
      await embed.waitForSelector('.fit[data-settled]');
      await shoot(embed, `theme-${id}-embed-320x180`, false);
      await embed.close();
      expect(s.errors).toEqual([]);
    });
  }

  it('projector: thick lines and large labels', async () => {
    const s = await open(`${base()}?theme=projector`);
    sessions.push(s);
    const page = s.page;
    await page.waitForSelector('[data-lane="streaming"] svg');
    const wire = await page.locator('[data-lane="sse"] line.wire').first().evaluate((l) => getComputedStyle(l).strokeWidth);
    expect(parseFloat(wire)).toBeGreaterThanOrEqual(3);
    const title = await page.locator('[data-lane="sse"] text.box-title').first().evaluate((t) => getComputedStyle(t).fontSize);
    expect(parseFloat(title)).toBeGreaterThanOrEqual(14);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('19px');
  });

  it('follows prefers-color-scheme until the user picks, and keeps the pick', async () => {
    const s = await open(base());
    sessions.push(s);
    const page = s.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => theme(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    await page.getByTestId('theme-picker').selectOption('projector');
    expect(await theme(page)).toBe('projector');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(100);
    expect(await theme(page)).toBe('projector');
    // Saved: a fresh load (no theme= in the address) keeps it.
    await page.goto(base());
    await page.waitForSelector('[data-lane] svg');
    expect(await theme(page)).toBe('projector');
    expect(await page.evaluate(() => localStorage.getItem('push-sim.theme'))).toBe('projector');
    // A link's theme= wins over the saved pick.
    // (An address with parameters mounts once its decoder has loaded: wait for it.)
    await page.goto(`${base()}?theme=dark`);
    await expect.poll(() => theme(page)).toBe('dark');
    // Back to the system.
    await page.getByTestId('theme-picker').selectOption('auto');
    expect(await theme(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    expect(s.errors).toEqual([]);
  });

  it('prefers-reduced-motion: playback steps from event to event', async () => {
    const s = await open(base());
    sessions.push(s);
    const page = s.page;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('[data-lane="streaming"] svg');
    await page.getByRole('button', { name: 'Play' }).click();
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      seen.push((await page.getByLabel('Playhead time').textContent()) ?? '');
      await page.waitForTimeout(50);
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    const distinct = new Set(seen);
    // 1.5 s of wall time at one step per 0.6 s: at most 3 or 4 positions, each an event.
    expect(distinct.size).toBeGreaterThan(1);
    expect(distinct.size).toBeLessThanOrEqual(4);
    expect(s.errors).toEqual([]);
  });
});
