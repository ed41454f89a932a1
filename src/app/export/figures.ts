// The drawings of a view that can be exported: every <svg> that is a figure
// (not an icon: icons are aria-hidden), grouped by the section or figure it
// sits in, each named as the page names it (aria-label, a heading, a
// caption, or the drawing's own label).

export interface Figure {
  key: string;
  name: string;
  /** Caption under which the drawing is exported (name + counters drawn beside it, if any). */
  caption: string;
  svgs: SVGSVGElement[];
}

function text(el: Element | null): string {
  if (!el) return '';
  const c = el.cloneNode(true) as Element;
  // Buttons inside headings ("focus ›") are not part of the name.
  for (const b of Array.from(c.querySelectorAll('button, [aria-hidden="true"]'))) b.remove();
  return (c.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function labelOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const t = by
      .split(/\s+/)
      .map((id) => text(el.ownerDocument.getElementById(id)))
      .filter(Boolean)
      .join(' ');
    if (t) return t;
  }
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
    const box = svg.parentElement?.closest('figure, section, [data-figure]');
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
    for (let el: Element | null = container; el && el !== root.parentElement && !name; el = el.parentElement) name = labelOf(el);
    if (!name) name = `Figure ${n}`;
    if (name.length > 80) name = `${name.slice(0, 77)}…`;
    let key = slug(name) || `figure-${n}`;
    while (used.has(key)) key += `-${n}`;
    used.add(key);
    const counters = Array.from(container.querySelectorAll('[data-counter]'))
      .map((dd) => `${text(dd.previousElementSibling)} ${text(dd)}`.trim())
      .join(' · ');
    out.push({ key, name, caption: counters ? `${name} — ${counters}` : name, svgs });
  }
  return out;
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
