// The guided lesson in real Chromium (issue 8): every built-in step loads,
// plays in lesson time and shows its caption with the run's numbers; a step
// is a link; N and P move between steps; a teacher's lesson file loads.
// Screenshots of every step at 1280x720 and 1920x1080 to look at.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { open } from './browser';
import { shoot } from './shoot';
import { BUILTIN_LESSON } from '../../src/app/lesson/builtin';

const base = () => inject('baseURL');
const caption = '[data-lesson-caption]';

describe('the built-in lesson', () => {
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`every step opens from its link, plays and pauses at its moments with captions (${w}x${h})`, async () => {
      for (let i = 0; i < BUILTIN_LESSON.steps.length; i++) {
        const st = BUILTIN_LESSON.steps[i];
        const s = await open(`${base()}?lesson=intro&step=${i + 1}`, { width: w, height: h });
        try {
          const page = s.page;
          const bar = page.locator('[data-lesson-step]');
          await bar.waitFor();
          expect(await bar.getAttribute('data-lesson-step')).toBe(String(i + 1));
          expect(await bar.textContent()).toContain(st.title);
          if (st.pauses.length > 0) {
            // It plays by itself and stops at its first moment, captioned with the run's numbers.
            await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-pause') === '0', caption, { timeout: 30000 });
            expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
            const text = (await page.locator(caption).textContent()) ?? '';
            expect(text.length).toBeGreaterThan(20);
            expect(text).not.toContain('{');
          } else expect(((await page.locator(caption).textContent()) ?? '').length).toBeGreaterThan(20);
          if (st.chart) {
            // The chart the step is about is on the first screen, with the caption above it.
            const box = await page.locator(`[data-chart="${st.chart}"]`).boundingBox();
            expect(box!.y + Math.min(box!.height, 200)).toBeLessThan(h);
            expect((await page.locator(caption).boundingBox())!.y).toBeLessThan(box!.y);
          }
          await shoot(page, `lesson-step${i + 1}-${w}x${h}`, false);
          expect(s.errors).toEqual([]);
        } finally {
          await s.close();
        }
      }
    }, 240000);
  }

  it('plays a step to its end caption, then N goes to the next step and P comes back', async () => {
    const s = await open(`${base()}?lesson=intro&step=1`);
    try {
      const page = s.page;
      const last = BUILTIN_LESSON.steps[0].pauses.length - 1;
      for (let k = 0; k <= last; k++) {
        await page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.getAttribute('data-pause') === String(n), [caption, k] as const, { timeout: 60000 });
        if (k < last) await page.getByRole('button', { name: 'Play' }).click();
      }
      expect(await page.locator(caption).textContent()).toMatch(/^In 12,000 ms: 12 polls, and \d+ of the 12 answers were empty/);
      await page.locator('body').press('n');
      await expect.poll(() => page.locator('[data-lesson-step]').getAttribute('data-lesson-step')).toBe('2');
      await expect.poll(() => page.evaluate(() => location.search)).toContain('step=2');
      expect(await page.locator('[data-lane]').count()).toBe(2);
      await page.locator('body').press('p');
      await expect.poll(() => page.locator('[data-lesson-step]').getAttribute('data-lesson-step')).toBe('1');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120000);

  it('loads a teacher\'s lesson file', async () => {
    // Cleartext: at 300 ms one way, TLS's extra round trip would hold an update made while connecting, so the
    // caption's maximum would no longer be one way's latency.
    const dir = mkdtempSync(join(tmpdir(), 'push-sim-lesson-'));
    const file = join(dir, 'mine.json');
    writeFileSync(
      file,
      JSON.stringify({
        title: 'My class',
        steps: [{ title: 'Latency on a slow link', techniques: ['sse'], scenario: { 'network.latencyMs': 300, 'tls.version': 'none', durationMs: 5000 }, pauses: [{ at: 'first-delivery', caption: 'One way takes {scenario.network.latencyMs} ms: this event arrived after {sse.latencyMs.max} ms.' }] }],
      }),
    );
    const s = await open(base());
    try {
      const page = s.page;
      await page.getByRole('button', { name: 'Lesson', exact: true }).click();
      await page.locator('[data-lesson-step]').waitFor();
      await page.locator('input[type=file]').setInputFiles(file);
      await expect.poll(() => page.locator('[data-lesson-step]').textContent()).toContain('My class: step 1 of 1');
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-pause') === '0', caption, { timeout: 30000 });
      expect(await page.locator(caption).textContent()).toMatch(/^One way takes 300 ms: this event arrived after 3\d\d ms\.$/);
      expect(await page.getByRole('textbox', { name: 'Latency (one way)' }).inputValue()).toBe('300');
      // The link carries the teacher's lesson.
      await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('lesson'))).toContain('"title":"My class"');
      await shoot(page, 'lesson-teacher-file', false);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  }, 60000);
});
