// The phone's radio in the Focus view (network.radio): a strip beside the
// client's axis, coloured while the radio is awake (waking up, in its tail;
// 3G's lower FACH stage paler), empty while it idles, so a reader sees a 1 s
// poll keep it awake from end to end and a rare push let it sleep.

import type { RadioSpan, RadioState } from '../sim/types';

export const RADIO_TINT: Record<Exclude<RadioState, 'idle'>, string> = {
  promotion: '#E69F00',
  tail: '#D55E00',
  fach: '#F0A868',
};

export const RADIO_WORDS: Record<RadioState, string> = {
  idle: 'radio idle',
  promotion: 'radio waking up',
  tail: 'radio awake (tail after a packet)',
  fach: 'radio in its lower awake state (3G FACH)',
};

/** The awake stretches inside [t0, t1], clipped to it. */
export function radioStrip(spans: readonly RadioSpan[] | undefined, t0: number, t1: number): RadioSpan[] {
  const out: RadioSpan[] = [];
  for (const sp of spans ?? []) {
    if (sp.state === 'idle' || sp.toMs <= t0 || sp.fromMs >= t1) continue;
    out.push({ state: sp.state, fromMs: Math.max(t0, sp.fromMs), toMs: Math.min(t1, sp.toMs) });
  }
  return out;
}
