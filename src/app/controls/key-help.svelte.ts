// The keys' one-line meanings on the page (src/sim/scenario/key-help.ts),
// fetched the first time a reader points at or focuses a control, so that
// the first visit does not carry them: until then (a few milliseconds after)
// a control has its label and no tooltip or description.

import { onFirstUse } from '../lazy';

let help: Readonly<Record<string, string>> | null = $state.raw(null);
let loading: Promise<void> | null = null;

/** Fetch the meanings (once); a control calls it when first pointed at or focused. */
export function loadKeyHelp(): Promise<void> {
  loading ??= import('../../sim/scenario/key-help').then((m) => {
    help = m.KEY_HELP;
  });
  return loading;
}

/** A key's meaning, '' until fetched (reactive: controls update when it arrives). */
export function keyHelp(key: string): string {
  return help?.[key] ?? '';
}

/** An attachment for a control's element: the first pointer over it or focus in it fetches the meanings. */
export const helpOnFirstUse = onFirstUse(loadKeyHelp);
