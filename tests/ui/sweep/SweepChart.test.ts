// @vitest-environment jsdom
// The sweep chart marks where each technique fills the server's cores, over
// clients with a number of cores (issue 11): a line in the technique's colour
// inside the range, and a note naming every point (past the range too).
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SweepChart from '../../../src/app/sweep/SweepChart.svelte';
import type { SweepResult } from '../../../src/app/sweep/sweep';

function result(cores: number, param: SweepResult['param'] = 'clients'): SweepResult {
  const busy = { polling: [0.1, 1, 3.9], sse: [0.001, 0.01, 0.1] };
  const all = { serverCores: busy } as unknown as SweepResult['all'];
  return { param, xs: [10, 100, 1000], techniques: ['polling', 'sse'], all, metric: 'serverCores', values: busy as SweepResult['values'], cores };
}

describe('SweepChart saturation', () => {
  it('4 cores: polling saturates near 400 clients (marked), SSE past the range (named only)', () => {
    const { container } = render(SweepChart, { result: result(4), logY: false, currentX: undefined });
    const marks = container.querySelectorAll('[data-testid="saturation"]');
    expect(Array.from(marks, (m) => m.getAttribute('data-technique'))).toEqual(['polling']);
    const note = container.querySelector('[data-testid="saturation-note"]')!.textContent!;
    expect(note).toContain("server's 4 cores fill");
    expect(note).toMatch(/Polling near 400/);
    expect(note).toMatch(/SSE near 40k \(past the range\)/);
    expect(container.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toContain('4 cores fill with clients');
  });

  it('unlimited cores, or another key: no mark, no note', () => {
    for (const r of [result(0), result(4, 'network.latencyMs')]) {
      const { container } = render(SweepChart, { result: r, logY: false, currentX: undefined });
      expect(container.querySelector('[data-testid="saturation"]')).toBeNull();
      expect(container.querySelector('[data-testid="saturation-note"]')).toBeNull();
    }
  });
});
