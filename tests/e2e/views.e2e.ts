// Focus, Charts and Sweep in real Chromium: the inspector shows a real HTTP
// request, the charts' summary follows the latency slider, a sweep completes;
// screenshots of every view at 1280x720 and 400 px wide.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { open, type Session } from './browser';
import { shoot } from './shoot';

let s: Session;

beforeAll(async () => {
  s = await open(inject('baseURL'));
  await s.page.waitForSelector('[data-lane="streaming"] svg');
});

afterAll(async () => {
  await s?.close();
});

describe('Focus view', () => {
  it('shows the real text of a request selected from the keyboard', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Focus' }).click();
    await page.getByLabel('Technique').selectOption('polling');
    const first = page.locator('g.arrow[data-kind="request"]').first();
    await first.focus();
    await page.keyboard.press('Enter');
    const text = (await page.getByTestId('packet-text').textContent()) ?? '';
    expect(text.startsWith('GET ')).toBe(true);
    expect(text).toMatch(/^GET \/\S* HTTP\/1\.1\r\n/);
    expect(text).toContain('\r\nHost: ');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    // The size split adds up to the request's header bytes (SPEC default 400).
    expect(await page.locator('[data-bytes="header"]').textContent()).toBe('400 B');
    await shoot(page, 'focus-1280', false);
  });

  it('selects with a click and moves with next/prev', async () => {
    const page = s.page;
    await page.getByLabel('Technique').selectOption('websocket');
    await page.locator('g.arrow[data-kind="handshake"]').first().dispatchEvent('click');
    expect(await page.getByTestId('packet-text').textContent()).toContain('Upgrade: websocket');
    await page.getByRole('button', { name: 'Next packet' }).click();
    expect(await page.getByTestId('packet-text').textContent()).toContain('101 Switching Protocols');
    await page.getByRole('button', { name: 'Previous packet' }).click();
    expect(await page.getByTestId('packet-text').textContent()).toContain('Upgrade: websocket');
    expect(s.errors).toEqual([]);
  });
});

describe('Charts view', () => {
  it('follows the latency slider', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Charts' }).click();
    const row = page.locator('.summary-table tr[data-technique="long-polling"]');
    await row.waitFor();
    const before = await row.textContent();
    const input = page.getByRole('textbox', { name: 'Latency (one way)' });
    await input.fill('400');
    await expect.poll(() => row.textContent(), { timeout: 15000 }).not.toBe(before);
    await shoot(page, 'charts-1280', true);
    await input.fill('50');
    expect(s.errors).toEqual([]);
  });
});

describe('Sweep view', () => {
  it('completes a sweep', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Sweep' }).click();
    await expect.poll(() => page.getByTestId('sweep-status').textContent().catch(() => ''), { timeout: 60000, interval: 500 }).toMatch(/values × 5 techniques/);
    await shoot(page, 'sweep-1280', true);
    expect(s.errors).toEqual([]);
  });
});

describe('narrow screen', () => {
  it('fits 400 px without sideways scrolling', async () => {
    const narrow = await open(inject('baseURL'), { width: 400, height: 800 });
    try {
      await narrow.page.waitForSelector('[data-lane="streaming"] svg');
      const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await shoot(narrow.page, 'compare-400', true);
      await narrow.page.getByRole('tab', { name: 'Focus' }).click();
      await shoot(narrow.page, 'focus-400', true);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(narrow.errors).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});
