// Code loaded on first use, in real Chromium: a first visit (Compare)
// requests the page's own chunks only, not the export panel's or the sweep
// view's; opening Export fetches the export chunk, opening the Sweep tab the
// sweep chunk, each once. Every script of dist/assets is accounted for: the
// first visit's, the worker, or one of these two.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { open, type Session } from './browser';

const LAZY = { export: /^ExportPanel-[\w-]+\.js$/, sweep: /^SweepView-[\w-]+\.js$/ };

let s: Session;
const requested: string[] = [];

/** The asset files (under assets/) the page has requested so far. */
const scripts = () => requested.filter((u) => u.includes('/assets/') && u.endsWith('.js')).map((u) => u.slice(u.lastIndexOf('/') + 1));

beforeAll(async () => {
  s = await open(inject('baseURL'));
  // open() has already loaded the page: watch from a fresh load.
  s.page.on('request', (r) => requested.push(r.url()));
  await s.page.reload();
  await s.page.waitForSelector('[data-lane="streaming"] svg');
});

afterAll(async () => {
  await s?.close();
});

describe('code loaded on first use', () => {
  it('does not request the export or the sweep code', () => {
    const first = scripts();
    expect(first.length).toBeGreaterThan(0);
    expect(first.filter((f) => LAZY.export.test(f) || LAZY.sweep.test(f))).toEqual([]);
  });

  it('every built script is the first visit’s, the worker, or a chunk loaded on first use', () => {
    const first = new Set(scripts());
    const built = readdirSync(join(import.meta.dirname, '..', '..', 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    const others = built.filter((f) => !first.has(f) && !f.includes('worker'));
    expect(others.sort()).toEqual([built.find((f) => LAZY.export.test(f)), built.find((f) => LAZY.sweep.test(f))].sort());
  });

  it('opening Export fetches the export chunk, once', async () => {
    const page = s.page;
    const toggle = page.getByRole('button', { name: 'Export', exact: false }).first();
    await toggle.click();
    await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'SVG', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await toggle.click();
    await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'SVG', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    expect(scripts().filter((f) => LAZY.export.test(f))).toHaveLength(1);
    expect(scripts().filter((f) => LAZY.sweep.test(f))).toEqual([]);
  });

  it('opening the Sweep tab fetches the sweep chunk, once', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Sweep' }).click();
    await page.getByRole('heading', { name: 'Sweep' }).waitFor();
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('tab', { name: 'Sweep' }).click();
    await page.getByRole('heading', { name: 'Sweep' }).waitFor();
    expect(scripts().filter((f) => LAZY.sweep.test(f))).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });
});
