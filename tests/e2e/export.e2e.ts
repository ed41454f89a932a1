// Exports in real Chromium: each action of the Export menu produces a valid
// file (PNG and GIF signatures, SVG that parses and renders on its own, CSV
// with the header and one row per technique, JSON that parses, WebM's EBML
// header). The files are kept under tests/e2e/screenshots/exports/ to look
// at, with one frame of the GIF drawn as PNG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { open, type Session } from './browser';
import { SHOTS } from './shoot';

const OUT = join(SHOTS, 'exports');
const TECHNIQUES = ['polling', 'long-polling', 'sse', 'websocket', 'streaming'];
let s: Session;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await open(inject('baseURL'));
  await s.page.waitForSelector('[data-lane="streaming"] svg');
  await s.page.waitForSelector('[data-score-row="sse"]', { timeout: 20000 });
});

afterAll(async () => {
  await s?.close();
});

async function openMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Export', exact: false }).first();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('dialog', { name: 'Export' }).waitFor();
}

/** Clicks an action of the menu and returns the downloaded file. */
async function save(page: Page, action: string, timeout = 60000): Promise<{ name: string; bytes: Buffer; path: string }> {
  await openMenu(page);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout }), page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: action, exact: true }).click()]);
  const path = join(OUT, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: readFileSync(path), path };
}

