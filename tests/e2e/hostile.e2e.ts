// Issue 7 on the page, in real Chromium: links that crashed or froze the tab
// now open with a notice and a working page, and a scenario typed into the
// controls that is too big for a tab is refused with a message instead of
// running for hours.
import { describe, expect, inject, it } from 'vitest';
import { open } from './browser';
import { shoot } from './shoot';

const base = () => inject('baseURL');

/** JS heap in use (MB), from Chromium's DevTools protocol. */
async function heapMb(s: Awaited<ReturnType<typeof open>>): Promise<number> {
  const cdp = await s.context.newCDPSession(s.page);
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

describe('hostile links', () => {
  it('?sse.retryMs=1.5: a notice, and the lanes (it showed "Simulation failed" and no lanes)', async () => {
    const s = await open(base() + '?sse.retryMs=1.5');
    try {
      const notice = s.page.getByTestId('url-notice');
      await notice.waitFor();
      const item = notice.locator('li[data-param="sse.retryMs"]');
      expect(await item.textContent()).toMatch(/not an integer/);
      expect(await item.textContent()).toContain('the default, 3000 ms');
      await s.page.waitForSelector('[data-lane="sse"] svg');
      expect(await s.page.getByText('Simulation failed').count()).toBe(0);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('?streaming.mediaBytes=100000000&streaming.chunkBytes=1: larger chunks, a notice, a small heap (it froze the tab at 2.4 GB)', async () => {
    const s = await open(base() + '?streaming.mediaBytes=100000000&streaming.chunkBytes=1');
    try {
      const notice = s.page.getByTestId('url-notice');
      await notice.waitFor();
      const item = notice.locator('li[data-param="streaming.chunkBytes"]');
      expect(await item.textContent()).toMatch(/100,000,000 media chunks/);
      await s.page.waitForSelector('[data-lane="streaming"] svg', { timeout: 30000 });
      await s.page.getByText(/More settings/).click();
      const chunk = Number(await s.page.getByRole('textbox', { name: 'Media chunk' }).inputValue());
      expect(chunk).toBeGreaterThan(1);
      expect(await heapMb(s)).toBeLessThan(400);
      await shoot(s.page, 'hostile-media-link', false);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('controls=none,playback says none stands alone (the old message contradicted itself)', async () => {
    const s = await open(base() + '?embed=1&controls=none,playback');
    try {
      const notice = s.page.getByTestId('url-notice');
      await notice.waitFor();
      const text = (await notice.locator('li[data-param="controls"]').textContent()) ?? '';
      expect(text).toContain('none cannot be combined');
      expect(text).not.toContain('not a scenario key');
    } finally {
      await s.close();
    }
  });
});

describe('a scenario typed into the controls', () => {
  it('too big for a tab is refused with the limit and the command-line way around it; the last results stay', async () => {
    const s = await open(base());
    try {
      const page = s.page;
      await page.waitForSelector('[data-lane="streaming"] svg');
      await page.getByText(/More settings/).click();
      await page.getByRole('textbox', { name: 'Clients' }).fill('10000');
      await page.getByRole('textbox', { name: 'Duration' }).fill('3600000');
      const note = page.getByText(/Not simulated: this run is too big for a browser tab/);
      // The 10,000 clients typed first are a run within the budget, which the worker may still be on when the duration comes (a loaded CI machine once took over 10 s).
      await note.waitFor({ timeout: 30000 });
      expect(await note.textContent()).toContain('--max-work');
      // The page answers at once and still shows lanes.
      const t0 = Date.now();
      expect(await page.evaluate(() => 2 + 2)).toBe(4);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(await page.locator('[data-lane="sse"] svg').count()).toBe(1);
      await shoot(page, 'hostile-too-big', false);
      // Back within the budget, it runs again.
      await page.getByRole('textbox', { name: 'Duration' }).fill('60000');
      await page.getByRole('textbox', { name: 'Clients' }).fill('2');
      await expect.poll(() => note.count(), { timeout: 30000 }).toBe(0);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
