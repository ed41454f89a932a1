// @vitest-environment jsdom
// Which drawings of a view are exportable and how they are named: icons
// (aria-hidden) are not figures; SVGs in one section or figure go together;
// names come from aria-label, aria-labelledby (buttons left out), or the
// drawing's own label; counters beside a lane join its caption.
import { describe, expect, it } from 'vitest';
import { findFigures, slug, viewLegend } from '../../../src/app/export/figures';

describe('findFigures', () => {
  it('groups, names and captions the drawings of a view', () => {
    document.body.innerHTML = `<div id="root">
      <ul><li><svg aria-hidden="true"><path/></svg> request</li></ul>
      <section aria-labelledby="h-sse"><h2 id="h-sse">Server-Sent Events <button>focus ›</button></h2>
        <dl><div><dt>requests</dt><dd data-counter="requests">1</dd></div><div><dt>bytes</dt><dd data-counter="bytes">1,078 B</dd></div></dl>
        <svg role="img"><rect/></svg></section>
      <section aria-label="Bandwidth down"><figure><figcaption>Download bandwidth, a long caption</figcaption><ul class="legend"><li><svg aria-hidden="true" width="36" height="14"></svg><span>Long polling</span></li></ul><svg role="img"></svg><svg class="split" role="img"></svg><table><svg aria-hidden="true"></svg></table></figure></section>
      <div><svg role="group" aria-label="Sequence diagram, 0 s to 2 s"></svg></div>
      <section aria-label="Bandwidth down"><svg></svg></section>
    </div>`;
    const figs = findFigures(document.getElementById('root')!);
    expect(figs.map((f) => f.name)).toEqual(['Server-Sent Events', 'Bandwidth down', 'Sequence diagram, 0 s to 2 s', 'Bandwidth down']);
    expect(figs.map((f) => f.svgs.length)).toEqual([1, 2, 1, 1]);
    expect(figs[0].caption).toBe('Server-Sent Events — requests 1 · bytes 1,078 B');
    expect(figs[1].caption).toBe('Bandwidth down');
    expect(figs[1].legend.map((l) => [l.label, l.icon?.tagName])).toEqual([['Long polling', 'svg']]);
    expect(figs[0].legend).toEqual([]);
    // The packet-kind list above the lanes belongs to the view, not to a figure.
    expect(viewLegend(document.getElementById('root')!, figs).map((l) => l.label)).toEqual(['request']);
    expect(new Set(figs.map((f) => f.key)).size).toBe(4);
    expect(figs[0].key).toBe('server-sent-events');
  });

  it('finds nothing in a view without drawings', () => {
    document.body.innerHTML = '<div id="root"><p>Simulating…</p></div>';
    expect(findFigures(document.getElementById('root')!)).toEqual([]);
  });

  it('names a figure from its caption when nothing gives it an accessible name', () => {
    document.body.innerHTML = '<div id="root"><figure><figcaption>Requests over time</figcaption><svg></svg></figure></div>';
    expect(findFigures(document.getElementById('root')!)[0].name).toBe('Requests over time');
  });
});

describe('slug', () => {
  it('makes file-name-safe keys', () => {
    expect(slug('Bandwidth down (kB/s) — all')).toBe('bandwidth-down-kb-s-all');
  });
});
