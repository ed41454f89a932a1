// The page's address, read before the page mounts (src/main.ts) and again on
// back / forward: a bare address is the defaults and needs no decoder; one
// with parameters fetches the decoder (./decode.ts) first, so that a link
// still opens straight on its view while a first visit does not carry it.

import { lazy } from '../lazy';
import { defaultUrlState, type Issue, type UrlState } from './codec';

export interface ReadLink {
  state: UrlState;
  issues: Issue[];
}

const loadDecode = lazy(() => import('./decode').then((m) => m.decode));

/** The state a query string describes (with or without '?'); never rejects but when the decoder cannot be fetched. */
export async function readLink(search: string): Promise<ReadLink> {
  if (search === '' || search === '?') return { state: defaultUrlState(), issues: [] };
  return (await loadDecode())(search);
}
