// The page under a strict Content-Security-Policy (csp.config.ts).
//
// The normal build (dist/, built by global-setup.ts) is served by a small
// static server of this file that adds an HTTP header policy, the one a
// strict host would send. The browser enforces the header and the page's
// own <meta> policy together, so a violation of either is caught:
//
//   /strict/…   `default-src 'self'`, exactly: every view, the workers, a
//               sweep, the embed mode (also framed by a page of the site).
//   /exports/…  `default-src 'self'` plus the two things the exports need,
//               which the page's <meta> allows too: `img-src data:` (PNG,
//               GIF and WebM draw the composed SVG through an <img> from a
//               data: URL) and `style-src-attr 'unsafe-inline'` (the export
//               writes each element's computed style into style="" on a
//               copy of the drawing; Chromium reports that even on a copy
//               that is never shown). Nothing else is widened: scripts stay
//               'self' only. The downloads themselves are blob: URLs opened
//               by <a download>, a navigation no fetch directive governs.
//
// The one-file build (dist-single/index.html) is opened from file://, with
// no header: its <meta> policy alone, with sha256 hashes for its inline
// script and style, and its workers started from blob: URLs.
//
// A violation is seen three ways: the `securitypolicyviolation` events of
// the page (and its frames), collected into window.__csp by an init script;
// console errors that name the Content Security Policy; and the browser's
// log over CDP (Log.enable). A worker's violations fire their event in the
// worker, where no init script reaches, and Chromium logs them incompletely
// (or not at all), so every worker starts with WORKER_PRELUDE, which prints
// them with console.error (Playwright passes workers' console on to the
// page): this server prepends it to the worker files it serves, and an init
// script prepends it to every JavaScript Blob the page makes (the one-file
// build's workers start from such blobs). The detector is itself tested: an
// inline script injected into the page and a `new Function` in a worker
// must both be reported.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { POLICY, serialize, singleFileDirectives } from '../../csp.config.ts';
import { open, type Session } from './browser';
import { shoot } from './shoot';
import { ensureSingleBuild, SINGLE_HTML } from './single-build';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SINGLE = SINGLE_HTML;

const STRICT = "default-src 'self'";
const FOR_EXPORTS = `${STRICT}; img-src 'self' data:; style-src-attr 'unsafe-inline'`;
const HEADERS: Record<string, string> = { strict: STRICT, exports: FOR_EXPORTS };

/** Reports the worker's CSP violations on its console. Nothing in it needs a permission. */
const WORKER_PRELUDE =
  "self.__cspWatched = true; self.addEventListener('securitypolicyviolation', (e) => console.error('[csp] worker: ' + e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));\n";
const isWorker = (rel: string) => /(^|\/)[\w.-]*worker[\w.-]*\.js$/.test(rel);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

// Test-only files, served next to the site under each prefix.
const TEST_FILES: Record<string, [string, string]> = {
  // A worker that evaluates a string: the policy must refuse it, and the detector must see it.
  '__csp-test/eval-worker.js': ['text/javascript', "try { new Function('return 1')(); } catch { /* refused */ }\npostMessage('done');\n"],
  // A page of the site that frames the embed mode, as a slide deck would.
  '__csp-test/frame.html': [
    'text/html; charset=utf-8',
    '<!doctype html><title>frame</title><link rel="icon" href="../favicon.svg"><iframe src="../index.html?embed=1" width="960" height="540" title="push techniques"></iframe>',
  ],
};