async function svgCheck(page: Page, text: string): Promise<{ error: boolean; root: string; width: number; height: number }> {
  return page.evaluate(async (t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t)}`;
    await img.decode();
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.tagName, width: img.naturalWidth, height: img.naturalHeight };
  }, text);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(b: Buffer): { width: number; height: number } {
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('Export menu', () => {
  it('exports the Compare view as SVG that parses and renders standalone', async () => {
    const page = s.page;
    // Move to a moment with packets on the wire.
    for (let i = 0; i < 25; i++) await page.getByRole('button', { name: 'Step forward one event' }).click();
    await openMenu(page);
    expect(await page.getByTestId('export-what').textContent()).toMatch(/whole compare view: 5 drawings/);
    const f = await save(page, 'SVG');
    expect(f.name).toBe('push-sim-compare.svg');
    const text = f.bytes.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).not.toContain('var(--');
    const r = await svgCheck(page, text);
    expect(r).toMatchObject({ error: false, root: 'svg' });
    expect(r.width).toBeGreaterThan(300);
    // Every lane is in it.
    for (const name of ['Short polling', 'Long polling', 'Server-Sent Events', 'WebSocket', 'HTTP streaming']) expect(text).toContain(name);
  });

  it('exports the Compare view as PNG at 2x', async () => {
    const f = await save(s.page, 'PNG (2×)');
    expect([...f.bytes.subarray(0, 8)]).toEqual(PNG);
    const size = pngSize(f.bytes);
    expect(size.width).toBeGreaterThan(600);
    expect(size.height).toBeGreaterThan(600);
  });

  it('exports the results as CSV with the header and one row per technique', async () => {
    const f = await save(s.page, 'Results CSV');
    const lines = f.bytes.toString('utf8').trimEnd().split('\r\n');
    const header = lines[0].split(',');
    for (const c of ['technique', 'requests', 'bytes.down.total', 'bytes.up.total', 'latencyMs.p95', 'upstreamLatencyMs.p50']) expect(header).toContain(c);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(TECHNIQUES);
    for (const l of lines.slice(1)) expect(l.split(',')).toHaveLength(header.length);
    const requests = header.indexOf('requests');
    expect(Number(lines[1].split(',')[requests])).toBeGreaterThan(0);
  });

  it('exports the results and the trace as JSON', async () => {
    const results = JSON.parse((await save(s.page, 'Results JSON')).bytes.toString('utf8'));
    expect(Object.keys(results)).toEqual(['scenario', 'results']);
    expect(Object.keys(results.results)).toEqual(TECHNIQUES);
    expect(results.results.sse.trace).toBeUndefined();
    expect(results.scenario.network.latencyMs).toBe(50);
    const trace = JSON.parse((await save(s.page, 'Trace JSON')).bytes.toString('utf8'));
    expect(Object.keys(trace.traces)).toEqual(TECHNIQUES);
    expect(trace.traces.websocket.packets.length).toBeGreaterThan(0);
  });

  it('exports an animated GIF of the Compare lanes with many frames', async () => {
    const page = s.page;
    await openMenu(page);
    await page.getByRole('combobox', { name: 'Length' }).selectOption('2');
    const f = await save(page, 'GIF', 120000);
    expect(f.name).toBe('push-sim-compare.gif');
    expect(f.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    // Chromium decodes it: the frame count, and frame 10 drawn as PNG to look at.
    const decoded = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dec = new ImageDecoder({ data: bytes, type: 'image/gif' });
      await dec.tracks.ready;
      await dec.completed;
      const frames = dec.tracks.selectedTrack!.frameCount;
      const { image } = await dec.decode({ frameIndex: Math.min(10, frames - 1) });
      const c = document.createElement('canvas');
      c.width = image.displayWidth;
      c.height = image.displayHeight;
      c.getContext('2d')!.drawImage(image, 0, 0);
      return { frames, width: c.width, height: c.height, png: c.toDataURL('image/png').split(',')[1] };
    }, f.bytes.toString('base64'));
    expect(decoded.frames).toBeGreaterThan(1);
    // Five lanes of 640 px under the legend.
    expect(decoded.width).toBeGreaterThanOrEqual(640);
    expect(decoded.height).toBeGreaterThan(5 * 60);
    // 2 s at 15 frames a second (70 ms a frame, GIF counts centiseconds).
    expect(decoded.frames).toBe(Math.round(2000 / 70));
    writeFileSync(join(OUT, 'gif-frame-10.png'), Buffer.from(decoded.png, 'base64'));
    expect(await page.getByTestId('export-status').textContent()).toContain(`${decoded.frames} frames`);
  });

  it('exports a WebM of the Compare lanes', async () => {
    const page = s.page;
    await openMenu(page);
    const webm = page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'WebM', exact: true });
    expect(await webm.isDisabled(), 'this Chromium can record WebM').toBe(false);
    const f = await save(page, 'WebM', 120000);
    expect(f.name).toBe('push-sim-compare.webm');
    expect([...f.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(f.bytes.length).toBeGreaterThan(2000);
  });

  it('exports one chart of the Charts view as PNG and SVG', async () => {
    const page = s.page;
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.waitForSelector('section[aria-label="Bandwidth down"] svg');
    await openMenu(page);
    const options = await page.getByRole('combobox', { name: 'Drawing' }).locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['Bandwidth down', 'Latency distribution']));
    await page.getByRole('combobox', { name: 'Drawing' }).selectOption({ label: 'Bandwidth down' });
    expect(await page.getByTestId('export-what').textContent()).toMatch(/“Bandwidth down”/);
    const png = await save(page, 'PNG (2×)');
    expect(png.name).toBe('push-sim-charts-bandwidth-down.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG);
    const svg = await save(page, 'SVG');
    const r = await svgCheck(page, svg.bytes.toString('utf8'));
    expect(r).toMatchObject({ error: false, root: 'svg' });
    // The whole view too.
    await page.getByRole('combobox', { name: 'Drawing' }).selectOption({ index: 0 });
    const all = await save(page, 'PNG (2×)');
    expect(all.name).toBe('push-sim-charts.png');
    expect([...all.bytes.subarray(0, 8)]).toEqual(PNG);
  });

  it('exports the Focus view’s sequence diagram', async () => {
    const page = s.page;
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Focus' }).click();
    // From the start, where the connection's first packets are (with updates every 5 s on average, a 2 s window later on may hold none).
    await page.getByRole('button', { name: 'Reset to the start' }).click();
    await page.locator('g.arrow').first().waitFor();
    await openMenu(page);
    const f = await save(page, 'SVG');
    const text = f.bytes.toString('utf8');
    expect((await svgCheck(page, text)).error).toBe(false);
    expect(text).toMatch(/<marker[^>]+id="f\d+-arrow-/);
    expect(text).toMatch(/marker-end: url\(#f\d+-arrow-/);
    const png = await save(page, 'PNG (2×)');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG);
  });

  it('closes with Escape, returns the focus, and logged no errors', async () => {
    const page = s.page;
    await openMenu(page);
    await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'SVG', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: 'Export' }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Export/);
    expect(s.errors).toEqual([]);
  });
});
