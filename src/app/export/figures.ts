// The drawings of a view that can be exported: every <svg> that is a figure
// (not an icon: icons are aria-hidden), grouped by the section or figure it
// sits in, each named as the page names it (aria-label, a heading, a
// caption, or the drawing's own label).

/** One entry of an HTML legend beside a drawing: its icon (an SVG or a colour swatch) and its text. */
export interface LegendItem {
  icon: SVGSVGElement | null;
  swatch: string | null;
  label: string;
}

export interface Figure {
  key: string;
  name: string;
  /** Caption under which the drawing is exported (name + counters drawn beside it, if any). */
  caption: string;
  svgs: SVGSVGElement[];
  /** The HTML legend inside the figure, to be drawn into the picture. */
  legend: LegendItem[];
}

const CONTAINERS = 'figure, section, [data-figure]';

function opaque(colour: string): boolean {
  return colour !== '' && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour);
}

/** Legend entries (list items with an icon) under `el`, leaving out those inside `skip` elements. */
export function findLegend(el: Element, skip: (li: Element) => boolean = () => false): LegendItem[] {
  const out: LegendItem[] = [];
  for (const li of Array.from(el.querySelectorAll('li'))) {
    if (skip(li)) continue;
    const label = text(li);
    if (!label) continue;
    const icon = li.querySelector('svg');
    let swatch: string | null = null;
    if (!icon) {
      const sw = Array.from(li.querySelectorAll('span, i, div')).find((e) => !e.textContent?.trim());
      const bg = sw && typeof getComputedStyle === 'function' ? getComputedStyle(sw).backgroundColor : '';
      if (!bg || !opaque(bg)) continue;
      swatch = bg;
    }
    out.push({ icon, swatch, label });
  }
  return out;
}

function text(el: Element | null): string {
  if (!el) return '';
  const c = el.cloneNode(true) as Element;
  // Buttons inside headings ("focus ›") are not part of the name.
  for (const b of Array.from(c.querySelectorAll('button, [aria-hidden="true"]'))) b.remove();
  return (c.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name an element is given (aria-label, aria-labelledby), if any. */
function ariaName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (!by) return '';
  return by
    .split(/\s+/)
    .map((id) => text(el.ownerDocument.getElementById(id)))
    .filter(Boolean)
    .join(' ');
}

function headingOf(el: Element): string {
  return text(el.querySelector(':scope > figcaption, :scope > h2, :scope > h3, :scope > header h2, :scope > header h3'));
}

function isFigureSvg(svg: SVGSVGElement): boolean {
  if (svg.parentElement?.closest('svg')) return false;
  if (svg.closest('[aria-hidden="true"]')) return false;
  const r = svg.getBoundingClientRect();
  // jsdom lays nothing out (all zero): keep everything there.
  return !(r.width > 0 && r.width < 40 && r.height < 40);
}

/** Figures under `root`, in document order. */
export function findFigures(root: Element): Figure[] {
  const groups = new Map<Element, SVGSVGElement[]>();
  for (const svg of Array.from(root.querySelectorAll('svg'))) {
    if (!isFigureSvg(svg)) continue;
    const box = svg.parentElement?.closest(CONTAINERS);
    const container = box && root.contains(box) ? box : svg;
    const list = groups.get(container) ?? [];
    list.push(svg);
    groups.set(container, list);
  }
  const used = new Set<string>();
  const out: Figure[] = [];
  let n = 0;
  for (const [container, svgs] of groups) {
    n++;
    let name = '';
    // The nearest short accessible name (a section's aria-label) wins over a long caption.
    for (const how of [ariaName, headingOf]) {
      for (let el: Element | null = container; el && el !== root && !name; el = el.parentElement) name = how(el);
      if (name) break;
    }
    if (!name) name = `Figure ${n}`;
    if (name.length > 80) name = `${name.slice(0, 77)}…`;
    let key = slug(name) || `figure-${n}`;
    while (used.has(key)) key += `-${n}`;
    used.add(key);
    const counters = Array.from(container.querySelectorAll('[data-counter]'))
      .map((dd) => `${text(dd.previousElementSibling)} ${text(dd)}`.trim())
      .join(' · ');
    out.push({ key, name, caption: counters ? `${name} — ${counters}` : name, svgs, legend: container === svgs[0] ? [] : findLegend(container) });
  }
  return out;
}

/** Legend entries of the view that belong to no figure (e.g. the packet kinds above the Compare lanes). */
export function viewLegend(root: Element, figures: readonly Figure[]): LegendItem[] {
  const boxes = figures.map((f) => f.svgs[0].parentElement?.closest(CONTAINERS)).filter((b): b is Element => !!b && root.contains(b));
  return findLegend(root, (li) => boxes.some((b) => b.contains(li)));
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
