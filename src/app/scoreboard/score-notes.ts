// The words of the scoreboard's notes (./score.ts decides which apply): each
// says, with the run's own numbers, why this run goes against the textbook
// ordering, or how long the phone's radio stayed awake. Fetched only when a
// note applies, so the first visit does not carry them. Pure.

import type { RunOutput, TechniqueId } from '../../sim';
import { TECHNIQUE_NAME } from '../../viz/kinds';
import { contradictions, int, seconds, type NoteId } from './score';

const RADIO_NAME = { lte: 'LTE', '3g': '3G', wifi: 'Wi-Fi' } as const;

export function noteText(id: NoteId, out: RunOutput): string {
  const s = out.scenario;
  const { polling: poll, 'long-polling': lp, sse } = out.results;
  if (id === 'long-polling-asks-more') {
    const pollsPerSecond = 1000 / s.polling.intervalMs;
    const updates = s.server.updateRateHz;
    const why =
      updates >= pollsPerSecond * 0.5
        ? `updates come about as often as polls or more (${updates.toLocaleString('en-US')} per second against a poll every ${seconds(s.polling.intervalMs)}): long polling answers every update and asks again at once, so it makes as many requests as polling or more`
        : `its requests are cut short (timeouts every ${seconds(s.longPolling.timeoutMs)}${s.faults.disconnectIntervalMs > 0 ? ', connection drops' : ''}), so it asks again often`;
    return `Long polling made ${int(lp!.requests)} requests, polling ${int(poll!.requests)}: ${why}.`;
  }
  if (id === 'polling-beats-sse') {
    return `Polling's mean latency (${int(poll!.latencyMs.mean!)} ms) beat Server-Sent Events' (${int(sse!.latencyMs.mean!)} ms): the event stream was slowed by ${s.proxy.buffering > 0 ? "the proxy's buffer (it holds events until it fills)" : s.faults.disconnectIntervalMs > 0 ? 'reconnections after drops' : 'its link (a queue of large updates or losses)'}.`;
  }
  // The radio: its tail after every packet keeps it awake.
  const withEnergy = Object.entries(out.results).filter(([, r]) => r?.energy);
  const awake = withEnergy.map(([tid, r]) => `${TECHNIQUE_NAME[tid as TechniqueId]} ${Math.round(r!.energy!.connectedShare * 100)}%`);
  return `The phone's ${RADIO_NAME[s.network.radio as keyof typeof RADIO_NAME]} radio stays awake ${seconds(withEnergy[0][1]!.energy!.tailMs)} after each packet, so traffic more often than that keeps it awake. Time awake: ${awake.join(', ')}.`;
}

/** Every note of the run, worded. */
export const notes = (out: RunOutput): string[] => contradictions(out).map((id) => noteText(id, out));
