// SVG export: copy a drawn <svg> with every style it gets from the page's
// CSS written onto its elements (CSS variables resolved, since computed
// values are), so the file renders the same on its own; stack several into
// one document with captions; rasterize to PNG. The style arithmetic is pure
// (styleDelta, composeSvg); the rest needs a DOM.

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Inherited properties that matter to SVG painting and text. */
export const INHERITED: readonly string[] = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-opacity',
  'paint-order',
  'marker-start',
  'marker-mid',
  'marker-end',
  'color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant-numeric',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'shape-rendering',
];

/** Properties that are not inherited, with their initial values (left out when initial). */
export const NOT_INHERITED: Readonly<Record<string, string>> = {
  display: 'inline',
  opacity: '1',
  'clip-path': 'none',
  mask: 'none',
  filter: 'none',
  'mix-blend-mode': 'normal',
  'text-decoration-line': 'none',
  'baseline-shift': '0px',
};

export interface StyleLike {
  getPropertyValue(name: string): string;
}

/** `url("http://page/#x")` and `url(#x)` both become `url(#x)` (a standalone file has no page URL). */
export function localUrls(value: string, rename: (id: string) => string = (id) => id): string {
  return value.replace(/url\(\s*(['"]?)[^'")#]*#([^'")]+)\1\s*\)/g, (_m, _q, id: string) => `url(#${rename(id)})`);
}

/**
 * The declarations an element needs so that it looks the same without the
 * page's stylesheets: inherited properties whose value differs from the
 * parent's (all of them at the root), other properties when not initial.
 */
export function styleDelta(own: StyleLike, parent: StyleLike | null, rename?: (id: string) => string): string {
  const out: string[] = [];
  for (const p of INHERITED) {
    const v = own.getPropertyValue(p).trim();
    if (!v) continue;
    if (parent && parent.getPropertyValue(p).trim() === v) continue;
    out.push(`${p}: ${localUrls(v, rename)}`);
  }
  for (const [p, initial] of Object.entries(NOT_INHERITED)) {
    const v = own.getPropertyValue(p).trim();
    if (!v || v === initial || (p === 'display' && parent === null)) continue;
    out.push(`${p}: ${localUrls(v, rename)}`);
  }
  // A nested <svg> clips by default; the drawing's own overflow (lanes draw labels past their edge) must carry over.
  if (parent === null) {
    const v = own.getPropertyValue('overflow').trim();
    if (v) out.push(`overflow: ${v}`);
  }
  return out.join('; ');
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * A deep copy of `svg` whose elements carry their computed styles inline.
 * Ids get `prefix` (several figures in one file must not share ids) and
 * references to them follow; the copy gets the drawn size as width/height.
 */
export function inlineCopy(svg: SVGSVGElement, prefix = '', getStyle: (el: Element) => StyleLike = (el) => getComputedStyle(el)): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const rename = (id: string) => prefix + id;
  const walk = (src: Element, dst: Element, parentStyle: StyleLike | null) => {
    const style = getStyle(src);
    const decl = styleDelta(style, parentStyle, rename);
    if (decl) dst.setAttribute('style', decl);
    else dst.removeAttribute('style');
    for (const a of Array.from(dst.attributes)) {
      if (a.name === 'style') continue;
      if (a.name === 'id') dst.setAttribute('id', rename(a.value));
      else if ((a.name === 'href' || a.name === 'xlink:href') && a.value.startsWith('#')) dst.setAttribute(a.name, `#${rename(a.value.slice(1))}`);
      else if (a.value.includes('var(')) dst.removeAttribute(a.name);
      else if (a.value.includes('url(')) dst.setAttribute(a.name, localUrls(a.value, rename));
    }
    for (let i = 0; i < src.children.length; i++) {
      const s = src.children[i];
      const d = dst.children[i];
      if (d) walk(s, d, style);
    }
  };
  walk(svg, copy, null);
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width) || Number(svg.getAttribute('width')) || 300;
  const height = Math.round(box.height) || Number(svg.getAttribute('height')) || 150;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('xmlns', SVG_NS);
  return copy;
}

export interface LegendEntry {
  /** Serialized icon <svg> (with width and height), or a colour swatch. */
  icon?: { svg: string; width: number; height: number };
  swatch?: string;
  label: string;
}

export interface Part {
  /** Serialized <svg> with width and height attributes ('' for a legend alone). */
  svg: string;
  width: number;
  height: number;
  caption?: string;
  legend?: LegendEntry[];
}

export interface Composed {
  svg: string;
  width: number;
  height: number;
}

export interface ComposeOptions {
  title?: string;
  background?: string;
  foreground?: string;
  fontFamily?: string;
  pad?: number;
  gap?: number;
}

const TITLE_H = 22;
const CAPTION_H = 18;
const LEGEND_H = 18;
const LEGEND_FONT = 12;

interface Placed {
  x: number;
  row: number;
  width: number;
  entry: LegendEntry;
}

/** Flows legend entries into rows no wider than `width`. */
export function layoutLegend(entries: readonly LegendEntry[], width: number): { placed: Placed[]; rows: number } {
  const placed: Placed[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const iconW = entry.icon ? Math.round((entry.icon.width * 14) / Math.max(1, entry.icon.height)) : entry.swatch ? 12 : 0;
    const w = iconW + (iconW ? 4 : 0) + Math.ceil(entry.label.length * LEGEND_FONT * 0.56);
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    placed.push({ x, row, width: iconW, entry });
    x += w + 14;
  }
  return { placed, rows: entries.length ? row + 1 : 0 };
}

