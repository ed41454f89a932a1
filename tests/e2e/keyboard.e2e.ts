// Keyboard shortcuts in real Chromium: each one works from the page, and
// none fires while typing in a number field.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { open, type Session } from './browser';
import { shoot } from './shoot';

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open(inject('baseURL'));
  page = s.page;
  await page.waitForSelector('[data-lane="streaming"] svg');
});

afterAll(async () => {
  await s?.close();
});

const time = () => page.getByLabel('Playhead time').textContent();
const speed = () => page.locator('.speed output').textContent();
/** Put the focus on the page itself (no control). */
async function blur() {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('shortcuts', () => {
  it('Space plays and pauses', async () => {
    await blur();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.waitForTimeout(150);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    expect(await time()).not.toMatch(/^0\.000 s/);
  });

  it('R resets to the start', async () => {
    await page.keyboard.press('r');
    expect(await time()).toMatch(/^0\.000 s/);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
  });

  it('→ and ← step one event; Shift jumps ten', async () => {
    await page.keyboard.press('ArrowRight');
    const one = await time();
    expect(one).not.toMatch(/^0\.000 s/);
    await page.keyboard.press('ArrowLeft');
    expect(await time()).toMatch(/^0\.000 s/);
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    const ten = await time();
    await page.keyboard.press('r');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await time()).toBe(ten);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await time()).toMatch(/^0\.000 s/);
  });

  it('+ and - change the speed', async () => {
    expect(await speed()).toBe('1×');
    await page.keyboard.press('+');
    expect(await speed()).toBe('2×');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await speed()).toBe('0.5×');
    await page.keyboard.press('=');
    expect(await speed()).toBe('1×');
  });

  it('1-5 highlight a lane in Compare and choose the technique in Focus', async () => {
    await page.keyboard.press('4');
    expect(await page.locator('#view-panel').getAttribute('data-highlight')).toBe('websocket');
    await shoot(page, 'keyboard-highlight', false);
    await page.getByRole('tab', { name: 'Focus' }).click();
    await blur();
    expect(await page.getByLabel('Technique').inputValue()).toBe('websocket');
    await page.keyboard.press('1');
    expect(await page.getByLabel('Technique').inputValue()).toBe('polling');
    await page.keyboard.press('5');
    expect(await page.getByLabel('Technique').inputValue()).toBe('streaming');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await blur();
  });

  it('? shows the shortcuts and Escape closes them', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('Play / pause');
    await shoot(page, 'keyboard-shortcuts', false);
    // While it is open, other keys do nothing.
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('?');
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('?');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('a slider keeps its arrow keys', async () => {
    await page.keyboard.press('r');
    const slider = page.getByRole('slider', { name: 'Latency (one way) slider' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(await time()).toMatch(/^0\.000 s/);
    expect(await page.getByRole('textbox', { name: 'Latency (one way)' }).inputValue()).not.toBe('50');
    await page.getByRole('button', { name: 'Restore all defaults' }).click();
  });

  it('none fires while typing in a number field', async () => {
    await blur();
    await page.keyboard.press('r');
    const box = page.getByRole('textbox', { name: 'Latency (one way)' });
    await box.click();
    await box.fill('');
    await page.keyboard.type('12 r+-?3');
    expect(await box.inputValue()).toBe('12 r+-?3');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await time()).toMatch(/^0\.000 s/);
    expect(await speed()).toBe('1×');
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(await page.getByTestId('shortcuts').isVisible()).toBe(false);
    expect(await page.locator('#view-panel').getAttribute('data-highlight')).toBe('websocket');
    await box.fill('50');
    // The same keys in the Focus view's select do not choose techniques either.
    expect(s.errors).toEqual([]);
  });
});
