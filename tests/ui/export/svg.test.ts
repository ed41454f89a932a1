// @vitest-environment jsdom
// SVG export helpers: which computed styles are written inline, url()
// references made local, ids prefixed with their references, and the
// composed document parses as standalone SVG.
import { describe, expect, it } from 'vitest';
import { composeSvg, escapeXml, inlineCopy, localUrls, styleDelta, SVG_NS, type StyleLike } from '../../../src/app/export/svg';

function style(values: Record<string, string>): StyleLike {
  return { getPropertyValue: (p) => values[p] ?? '' };
}

describe('styleDelta', () => {
  it('writes every inherited property at the root, and overflow', () => {
    const d = styleDelta(style({ fill: 'rgb(0, 0, 0)', 'font-size': '11px', overflow: 'visible' }), null);
    expect(d).toBe('fill: rgb(0, 0, 0); font-size: 11px; overflow: visible');
  });

  it('leaves out inherited values equal to the parent’s and non-inherited ones at their initial value', () => {
    const parent = style({ fill: 'rgb(1, 2, 3)', stroke: 'none' });
    const own = style({ fill: 'rgb(1, 2, 3)', stroke: 'rgb(9, 9, 9)', opacity: '1', display: 'inline' });
    expect(styleDelta(own, parent)).toBe('stroke: rgb(9, 9, 9)');
    expect(styleDelta(style({ opacity: '0.5', display: 'none' }), parent)).toBe('display: none; opacity: 0.5');
  });

  it('keeps a child value that differs from its parent even when it is the initial value', () => {
    expect(styleDelta(style({ fill: 'rgb(0, 0, 0)' }), style({ fill: 'rgb(200, 0, 0)' }))).toBe('fill: rgb(0, 0, 0)');
  });

  it('makes url() references local and renames them', () => {
    expect(localUrls('url("http://x.test/page?a=1#arrow-tcp")')).toBe('url(#arrow-tcp)');
    expect(localUrls("url('#m')", (id) => `p-${id}`)).toBe('url(#p-m)');
    expect(styleDelta(style({ 'marker-end': 'url("#arrow")' }), style({}), (id) => `f0-${id}`)).toBe('marker-end: url(#f0-arrow)');
  });
});

describe('inlineCopy', () => {
  it('copies the drawing with styles inline, prefixed ids, and no var() attributes', () => {
    document.body.innerHTML = `<svg width="120" height="40" class="chart"><defs><marker id="arrow"><path d="M0 0"/></marker></defs>
      <line class="wire" x1="0" x2="10" marker-end="url(#arrow)" stroke="var(--axis)"/><use href="#arrow"/><text class="t">hi</text></svg>`;
    const svg = document.querySelector('svg')!;
    const styles = new Map<string, Record<string, string>>([
      ['svg', { fill: 'rgb(0, 0, 0)', 'font-size': '16px' }],
      ['line', { fill: 'rgb(0, 0, 0)', 'font-size': '16px', stroke: 'rgb(55, 65, 81)', 'stroke-dasharray': '4px, 4px' }],
      ['text', { fill: 'rgb(85, 85, 85)', 'font-size': '11px' }],
    ]);
    const copy = inlineCopy(svg, 'f0-', (el) => style(styles.get(el.tagName) ?? { fill: 'rgb(0, 0, 0)', 'font-size': '16px' }));
    expect(copy).not.toBe(svg);
    expect(copy.getAttribute('xmlns')).toBe(SVG_NS);
    expect(copy.getAttribute('width')).toBe('120');
    expect(copy.getAttribute('style')).toContain('font-size: 16px');
    const line = copy.querySelector('line')!;
    expect(line.getAttribute('style')).toBe('stroke: rgb(55, 65, 81); stroke-dasharray: 4px, 4px');
    expect(line.hasAttribute('stroke')).toBe(false);
    expect(line.getAttribute('marker-end')).toBe('url(#f0-arrow)');
    expect(copy.querySelector('marker')!.id).toBe('f0-arrow');
    expect(copy.querySelector('use')!.getAttribute('href')).toBe('#f0-arrow');
    expect(copy.querySelector('text')!.getAttribute('style')).toBe('fill: rgb(85, 85, 85); font-size: 11px');
    expect(copy.querySelector('text')!.textContent).toBe('hi');
    // The page's drawing is untouched.
    expect(svg.querySelector('line')!.getAttribute('stroke')).toBe('var(--axis)');
  });
});

describe('composeSvg', () => {
  it('stacks the parts under captions in one standalone document that parses', () => {
    const part = (w: number, h: number) => ({ svg: `<svg xmlns="${SVG_NS}" width="${w}" height="${h}"><rect width="${w}" height="${h}"/></svg>`, width: w, height: h });
    const c = composeSvg([{ ...part(200, 50), caption: 'A & <B>' }, part(300, 40)], { title: 'T', background: 'rgb(1, 2, 3)', pad: 10, gap: 5 });
    expect(c.width).toBe(320);
    expect(c.height).toBe(10 + 22 + 18 + 50 + 5 + 40 + 10);
    const doc = new DOMParser().parseFromString(c.svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.tagName).toBe('svg');
    expect(doc.documentElement.getAttribute('width')).toBe('320');
    expect(doc.querySelector('rect')!.getAttribute('fill')).toBe('rgb(1, 2, 3)');
    expect(Array.from(doc.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['T', 'A & <B>']);
    expect(doc.querySelectorAll('g > svg')).toHaveLength(2);
  });

  it('draws a legend (icons and swatches) above a part, wrapping to the width', () => {
    const icon = { svg: `<svg xmlns="${SVG_NS}" width="36" height="14"><line x2="36"/></svg>`, width: 36, height: 14 };
    const legend = Array.from({ length: 6 }, (_, i) => ({ label: `technique number ${i}`, ...(i % 2 ? { swatch: 'rgb(1, 1, 1)' } : { icon }) }));
    const c = composeSvg([{ svg: '', width: 300, height: 0, legend }], { pad: 0 });
    const doc = new DOMParser().parseFromString(c.svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(Array.from(doc.querySelectorAll('text')).map((t) => t.textContent)).toEqual(legend.map((l) => l.label));
    expect(doc.querySelectorAll('g > svg')).toHaveLength(3);
    expect(doc.querySelectorAll('rect[fill="rgb(1, 1, 1)"]')).toHaveLength(3);
    // Six entries of ~150 px do not fit in one 300 px row.
    expect(c.height).toBeGreaterThan(2 * 18);
  });

  it('widens to fit a long caption', () => {
    const c = composeSvg([{ svg: '<svg/>', width: 50, height: 10, caption: 'x'.repeat(100) }], { pad: 0 });
    expect(c.width).toBeGreaterThan(500);
  });

  it('escapes markup in text', () => {
    expect(escapeXml(`<script>"'&`)).toBe('&lt;script&gt;&quot;&apos;&amp;');
  });
});
