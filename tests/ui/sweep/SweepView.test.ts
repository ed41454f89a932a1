// @vitest-environment jsdom
// SweepView in jsdom: no Worker there, so it runs in chunks on the main
// thread; it must finish, draw one line per technique, switch metric without
// re-running, show progress while running and stop on Cancel.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/sim';
import { TECHNIQUES } from '../../../src/sim/types';
import { PAGE_WORK_BUDGET } from '../../../src/app/compute/cost';
import SweepView from '../../../src/app/sweep/SweepView.svelte';

const scenario = resolveScenario({ durationMs: 4000 });

describe('SweepView (main-thread fallback)', () => {
  it('has no Worker in jsdom (the fallback is what runs here)', () => {
    expect(typeof Worker).toBe('undefined');
  });

  it('runs a sweep on mount and draws one line per technique', async () => {
    const { container } = render(SweepView, { scenario });
    await waitFor(() => expect(screen.getByTestId('sweep-status').textContent).toMatch(/10 values × 5 techniques/), { timeout: 15000 });
    expect(screen.getByTestId('sweep-status').textContent).toMatch(/main thread/);
    const paths = [...container.querySelectorAll<SVGPathElement>('path.series')];
    expect(paths.map((p) => p.dataset.technique)).toEqual([...TECHNIQUES]);
    // The current value (1 Hz) is inside the default update-rate range.
    expect(container.querySelector('[data-testid="current-value"]')).not.toBeNull();
    expect(screen.getByRole('img', { name: /Bandwidth down .* against update rate/ })).toBeTruthy();
  });

  it('switching the metric redraws from the same runs (no new sweep)', async () => {
    const { container } = render(SweepView, { scenario });
    await waitFor(() => expect(screen.getByTestId('sweep-status')).toBeTruthy(), { timeout: 15000 });
    const status = screen.getByTestId('sweep-status').textContent;
    const before = container.querySelector('path.series[data-technique="polling"]')!.getAttribute('d');
    await fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'requests' } });
    const after = container.querySelector('path.series[data-technique="polling"]')!.getAttribute('d');
    expect(after).not.toBe(before);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('sweep-status').textContent).toBe(status);
    expect(screen.getByRole('img', { name: /Requests \(whole run\) against update rate/ })).toBeTruthy();
  });

  it('shows progress while running and Cancel stops it', async () => {
    render(SweepView, { scenario });
    const bar = await screen.findByRole('progressbar', { name: 'Sweep progress' }, { timeout: 5000 });
    await waitFor(() => expect(Number(bar.getAttribute('value'))).toBeGreaterThan(0), { timeout: 5000 });
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    const status = screen.getByTestId('sweep-status').textContent!;
    expect(status).toMatch(/^Cancelled after \d+ of 50 runs\.$/);
    // Nothing more happens after a cancel.
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.getByTestId('sweep-status').textContent).toBe(status);
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeTruthy();
  });

  it('changing the parameter starts a new sweep over that parameter', async () => {
    const { container } = render(SweepView, { scenario });
    await fireEvent.change(screen.getByLabelText('Parameter'), { target: { value: 'polling.intervalMs' } });
    await fireEvent.change(screen.getByLabelText('Points'), { target: { value: '6' } });
    await waitFor(() => expect(screen.getByTestId('sweep-status').textContent).toMatch(/6 values × 5 techniques/), { timeout: 15000 });
    expect(screen.getByRole('img', { name: /against poll interval from 100 to 30k ms/ })).toBeTruthy();
    expect(container.querySelectorAll('path.series')).toHaveLength(5);
  });

  it('refuses a sweep over the page budget up front, saying how much and the limit (a review: 10,000 clients swept for over 6 minutes)', async () => {
    const big = resolveScenario({ clients: 10000, durationMs: 100000 });
    const { container } = render(SweepView, { scenario: big });
    await waitFor(() => expect(screen.getByTestId('sweep-status').textContent).toMatch(new RegExp(`^Not swept: .* over the page's limit of ${PAGE_WORK_BUDGET.toLocaleString('en-US')}`)));
    expect(container.querySelectorAll('path.line').length).toBe(0);
  });

  it('the range can be set (clients from 2 to 300 here), and a range the key refuses is said, not run', async () => {
    render(SweepView, { scenario: resolveScenario({ durationMs: 2000 }) });
    await fireEvent.change(screen.getByLabelText('Parameter'), { target: { value: 'clients' } });
    await fireEvent.change(screen.getByLabelText('Points'), { target: { value: '6' } });
    await fireEvent.change(screen.getByLabelText('From'), { target: { value: '2' } });
    await fireEvent.change(screen.getByLabelText('to'), { target: { value: '300' } });
    await waitFor(() => expect(screen.getByRole('img', { name: /against clients from 2 to 300,/ })).toBeTruthy(), { timeout: 20000 });
    await fireEvent.change(screen.getByLabelText('From'), { target: { value: '500' } });
    await waitFor(() => expect(screen.getByTestId('sweep-status').textContent).toMatch(/^Not swept: clients: sweep range 500\.\.300 is not a positive increasing range\.$/), { timeout: 5000 });
  });
});