function legendMarkup(entries: readonly LegendEntry[], width: number, x0: number, y0: number, fg: string): { markup: string; height: number } {
  const { placed, rows } = layoutLegend(entries, width);
  const out: string[] = [];
  for (const p of placed) {
    const y = y0 + p.row * LEGEND_H;
    const e = p.entry;
    if (e.icon) {
      const h = 14;
      out.push(`<g transform="translate(${x0 + p.x} ${y + 1}) scale(${h / Math.max(1, e.icon.height)})">${e.icon.svg}</g>`);
    } else if (e.swatch) {
      out.push(`<rect x="${x0 + p.x}" y="${y + 2}" width="12" height="12" fill="${escapeXml(e.swatch)}"/>`);
    }
    out.push(`<text x="${x0 + p.x + p.width + (p.width ? 4 : 0)}" y="${y + 13}" font-size="${LEGEND_FONT}" fill="${escapeXml(fg)}">${escapeXml(e.label)}</text>`);
  }
  return { markup: out.join(''), height: rows * LEGEND_H + (rows ? 4 : 0) };
}

/** Rough width of bold sans-serif text (no layout engine here): 0.62 em a character. */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

/** Stacks the parts top to bottom, each under its caption, on a background, in one standalone SVG. */
export function composeSvg(parts: readonly Part[], o: ComposeOptions = {}): Composed {
  const pad = o.pad ?? 12;
  const gap = o.gap ?? 10;
  const bg = o.background ?? '#ffffff';
  const fg = o.foreground ?? '#111111';
  const font = o.fontFamily ?? 'system-ui, sans-serif';
  const widest = Math.max(1, ...parts.map((p) => Math.max(p.width, textWidth(p.caption ?? '', 13))), textWidth(o.title ?? '', 16));
  const width = Math.ceil(widest + 2 * pad);
  const body: string[] = [];
  let y = pad;
  if (o.title) {
    body.push(`<text x="${pad}" y="${y + 15}" font-size="16" font-weight="700" fill="${escapeXml(fg)}">${escapeXml(o.title)}</text>`);
    y += TITLE_H;
  }
  parts.forEach((p, i) => {
    if (i > 0) y += gap;
    if (p.caption) {
      body.push(`<text x="${pad}" y="${y + 13}" font-size="13" font-weight="600" fill="${escapeXml(fg)}">${escapeXml(p.caption)}</text>`);
      y += CAPTION_H;
    }
    if (p.legend?.length) {
      const l = legendMarkup(p.legend, width - 2 * pad, pad, y, fg);
      body.push(l.markup);
      y += l.height;
    }
    if (p.svg) {
      body.push(`<g transform="translate(${pad} ${y})">${p.svg}</g>`);
      y += p.height;
    }
  });
  const height = Math.ceil(y + pad);
  const svg =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(font)}">` +
    `<rect width="100%" height="100%" fill="${escapeXml(bg)}"/>${body.join('')}</svg>`;
  return { svg, width, height };
}

/** The page's background and text colours and font (resolved), for composeSvg. */
export function pageLook(doc: Document = document): Pick<ComposeOptions, 'background' | 'foreground' | 'fontFamily'> {
  const root = getComputedStyle(doc.documentElement);
  const body = doc.body ? getComputedStyle(doc.body) : root;
  const opaque = (c: string) => c && c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c);
  const background = opaque(body.backgroundColor) ? body.backgroundColor : opaque(root.backgroundColor) ? root.backgroundColor : '#ffffff';
  return { background, foreground: root.color || '#111111', fontFamily: root.fontFamily || 'system-ui, sans-serif' };
}

export interface LegendSource {
  icon: SVGSVGElement | null;
  swatch: string | null;
  label: string;
}

export interface FigureSource {
  svgs: readonly SVGSVGElement[];
  caption?: string;
  legend?: readonly LegendSource[];
}

/**
 * Serializes figures (their drawings, captions and HTML legends redrawn in
 * SVG) into one standalone SVG document, under a legend for the whole view.
 */
export function exportSvgs(figures: readonly FigureSource[], title?: string, legend: readonly LegendSource[] = []): Composed {
  const ser = new XMLSerializer();
  let n = 0;
  const copy = (svg: SVGSVGElement) => {
    const c = inlineCopy(svg, `f${n++}-`);
    return { svg: ser.serializeToString(c), width: Number(c.getAttribute('width')), height: Number(c.getAttribute('height')) };
  };
  const entries = (items: readonly LegendSource[]): LegendEntry[] =>
    items.map((it) => ({ label: it.label, icon: it.icon ? copy(it.icon) : undefined, swatch: it.swatch ?? undefined }));
  const parts: Part[] = [];
  if (legend.length) parts.push({ svg: '', width: 0, height: 0, legend: entries(legend) });
  for (const f of figures) {
    f.svgs.forEach((svg, i) => parts.push({ ...copy(svg), ...(i === 0 ? { caption: f.caption, legend: entries(f.legend ?? []) } : {}) }));
  }
  return composeSvg(parts, { title, ...pageLook() });
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Draws an SVG document onto a canvas at `scale` device pixels per SVG unit. */
export async function rasterize(c: Composed, scale = 2, canvas: HTMLCanvasElement = document.createElement('canvas')): Promise<HTMLCanvasElement> {
  const img = new Image();
  img.src = svgDataUrl(c.svg);
  await img.decode();
  canvas.width = Math.round(c.width * scale);
  canvas.height = Math.round(c.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas;
}

export function canvasBlob(canvas: HTMLCanvasElement, type = 'image/png'): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`canvas gave no ${type}`))), type));
}

export async function pngOf(c: Composed, scale = 2): Promise<Blob> {
  return canvasBlob(await rasterize(c, scale));
}
