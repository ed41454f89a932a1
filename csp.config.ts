// The page's Content-Security-Policy, in one place for both builds. Each
// build writes it into index.html as <meta http-equiv="Content-Security-Policy">
// (the page is static: there is no server of ours to send a header), right
// after <meta charset>, before any script or style sheet it governs.
//
// What the page needs, directive by directive (tests/e2e/csp.e2e.ts checks
// every view, the sweep, the workers, the exports and the embed mode for
// violations, under this policy and under an HTTP `default-src 'self'`):
//
//   default-src 'self'    Everything not named below (connect, font, media,
//                         frame, manifest) only from the page's own origin;
//                         the page fetches nothing at all today.
//   script-src 'self'     The bundle is one external module script. Never
//                         'unsafe-inline' or 'unsafe-eval': nothing evaluates
//                         strings (d3 and xstate do not).
//   style-src 'self'      One external style sheet. Svelte's `style=` bindings
//                         (lanes' font sizes, the embed fit, the inspector's
//                         bars) are written through the CSSOM (el.style.cssText),
//                         which CSP does not restrict.
//   style-src-attr 'unsafe-inline'
//                         The SVG/PNG/GIF/WebM exports copy each drawing and
//                         write its computed style into style="" attributes
//                         with setAttribute (src/app/export/svg.ts, so the
//                         file renders on its own). Chromium reports that as a
//                         violation even on a detached copy, and the CSSOM way
//                         would rewrite the declarations (url(#a) becomes
//                         url("#a")). Only style *attributes*: no <style>
//                         element, and no script, is allowed inline by this.
//   img-src 'self' data:  The favicon; the PNG, GIF and WebM exports draw the
//                         composed SVG through an <img> from a data: URL onto a
//                         canvas. (Downloads are blob: URLs opened by an
//                         <a download>: a navigation, not an image load.)
//   worker-src 'self'     The simulation worker (both jobs: the comparison's
//                         techniques and the sweep) is a file next to
//                         the page (src/app/worker-factory.ts).
//   object-src 'none'     No plugins.
//   base-uri 'self'       No <base> may redirect the page's relative URLs.
//   form-action 'none'    The page has no form to submit.
//
// The one-file build (dist-single/index.html, vite.single.config.ts) loads
// nothing, so it starts from default-src 'none'. Its script and its styles
// are inline: they are allowed by their sha256 hashes, computed after
// vite-plugin-singlefile has inlined them (cspHashes() below); its workers
// start from blob: URLs (src/app/worker-factory.single.ts, worker-src blob:)
// and inherit this policy; its favicon is a data: URL.
//
// Not here: frame-ancestors (a <meta> policy cannot carry it, and the page is
// meant to be embedded in slide decks' iframes anyway), report-uri/report-to
// (ignored in <meta>; nowhere to report to from a static page).
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export type Directives = Record<string, string[]>;

/** The normal build's policy (dist/, vite.config.ts). */
export const DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

/** The one-file build's policy, given the hashes of its inline scripts and styles. */
export function singleFileDirectives(scriptHashes: string[], styleHashes: string[]): Directives {
  return {
    ...DIRECTIVES,
    'default-src': ["'none'"],
    'script-src': scriptHashes.length ? scriptHashes : ["'none'"],
    'style-src': styleHashes.length ? styleHashes : ["'none'"],
    'img-src': ['data:'],
    'worker-src': ['blob:'],
    'base-uri': ["'none'"],
  };
}

export function serialize(d: Directives): string {
  return Object.entries(d)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy as the page's normal build carries it. */
export const POLICY = serialize(DIRECTIVES);

/** 'sha256-…' of an inline element's text as the browser hashes it (after the HTML parser's newline normalization). */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;
}

/** Inserts the <meta> policy right after <meta charset>, ahead of every script and style sheet. */
export function insertMeta(html: string, policy: string): string {
  if (/<meta[^>]+http-equiv=["']?content-security-policy/i.test(html)) throw new Error('index.html already has a Content-Security-Policy <meta>');
  const charset = /<meta\s+charset=[^>]*>/i.exec(html);
  if (!charset) throw new Error('index.html has no <meta charset> to put the Content-Security-Policy after');
  const at = charset.index + charset[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  return html.slice(0, at) + meta + html.slice(at);
}

/** Normal build: the fixed policy. Build only: the dev server injects <style> elements for hot reloading. */
export function cspMeta(policy = POLICY): Plugin {
  return {
    name: 'push-sim:csp-meta',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => insertMeta(html, policy) },
  };
}

// Script and style elements in document order: a match's text ends at the
// first end tag, as in the HTML parser, so "<style" inside a script is text.
const RAW_TEXT = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;

/** The hashes of every inline <script> and <style> of an HTML page. Throws if a script or style sheet is still external. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const [, tag, attrs, text] of html.matchAll(RAW_TEXT)) {
    if (/\bsrc\s*=/i.test(attrs)) throw new Error(`an external <${tag}${attrs}> is left: the CSP hashes must be computed after the inlining`);
    (tag.toLowerCase() === 'script' ? scripts : styles).add(sha256Source(text));
  }
  const markup = html.replace(RAW_TEXT, '');
  if (/<link\b[^>]*\brel=["']?(stylesheet|modulepreload)/i.test(markup)) throw new Error('an external style sheet or module is left: the CSP hashes must be computed after the inlining');
  return { scripts: [...scripts], styles: [...styles] };
}

/**
 * One-file build: the policy with the hashes of the inline script and style.
 * vite-plugin-singlefile inlines them in its generateBundle hook (order
 * 'post'), after every transformIndexHtml hook has run, so this works on the
 * emitted HTML in a generateBundle hook of its own: enforce 'post' and order
 * 'post', and listed after viteSingleFile() in the plugins (hooks of the same
 * order run in the plugins' order). inlineHashes() fails the build if it
 * ever runs before the inlining.
 */
export function cspHashes(): Plugin {
  return {
    name: 'push-sim:csp-hashes',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          const { scripts, styles } = inlineHashes(html);
          file.source = insertMeta(html, serialize(singleFileDirectives(scripts, styles)));
        }
      },
    },
  };
}
