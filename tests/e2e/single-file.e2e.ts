// The one-file build (`npm run build:single` → dist-single/index.html) opened
// from disk with every outgoing request blocked: it must show the Compare
// view, animate, recompute in its inlined Web Workers after a slider moves,
// run a sweep, and export; no request other than the file itself (and the
// page's own data:/blob: URLs, which never leave it) may even be attempted.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, type Session } from './browser';
import { shoot } from './shoot';
import { ensureSingleBuild, SINGLE_HTML } from './single-build';

const ROOT = join(import.meta.dirname, '..', '..');
const HTML = SINGLE_HTML;
const URL_ = pathToFileURL(HTML).href;


let s: Session;
const requests: string[] = [];

beforeAll(async () => {
  ensureSingleBuild();
  s = await open('about:blank');
  const allowed = (url: string) => url === URL_ || url.startsWith('data:') || url.startsWith('blob:');
  s.context.on('request', (r) => requests.push(r.url()));
  await s.context.route('**/*', (r) => (allowed(r.request().url()) ? r.continue() : r.abort()));
  await s.page.goto(URL_);
  await s.page.waitForSelector('[data-lane="streaming"] svg', { timeout: 30000 });
});

afterAll(async () => {
  await s?.close();
});

/** Positions of the packets drawn in one lane, as "id@transform". */
async function positions(lane: string): Promise<string[]> {
  return s.page.$$eval(`[data-lane="${lane}"] g.packet`, (gs) => gs.map((g) => `${g.getAttribute('data-packet')}@${g.getAttribute('transform')}`));
}

describe('one-file build from file://', () => {
  it('is one HTML file with everything inline', () => {
    const html = readFileSync(HTML, 'utf8');
    expect(readdirSync(join(ROOT, 'dist-single'))).toEqual(['index.html']);
    // No script, style sheet or other resource is loaded from a URL (the markup, outside the inlined code).
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) => m.slice(0, m.indexOf('>') + 1)).replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style>');
    expect(html).toMatch(/<script type="module"[^>]*>[^<]/);
    expect(markup).not.toMatch(/<script[^>]+src=/i);
    expect(markup).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(markup).not.toMatch(/<link\b[^>]*\bhref=(?!["']?data:)/i);
    expect(markup).not.toMatch(/<(img|iframe|audio|video|source|object|embed)\b[^>]*\bsrc=(?!["']?data:)/i);
    // The code has no worker or asset file to fetch: workers are started from inlined code.
    expect(html).not.toMatch(/new URL\([`'"][^`'"]+\.(js|ts|css)[`'"], *import\.meta\.url\)/);
    console.log(`dist-single/index.html: ${(html.length / 1024).toFixed(0)} kB, gzip ${(gzipSync(html).length / 1024).toFixed(0)} kB`);
  });

  it('shows the Compare view with five lanes', async () => {
    expect(await s.page.locator('[data-lane]').count()).toBe(5);
    await expect.poll(() => s.page.getByText(/Computed in \d+ ms/).count(), { timeout: 20000 }).toBe(1);
    await shoot(s.page, 'single-file-compare');
  });

  it('animates packets', async () => {
    const page = s.page;
    await page.getByLabel('Playback speed').focus();
    await page.keyboard.press('Home');
    let moved = false;
    for (let attempt = 0; attempt < 5 && !moved; attempt++) {
      for (let i = 0; i < 300 && (await positions('long-polling')).length === 0; i++) await page.getByRole('button', { name: 'Step forward one event' }).click();
      const before = new Map((await positions('long-polling')).map((x) => x.split('@') as [string, string]));
      await page.getByRole('button', { name: 'Play' }).click();
      await page.waitForTimeout(150);
      await page.getByRole('button', { name: 'Pause' }).click();
      moved = (await positions('long-polling')).some((x) => {
        const [id, tr] = x.split('@');
        return before.has(id) && before.get(id) !== tr;
      });
      if (!moved) await page.getByRole('button', { name: 'Step forward one event' }).click();
    }
    expect(moved).toBe(true);
  });

  it('recomputes in its inlined Web Workers after the latency slider moves', async () => {
    // 200 clients: too big for one frame, so the runner sends it to the workers (the default scenario stays on the page).
    const clients = s.page.getByRole('textbox', { name: 'Clients' });
    await clients.fill('200');
    await expect.poll(() => s.page.locator('[data-run-summary]').textContent(), { timeout: 20000 }).toMatch(/This run: 200 clients,/);
    const before = await s.page.locator('[data-score-row="sse"]').textContent();
    await s.page.getByLabel('Latency (one way) slider').focus();
    for (let i = 0; i < 40; i++) await s.page.keyboard.press('ArrowRight');
    await expect.poll(() => s.page.locator('[data-score-row="sse"]').textContent(), { timeout: 20000 }).not.toBe(before);
    await expect.poll(() => s.page.getByText(/Computed in \d+ ms/).textContent(), { timeout: 20000 }).toMatch(/Web Workers/);
    await clients.fill('1');
    await expect.poll(() => s.page.locator('[data-run-summary]').textContent(), { timeout: 20000 }).toMatch(/This run: 1 client,/);
  });

  it('runs a sweep in its worker', async () => {
    await s.page.getByRole('tab', { name: 'Sweep' }).click();
    await expect.poll(() => s.page.getByTestId('sweep-status').textContent().catch(() => ''), { timeout: 60000 }).toMatch(/\(worker\)/);
    await shoot(s.page, 'single-file-sweep');
    await s.page.getByRole('tab', { name: 'Compare' }).click();
  });

  it('exports a PNG and a GIF', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const [png] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'PNG (2×)' }).click()]);
    expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await dialog.getByRole('combobox', { name: 'Length' }).selectOption('2');
    const [gif] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), dialog.getByRole('button', { name: 'GIF', exact: true }).click()]);
    expect(readFileSync((await gif.path())!).subarray(0, 6).toString('latin1')).toBe('GIF89a');
    await page.keyboard.press('Escape');
  });

  it('attempted no request but the file itself (and its own data:/blob: URLs), and logged no errors', () => {
    const outside = requests.filter((u) => u !== URL_ && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
    expect(requests.filter((u) => u === URL_)).toHaveLength(1);
    expect(s.errors).toEqual([]);
  });
});
