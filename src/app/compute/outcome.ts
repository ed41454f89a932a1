// The compute note's words for the outcome of the last run (ComputeNote.svelte
// shows them and announces them to screen readers once per change).

import type { ComputeStatus } from './runner';

/** How long the runs must be quiet before the outcome is announced. */
export const ANNOUNCE_QUIET_MS = 700;

/** The outcome of the last run in words, or null while computing. */
export function outcome(status: ComputeStatus, hasResults: boolean): string | null {
  if (status.error && status.refused) return `Not simulated: ${status.error}${hasResults ? ' The page still shows the previous results.' : ''}`;
  if (status.error) return `Simulation failed: ${status.error}`;
  if (status.computing) return null;
  return status.mode === 'worker'
    ? `Computed in ${Math.round(status.lastMs)} ms in the background (Web Workers; while you drag, the latest value wins).`
    : `Computed in ${Math.round(status.lastMs)} ms on the page.`;
}
