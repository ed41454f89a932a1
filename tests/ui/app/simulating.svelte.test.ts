// @vitest-environment jsdom
// Before the first result of a big run, the view says how far the page's
// workers are (jobs done of all: shards of clients, src/app/compute/runner.ts).
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Simulating from '../../../src/app/compute/Simulating.svelte';

describe('Simulating', () => {
  it('shows the share of jobs done while the workers compute', () => {
    render(Simulating, { status: { computing: true, mode: 'worker', done: 3, total: 8, lastMs: 0, error: null } });
    const bar = screen.getByRole('progressbar', { name: 'Simulation progress' }) as HTMLProgressElement;
    expect(bar.value).toBeCloseTo(3 / 8);
    // 37.5% shown rounded down: never "100%" before the last job.
    expect(screen.getByText(/Simulating/).textContent).toContain('37%');
  });

  it('shows no bar for a run on the main thread (it is done within a frame)', () => {
    render(Simulating, { status: { computing: false, mode: 'sync', done: 0, total: 5, lastMs: 0, error: null } });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
