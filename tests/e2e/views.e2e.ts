// Focus, Charts and Sweep in real Chromium: the inspector shows a real HTTP
// request, the charts' summary follows the latency slider, a sweep completes;
// screenshots of every view at 1280x720 and 400 px wide.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { open, type Session } from './browser';
import { shoot } from './shoot';
import { KEYS } from '../../src/sim';

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
    // A GET has no body: its header bytes are its whole text (the head profile's poll request).
    expect(await page.locator('[data-bytes="header"]').textContent()).toBe(`${text.length} B`);
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

describe('plain language', () => {
  it('no visible text in any view names a scenario key or a machine state id (they stay in tooltips and exports)', async () => {
    const page = s.page;
    const keyNames = KEYS.map((k) => k.key).filter((k) => k.includes('.') || /[a-z][A-Z]/.test(k));
    const stateIds = ['streaming.quiet', 'streaming.pinging', 'streaming.choosing'];
    if (!(await page.getByText(/More settings/).evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await page.getByText(/More settings/).click();
    for (const view of ['Compare', 'Focus', 'Charts', 'Sweep']) {
      await page.getByRole('tab', { name: view }).click();
      await page.waitForTimeout(500);
      if (view === 'Focus') await page.locator('g.arrow').first().dispatchEvent('click');
      const text = await page.evaluate(() => document.body.innerText);
      for (const k of [...keyNames, ...stateIds]) expect(text.includes(k), `${view} shows ${k}`).toBe(false);
    }
    await page.getByRole('tab', { name: 'Compare' }).click();
  });
});

describe('phone (390x844)', () => {
  it('shows the play bar and lanes on the first screen, keeps the play bar on screen when scrolled, and opens the controls as a sheet', async () => {
    const phone = await open(inject('baseURL'), { width: 390, height: 844 });
    try {
      const page = phone.page;
      await page.waitForSelector('[data-lane="streaming"] svg');
      const inView = (sel: string) => page.locator(sel).first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      expect(await inView('button[aria-label="Play"]')).toBe(true);
      for (const id of ['polling', 'long-polling', 'sse']) expect(await inView(`[data-lane="${id}"] svg`), id).toBe(true);
      // The scenario controls are not on the page until asked for.
      expect(await page.getByRole('textbox', { name: 'Clients' }).isVisible()).toBe(false);
      await page.evaluate(() => window.scrollTo(0, 600));
      expect(await inView('button[aria-label="Play"]')).toBe(true);
      await page.getByRole('button', { name: 'Scenario' }).click();
      const clients = page.getByRole('textbox', { name: 'Clients' });
      expect(await clients.isVisible()).toBe(true);
      await clients.fill('2');
      await expect.poll(() => page.locator('[data-run-summary]').textContent()).toMatch(/This run: 2 clients/);
      await shoot(page, 'phone-sheet', false);
      await page.getByRole('button', { name: 'Close the scenario controls' }).click();
      expect(await clients.isVisible()).toBe(false);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'phone-390x844', false);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
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
