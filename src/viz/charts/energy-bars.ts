// The energy chart's geometry (issue 11): one bar per technique, the phone
// radio's joules per hour per client, split into what its tails cost (the
// radio awake after its last packet) and the rest (wake-ups, data, idle);
// d3 computes the scale, EnergyChart.svelte draws.

import { scaleLinear } from 'd3';
import type { EnergyResult, TechniqueId } from '../../sim/types';
import { presentTechniques, type Results } from './series';

export interface EnergyBar {
  id: TechniqueId;
  energy: EnergyResult;
  /** Widths as fractions of the plot (0..1): the whole bar and its tail part. */
  whole: number;
  tail: number;
}

/** The bars, longest = 1; none when the scenario has no radio. */
export function energyBars(results: Results): EnergyBar[] {
  const ids = presentTechniques(results).filter((id) => results[id]!.energy);
  const most = Math.max(0, ...ids.map((id) => results[id]!.energy!.joulesPerHour));
  const x = scaleLinear().domain([0, most > 0 ? most : 1]).range([0, 1]);
  return ids.map((id) => {
    const energy = results[id]!.energy!;
    return { id, energy, whole: x(energy.joulesPerHour), tail: x(energy.joulesPerHour * energy.tailShare) };
  });
}