/** Serves dist/ under /strict/ and /exports/, each with its header policy. */
function serve(): Server {
  return createServer(async (req, res) => {
    const [, prefix = '', ...rest] = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/');
    const header = HEADERS[prefix];
    const rel = rest.join('/') || 'index.html';
    const file = normalize(join(DIST, rel));
    if (!header || !(file + sep).startsWith(DIST + sep) || file === DIST) {
      res.writeHead(404).end();
      return;
    }
    const extra = TEST_FILES[rel];
    try {
      const body = extra ? extra[1] : await readFile(file);
      const text = isWorker(rel) ? WORKER_PRELUDE + body.toString() : body;
      res.writeHead(200, { 'content-type': extra?.[0] ?? TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': header, 'cache-control': 'no-store' });
      res.end(text);
    } catch {
      res.writeHead(404, { 'content-security-policy': header }).end();
    }
  });
}

function fetchText(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

interface Watch {
  /** Every violation and CSP or worker error since the last call (then forgets them). */
  take(): Promise<string[]>;
}

/** Opens a browser on about:blank with the violation detector set up (before any page of ours loads). */
async function watched(): Promise<{ s: Session; watch: Watch }> {
  const s = await open('about:blank');
  await s.context.addInitScript((prelude) => {
    const w = window as unknown as { __csp: string[] };
    const NativeBlob = Blob;
    window.Blob = class extends NativeBlob {
      constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
        super(parts && /^(text|application)\/javascript/.test(options?.type ?? '') ? [prelude, ...parts] : parts, options);
      }
    };
    w.__csp = [];
    window.addEventListener(
      'securitypolicyviolation',
      (e) => w.__csp.push(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.href}:${e.lineNumber} ${e.sample}`),
      true,
    );
  }, WORKER_PRELUDE);
  const logged: string[] = [];
  s.page.on('console', (m) => {
    if (m.type() === 'error' && (/content.security.policy/i.test(m.text()) || m.text().startsWith('[csp]'))) logged.push(`console: ${m.text()}`);
  });
  const cdp = await s.context.newCDPSession(s.page);
  cdp.on('Log.entryAdded', ({ entry }) => {
    // Some of the workers' violations arrive too, as source "worker" (with part of the message).
    if (entry.level === 'error' && (entry.source === 'security' || entry.source === 'worker' || /content.security.policy/i.test(entry.text)))
      logged.push(`log (${entry.source}${entry.url ? ` ${entry.url.slice(0, 100)}` : ''}): ${entry.text}`);
  });
  await cdp.send('Log.enable');
  const events = async (f: Frame): Promise<string[]> =>
    f.evaluate(() => {
      const w = window as unknown as { __csp?: string[] };
      return (w.__csp ?? []).splice(0);
    }).catch(() => []);
  return {
    s,
    watch: {
      async take() {
        const seen = (await Promise.all(s.page.frames().map(events))).flat();
        seen.push(...logged.splice(0));
        return [...new Set(seen)];
      },
    },
  };
}

async function lanesDrawn(page: Page | Frame): Promise<void> {
  await page.waitForSelector('[data-lane="streaming"] svg', { timeout: 30000 });
  expect(await page.locator('[data-lane] svg').count()).toBeGreaterThanOrEqual(5);
}

/** 200 clients (too big for one frame, so the runner uses the workers), then a latency change. */
async function recomputeInWorkers(page: Page): Promise<void> {
  const clients = page.getByRole('textbox', { name: 'Clients' });
  await clients.fill('200');
  await expect.poll(() => page.locator('[data-run-summary]').textContent(), { timeout: 20000 }).toMatch(/This run: 200 clients,/);
  const before = await page.locator('[data-score-row="sse"]').textContent();
  await page.getByLabel('Latency (one way) slider').focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.locator('[data-score-row="sse"]').textContent(), { timeout: 20000 }).not.toBe(before);
  await expect.poll(() => page.getByText(/Computed in \d+ ms/).textContent(), { timeout: 20000 }).toMatch(/Web Workers/);
  // The workers that computed it carry the detector's prelude.
  expect(page.workers().length).toBeGreaterThan(0);
  for (const w of page.workers()) expect(await w.evaluate(() => (self as unknown as { __cspWatched?: boolean }).__cspWatched)).toBe(true);
  await clients.fill('1');
  await expect.poll(() => page.locator('[data-run-summary]').textContent(), { timeout: 20000 }).toMatch(/This run: 1 client,/);
}

async function runSweep(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Sweep' }).click();
  await expect.poll(() => page.getByTestId('sweep-status').textContent().catch(() => ''), { timeout: 60000 }).toMatch(/\(worker\)/);
  await page.getByRole('tab', { name: 'Compare' }).click();
}

/** Clicks an action of the Export menu and returns the downloaded file's bytes. */
async function exported(page: Page, action: string): Promise<Buffer> {
  const toggle = page.getByRole('button', { name: 'Export', exact: false }).first();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), dialog.getByRole('button', { name: action, exact: true }).click()]);
  return readFileSync((await d.path())!);
}

const PNG = [0x89, 0x50, 0x4e, 0x47];

/** The detector reports an inline script injected into the page, and a string evaluated in a worker started from `workerUrl`. */
async function detectorSees(page: Page, watch: Watch, workerUrl: string): Promise<void> {
  await watch.take();
  const ran = await page.evaluate(async (url) => {
    const el = document.createElement('script');
    el.textContent = 'window.__injectedRan = true;';
    document.head.append(el);
    const w = new Worker(url);
    await new Promise((resolve) => w.addEventListener('message', resolve, { once: true }));
    w.terminate();
    return (window as unknown as { __injectedRan?: boolean }).__injectedRan ?? false;
  }, workerUrl);
  expect(ran, 'the injected inline script was refused').toBe(false);
  let seen: string[] = [];
  await expect
    .poll(async () => (seen = [...seen, ...(await watch.take())]), { timeout: 10000 })
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src-elem refused inline/),
        expect.stringMatching(/^console: .*Content Security Policy/),
        expect.stringMatching(/^console: \[csp\] worker: script-src refused eval/),
      ]),
    );
}

let server: Server;
let base = '';

beforeAll(async () => {
  server = serve();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('normal build under the HTTP header default-src \'self\'', () => {
  let s: Session;
  let watch: Watch;

  beforeAll(async () => {
    ({ s, watch } = await watched());
    await s.page.goto(`${base}/strict/`);
    await lanesDrawn(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('is served with the header, and carries the policy of csp.config.ts in its <meta>, ahead of its script', async () => {
    const r = await fetchText(`${base}/strict/`);
    expect(r.headers['content-security-policy']).toBe(STRICT);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(r.body);
    expect(meta?.[1]).toBe(POLICY);
    expect(r.body.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(r.body.indexOf('<script'));
    expect(POLICY).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    expect(await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(POLICY);
    // The favicon is a file next to the page, referenced relatively (this server serves the site under a sub-path).
    expect(r.body).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\.\/favicon\.svg"/);
    const icon = await fetchText(`${base}/strict/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.body).toMatch(/^<svg[^>]*viewBox="0 0 16 16"[\s\S]*#0072B2[\s\S]*#D55E00/);
  });

  it('draws the Compare lanes and animates with no violation', async () => {
    const page = s.page;
    expect(await page.locator('[data-lane]').count()).toBe(5);
    await expect.poll(() => page.getByText(/Computed in \d+ ms/).count(), { timeout: 20000 }).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Pause' }).click();
    await shoot(page, 'csp-compare', false);
    expect(await watch.take()).toEqual([]);
  });

  it('shows Focus (with a packet selected) and Charts with no violation', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Focus' }).click();
    const first = page.locator('g.arrow[data-kind="request"]').first();
    await first.waitFor();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('packet-text').waitFor();
    expect(await watch.take()).toEqual([]);
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.waitForSelector('section[aria-label="Bandwidth down"] svg');
    await page.locator('.summary-table tr[data-technique="sse"]').waitFor();
    expect(await watch.take()).toEqual([]);
    await page.getByRole('tab', { name: 'Compare' }).click();
    await lanesDrawn(page);
  });

  it('recomputes in its Web Workers and runs a sweep with no violation', async () => {
    await recomputeInWorkers(s.page);
    await runSweep(s.page);
    expect(await watch.take()).toEqual([]);
  });

  it('opens the Embed dialog with no violation', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await page.getByRole('dialog', { name: 'Embed this view' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await watch.take()).toEqual([]);
  });

  it('shows the embed mode, alone and framed by a page of the site, with no violation', async () => {
    const page = s.page;
    await page.goto(`${base}/strict/?embed=1`);
    await lanesDrawn(page);
    await page.waitForSelector('.fit[data-settled]');
    expect(await watch.take()).toEqual([]);
    await page.goto(`${base}/strict/__csp-test/frame.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-lane="streaming"] svg').waitFor({ timeout: 30000 });
    await frame.locator('.fit[data-settled]').waitFor();
    expect(await watch.take()).toEqual([]);
  });

  it('would report a violation: an injected inline script, a string evaluated in a worker', async () => {
    await s.page.goto(`${base}/strict/`);
    await lanesDrawn(s.page);
    await detectorSees(s.page, watch, `${base}/strict/__csp-test/eval-worker.js`);
  });

  it('logged no errors', () => {
    // Apart from what the detector's own test provoked.
    expect(s.errors.filter((e) => !/content.security.policy|^\[csp\]/i.test(e))).toEqual([]);
  });
});

describe('normal build: exports under default-src \'self\' with data: images and style attributes', () => {
  let s: Session;
  let watch: Watch;

  beforeAll(async () => {
    ({ s, watch } = await watched());
    await s.page.goto(`${base}/exports/`);
    await lanesDrawn(s.page);
    await s.page.waitForSelector('[data-score-row="sse"]', { timeout: 20000 });
    for (let i = 0; i < 25; i++) await s.page.getByRole('button', { name: 'Step forward one event' }).click();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('exports the Compare view as SVG and PNG, and a chart as PNG, with no violation', async () => {
    const page = s.page;
    const svg = (await exported(page, 'SVG')).toString('utf8');
    expect(svg).toContain('<svg');
    expect(svg).toMatch(/style="[^"]*fill/);
    expect([...(await exported(page, 'PNG (2×)')).subarray(0, 4)]).toEqual(PNG);
    expect(await watch.take()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.waitForSelector('section[aria-label="Bandwidth down"] svg');
    expect([...(await exported(page, 'PNG (2×)')).subarray(0, 4)]).toEqual(PNG);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await lanesDrawn(page);
    expect(await watch.take()).toEqual([]);
  });

  it('exports a GIF with no violation', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Export', exact: false }).first().click();
    await page.getByRole('dialog', { name: 'Export' }).getByRole('combobox', { name: 'Length' }).selectOption('2');
    expect((await exported(page, 'GIF')).subarray(0, 6).toString('latin1')).toBe('GIF89a');
    await page.keyboard.press('Escape');
    expect(await watch.take()).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});


/** The directives of a serialized policy. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

// Of the text as the HTML parser hands it over (CR LF and CR become LF).
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;

describe('one-file build from file://, under its own <meta> policy', () => {
  let s: Session;
  let watch: Watch;
  const url = pathToFileURL(SINGLE).href;

  beforeAll(async () => {
    ensureSingleBuild();
    ({ s, watch } = await watched());
    await s.page.goto(url);
    await lanesDrawn(s.page);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('allows its inline script and style by their sha256 hashes, never by unsafe-inline', async () => {
    const html = readFileSync(SINGLE, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta).not.toBeNull();
    const policy = meta![1];
    expect(html.indexOf(meta![0])).toBeLessThan(Math.min(html.indexOf('<script'), html.indexOf('<style')));
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
    const styles = [...html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual(scripts);
    expect(d.get('style-src')).toEqual(styles);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('worker-src')).toEqual(['blob:']);
    expect(policy).not.toMatch(/'unsafe-eval'|(default-src|script-src|style-src)\s[^;]*'unsafe-inline'/);
    expect(policy).toBe(serialize(singleFileDirectives(scripts, styles)));
    expect(await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(policy);
  });

  it('draws the Compare lanes with no violation', async () => {
    expect(await s.page.locator('[data-lane]').count()).toBe(5);
    await expect.poll(() => s.page.getByText(/Computed in \d+ ms/).count(), { timeout: 20000 }).toBe(1);
    await shoot(s.page, 'csp-single-compare', false);
    expect(await watch.take()).toEqual([]);
  });

  it('recomputes in its inlined (blob:) Web Workers and runs a sweep with no violation', async () => {
    await recomputeInWorkers(s.page);
    await runSweep(s.page);
    expect(await watch.take()).toEqual([]);
  });

  it('exports SVG and PNG with no violation', async () => {
    const page = s.page;
    expect((await exported(page, 'SVG')).toString('utf8')).toContain('<svg');
    expect([...(await exported(page, 'PNG (2×)')).subarray(0, 4)]).toEqual(PNG);
    await page.keyboard.press('Escape');
    expect(await watch.take()).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('would report a violation: an injected inline script, a string evaluated in a blob: worker', async () => {
    const worker = await s.page.evaluate(() => URL.createObjectURL(new Blob(["try { new Function('return 1')(); } catch { /* refused */ }\npostMessage('done');\n"], { type: 'text/javascript' })));
    await detectorSees(s.page, watch, worker);
  });
});
