// Prints the page's figures (not a test: timings depend on the machine):
// gzip size of the built JS (the first visit's, the chunks loaded on first
// use, the worker) and CSS, frames per second of the Compare view
// while playing, and the time from a slider input to the redrawn chart.
// Usage: npm run measure:ui   (builds first unless E2E_SKIP_BUILD=1)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { open } from './browser';

const root = join(import.meta.dirname, '..', '..');
if (!process.env.E2E_SKIP_BUILD) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const assets = join(root, 'dist', 'assets');
// The first visit loads what index.html names (its script and modulepreloads);
// the other page scripts are chunks loaded on first use (export, sweep).
const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
const sizes: Record<string, { raw: number; gzip: number }> = {};
for (const f of readdirSync(assets)) {
  const ext = f.endsWith('.css') ? 'css' : f.endsWith('.js') ? (f.includes('worker') ? 'js (workers)' : html.includes(`assets/${f}`) ? 'js (page)' : 'js (on use)') : null;
  if (!ext) continue;
  const buf = readFileSync(join(assets, f));
  const s = (sizes[ext] ??= { raw: 0, gzip: 0 });
  s.raw += buf.length;
  s.gzip += gzipSync(buf, { level: 9 }).length;
}
console.log('Built assets (bytes):');
for (const [k, v] of Object.entries(sizes)) console.log(`  ${k.padEnd(13)} ${v.raw.toLocaleString('en-US').padStart(9)} raw  ${v.gzip.toLocaleString('en-US').padStart(8)} gzip`);

const server = await preview({ root, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const s = await open(server.resolvedUrls!.local[0]);
const page = s.page;
await page.waitForSelector('[data-lane="streaming"] svg');
// tsx compiles with esbuild's keepNames, whose __name helper the page lacks.
await page.evaluate('globalThis.__name = (f) => f');
await page.waitForTimeout(500);

/** Frames counted by requestAnimationFrame over `ms` while playing at `speed`. */
async function fps(label: string, ms = 3000) {
  await page.getByRole('button', { name: 'Play' }).click();
  const r = await page.evaluate(
    (dur) =>
      new Promise<{ frames: number; worst: number }>((resolve) => {
        let frames = 0;
        let worst = 0;
        let last = performance.now();
        const t0 = last;
        const tick = (now: number) => {
          frames++;
          worst = Math.max(worst, now - last);
          last = now;
          if (now - t0 < dur) requestAnimationFrame(tick);
          else resolve({ frames, worst });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  console.log(`${label}: ${((r.frames * 1000) / ms).toFixed(1)} frames/s over ${ms / 1000} s, longest frame ${r.worst.toFixed(1)} ms`);
}

/** Median wall time from an input event on a slider to the next painted frame after `watch` changed. */
async function inputToRedraw(label: string, slider: string, watch: string, positions: number[]) {
  const times = await page.evaluate(
    async ({ slider, watch, positions }) => {
      const input = document.querySelector<HTMLInputElement>(`input[aria-label="${slider}"]`)!;
      const out: number[] = [];
      for (const pos of positions) {
        const target = document.querySelector(watch)!;
        const before = target.textContent;
        const t0 = performance.now();
        const done = new Promise<number>((resolve) => {
          const mo = new MutationObserver(() => {
            if (document.querySelector(watch)!.textContent === before) return;
            mo.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        input.value = String(pos);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        out.push(await Promise.race([done, new Promise<number>((r) => setTimeout(() => r(NaN), 10000))]));
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    },
    { slider, watch, positions },
  );
  const ok = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  console.log(`${label}: median ${ok[Math.floor(ok.length / 2)]?.toFixed(1)} ms, min ${ok[0]?.toFixed(1)}, max ${ok[ok.length - 1]?.toFixed(1)} (${ok.length}/${times.length} runs)`);
}

await fps('Compare view playing at 1x');
await page.getByLabel('Playback speed').focus();
await page.keyboard.press('End');
await fps('Compare view playing at 10x');
const note = () => page.getByTestId('compute-note').textContent();
await inputToRedraw('Latency slider -> Compare scoreboard redrawn', 'Latency (one way) slider', '[data-score-row="sse"]', [420, 440, 460, 480, 500, 520, 540, 560, 580, 600]);
console.log('  compute note:', await note());
await page.getByRole('tab', { name: 'Charts' }).click();
await page.waitForSelector('.summary-table');
await inputToRedraw('Latency slider -> Charts summary redrawn', 'Latency (one way) slider', '.summary-table tr[data-technique="long-polling"]', [430, 450, 470, 490, 510, 530, 550, 570, 590, 610]);
console.log('  compute note:', await note());

// Issue 9: 10,000 clients x the default minute in the page's workers, from typing the count to the new run summary.
await page.getByRole('tab', { name: 'Compare' }).click();
for (const clients of [1000, 10000, 10001]) {
  const box = page.getByRole('textbox', { name: 'Clients' });
  const t0 = Date.now();
  await box.fill(String(clients));
  await page.waitForFunction((n) => document.querySelector('[data-run-summary]')?.textContent?.includes(`This run: ${n} clients,`), clients.toLocaleString('en-US'), { timeout: 60000 });
  console.log(`${clients.toLocaleString('en-US')} clients x 60 s, all five techniques: ${((Date.now() - t0) / 1000).toFixed(2)} s to the new run summary; compute note: ${await note()}`);
}
console.log('console errors:', s.errors.length ? s.errors : 'none');
await s.close();
await server.close();
