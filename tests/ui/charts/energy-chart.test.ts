// @vitest-environment jsdom
// The energy chart (issue 11): bars proportional to each technique's J/h,
// the tails' part in proportion to tailShare, the figures written out; a
// hint when the scenario has no radio. Expectations from the results' own
// fields (the chart draws them, it computes nothing new).
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate } from '../../../src/sim';
import EnergyChart from '../../../src/viz/charts/EnergyChart.svelte';
import { energyBars } from '../../../src/viz/charts/energy-bars';

const out = (radio: string) => simulate(resolveScenario({ durationMs: 60_000, tls: { version: 'none' }, network: { radio } }), ['polling', 'sse'], { traceClients: 0 });

describe('energy chart', () => {
  it('bars in proportion to J/h (the most costly full width), tails in proportion to their share', () => {
    const r = out('lte').results;
    const bars = energyBars(r);
    expect(bars.map((b) => b.id)).toEqual(['polling', 'sse']);
    const [p, s] = [r.polling!.energy!, r.sse!.energy!];
    expect(p.joulesPerHour).toBeGreaterThan(s.joulesPerHour); // a poll a second keeps LTE awake; SSE at 0.2 Hz lets it sleep
    expect(bars[0].whole).toBe(1);
    expect(bars[1].whole).toBeCloseTo(s.joulesPerHour / p.joulesPerHour, 9);
    expect(bars[1].tail).toBeCloseTo((s.joulesPerHour * s.tailShare) / p.joulesPerHour, 9);
    const { container } = render(EnergyChart, { results: r });
    const rows = container.querySelectorAll('li[data-technique]');
    expect(rows).toHaveLength(2);
    expect(rows[1].textContent).toContain(`${Math.round(s.joulesPerHour).toLocaleString('en-US')} J/h`);
    expect((rows[1].querySelector('.bar') as HTMLElement).style.width).toBe(`${bars[1].whole * 100}%`);
    expect(container.textContent).toContain('LTE radio energy');
  });

  it('no radio: no bars, a hint to pick one', () => {
    const r = out('none').results;
    expect(energyBars(r)).toEqual([]);
    const { container } = render(EnergyChart, { results: r });
    expect(container.querySelector('li')).toBeNull();
    expect(container.textContent).toMatch(/No radio in this scenario/);
  });
});
