// Links in real Chromium: a link round-trips (open, change a slider, the
// view, the technique and the playhead, copy the link, open the copy: same
// view), sliders replace the history entry instead of adding one, views push
// one so Back and Forward work; bad URLs show a notice and run no markup.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { open, type Session } from './browser';
import { shoot } from './shoot';

let s: Session;
const base = () => inject('baseURL');

beforeAll(async () => {
  s = await open(base());
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base()).origin });
  await s.page.waitForSelector('[data-lane="streaming"] svg');
});

afterAll(async () => {
  await s?.close();
});

const latencyBox = 'Latency (one way)';

describe('a link', () => {
  it('round-trips the view, the slider values and the playhead', async () => {
    const page = s.page;
    const historyBefore = await page.evaluate(() => history.length);
    // A slider moved many times replaces the history entry (no flood).
    const slider = page.getByRole('slider', { name: 'Latency (one way) slider' });
    await slider.focus();
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
    const latency = await page.getByRole('textbox', { name: latencyBox }).inputValue();
    expect(latency).not.toBe('50');
    await expect.poll(() => page.evaluate(() => location.search)).toContain(`network.latencyMs=${latency}`);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    await page.getByRole('textbox', { name: 'Clients' }).fill('3');

    // A view switch pushes an entry.
    await page.getByRole('tab', { name: 'Focus' }).click();
    await page.getByLabel('Technique').selectOption('websocket');
    for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step forward one event' }).click();
    const time = await page.getByLabel('Playhead time').textContent();
    expect(time).not.toMatch(/^0\.000 s/);
    await expect.poll(() => page.evaluate(() => location.search)).toMatch(/view=focus.*technique=websocket.*t=/);

    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByText('Link copied').count()).toBe(1);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await page.evaluate(() => location.href));
    expect(link).toContain('clients=3');

    const copy = await s.context.newPage();
    await copy.goto(link);
    await copy.waitForSelector('g.arrow');
    expect(await copy.getByRole('tab', { name: 'Focus' }).getAttribute('aria-selected')).toBe('true');
    expect(await copy.getByLabel('Technique').inputValue()).toBe('websocket');
    expect(await copy.getByRole('textbox', { name: latencyBox }).inputValue()).toBe(latency);
    expect(await copy.getByRole('textbox', { name: 'Clients' }).inputValue()).toBe('3');
    expect(await copy.getByLabel('Playhead time').textContent()).toBe(time);
    await shoot(copy, 'link-copy-focus', false);
    // Opening it wrote nothing new: the address is the link.
    expect(copy.url()).toBe(link);
    await copy.close();
    expect(s.errors).toEqual([]);
  });

  it('goes back and forward between views', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.goBack();
    await expect.poll(() => page.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
    await page.goBack();
    await expect.poll(() => page.getByRole('tab', { name: 'Focus' }).getAttribute('aria-selected')).toBe('true');
    await page.goForward();
    await expect.poll(() => page.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
    // The scenario came back with the entry.
    expect(await page.getByRole('textbox', { name: 'Clients' }).inputValue()).toBe('3');
    expect(s.errors).toEqual([]);
  });
});

describe('a bad link', () => {
  it('shows each bad parameter and runs no injected markup', async () => {
    const q =
      '?clients=<img src=x onerror=window.__pwned=1>' +
      '&network.latencyMs="><script>window.__pwned=1</script>' +
      '&server.updateRateHz=lots&polling.intervalMs=1&bogus=<b>bold</b>&view=<svg onload=window.__pwned=1>';
    const bad = await open(base() + q);
    try {
      const page = bad.page;
      const notice = page.getByTestId('url-notice');
      await notice.waitFor();
      await page.waitForSelector('[data-lane="streaming"] svg');
      for (const p of ['clients', 'network.latencyMs', 'server.updateRateHz', 'polling.intervalMs', 'bogus', 'view']) {
        expect(await notice.locator(`li[data-param="${p}"]`).count()).toBe(1);
      }
      // The markup is shown as text...
      expect(await notice.locator('li[data-param="clients"] .value').textContent()).toBe('<img src=x onerror=window.__pwned=1>');
      expect(await notice.locator('li[data-param="clients"]').textContent()).toContain('Used instead: the default, 1');
      // ...and never parsed.
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('#app script, #app b, #app svg[onload]').count()).toBe(0);
      // The page works on the defaults.
      expect(await page.getByRole('textbox', { name: latencyBox }).inputValue()).toBe('50');
      await shoot(page, 'bad-link-notice', false);
      await page.getByRole('button', { name: 'Dismiss the notice about the link' }).click();
      expect(await notice.count()).toBe(0);
      expect(bad.errors).toEqual([]);
    } finally {
      await bad.close();
    }
  });

  it('scales down absurd client counts and durations without freezing', async () => {
    const bad = await open(base() + '?clients=10000&durationMs=3600000&server.updateRateHz=1000');
    try {
      const page = bad.page;
      const notice = page.getByTestId('url-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/too much work for a browser tab/);
      // The tab answers while the (scaled) run computes, and the run finishes.
      const t0 = Date.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - t0).toBeLessThan(2000);
      await page.waitForSelector('[data-lane="streaming"] svg', { timeout: 60000 });
      const again = await open(base() + '?clients=99999999&durationMs=1e12');
      try {
        await again.page.getByTestId('url-notice').waitFor();
        expect(await again.page.locator('li[data-param="clients"]').textContent()).toContain('the default, 1');
        expect(await again.page.locator('li[data-param="durationMs"]').textContent()).toContain('the default, 60000 ms');
        await again.page.waitForSelector('[data-lane="streaming"] svg');
      } finally {
        await again.close();
      }
      expect(bad.errors).toEqual([]);
    } finally {
      await bad.close();
    }
  });
});
