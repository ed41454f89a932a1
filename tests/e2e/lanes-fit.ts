// All the Compare lanes on one screen: every lane's wire (its SVG) and the
// whole lanes area lie inside the viewport with the page scrolled to the top,
// so a teacher at 1280x720 sees all five at once without scrolling.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function expectLanesInViewport(page: Page, count = 5): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const m = await page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { id: el.closest('[data-lane]')?.getAttribute('data-lane') ?? '', top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return {
      vw: window.innerWidth,
      vh: window.innerHeight,
      wires: Array.from(document.querySelectorAll('[data-lane] svg[data-technique]'), box),
      lanes: Array.from(document.querySelectorAll('[data-lane]'), box),
    };
  });
  const info = JSON.stringify(m);
  expect(m.wires.length, info).toBe(count);
  for (const w of [...m.wires, ...m.lanes]) {
    expect(w.top, `${w.id} top ${info}`).toBeGreaterThanOrEqual(0);
    expect(w.left, `${w.id} left ${info}`).toBeGreaterThanOrEqual(0);
    expect(w.bottom, `${w.id} bottom ${info}`).toBeLessThanOrEqual(m.vh);
    expect(w.right, `${w.id} right ${info}`).toBeLessThanOrEqual(m.vw);
  }
}
