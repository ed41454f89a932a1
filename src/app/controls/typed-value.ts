// The core's checker of typed values (parseValue, src/sim/scenario/validate.ts),
// fetched the first time a reader points at or focuses a control, as the
// keys' meanings are (./key-help.svelte.ts): the first visit does not carry
// it. A value typed before it arrives is checked when it does, a few
// milliseconds later.

import { lazy, onFirstUse } from '../lazy';

export const loadChecker = lazy(() => import('../../sim/scenario/validate'));

/** An attachment for a control's element: the first pointer over it or focus in it fetches the checker. */
export const checkerOnFirstUse = onFirstUse(loadChecker);
