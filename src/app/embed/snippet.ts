// The <iframe> snippet that embeds the current view in a slide or a page.
// allowfullscreen lets reveal.js and Slidev show the frame full screen;
// loading="lazy" keeps a deck with many frames fast; title names the frame
// for screen readers.

import { TECHNIQUE_NAME } from '../../viz/kinds';
import { VIEWS } from '../view-ids';
import type { UrlState } from '../url/codec';

export interface EmbedSize {
  width: number;
  height: number;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function frameTitle(s: Pick<UrlState, 'view' | 'technique'>): string {
  const view = VIEWS.find((v) => v.id === s.view)?.name ?? s.view;
  return s.view === 'focus' ? `Push techniques: ${view} on ${TECHNIQUE_NAME[s.technique]}` : `Push techniques: ${view} view`;
}

export function iframeSnippet(src: string, size: EmbedSize, title: string): string {
  const w = Math.max(1, Math.round(size.width));
  const h = Math.max(1, Math.round(size.height));
  return `<iframe src="${escapeAttr(src)}" width="${w}" height="${h}" style="border:0" allowfullscreen loading="lazy" title="${escapeAttr(title)}"></iframe>`;
}
