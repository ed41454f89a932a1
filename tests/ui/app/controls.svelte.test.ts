// @vitest-environment jsdom
// The scenario controls: one labelled slider + text input per key, values
// checked by the core's parseValue with its message shown inline (the checker
// fetched on first use: src/app/controls/typed-value.ts, so a typed value
// takes effect once it is there), presets that set several keys at once.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { KEYS } from '../../../src/sim';
import { AppState } from '../../../src/app/state.svelte';
import Controls from '../../../src/app/controls/Controls.svelte';
import KeyControl from '../../../src/app/controls/KeyControl.svelte';

const spec = (key: string) => KEYS.find((k) => k.key === key)!;

describe('KeyControl', () => {
  it('has a named slider and a named text box with the unit', () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('network.latencyMs'), app });
    expect(screen.getByRole('slider', { name: 'Latency (one way) slider' })).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Latency (one way)' }) as HTMLInputElement;
    expect(box.value).toBe('50');
    expect(screen.getByText('ms')).toBeTruthy();
  });

  it('sets the value from typed text', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('network.latencyMs'), app });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Latency (one way)' }), { target: { value: '125' } });
    await waitFor(() => expect(app.values['network.latencyMs']).toBe(125));
    expect(app.scenario.network.latencyMs).toBe(125);
  });

  it('a value set from elsewhere while a typed one waits for the checker stands', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('clients'), app });
    const box = screen.getByRole('textbox', { name: 'Clients' }) as HTMLInputElement;
    // Not awaited: the preset's value comes in before the typed one is checked.
    void fireEvent.input(box, { target: { value: '40' } });
    app.setValue('clients', 7);
    await waitFor(() => expect(box.value).toBe('7'));
    await new Promise((r) => setTimeout(r, 50));
    expect(app.values.clients).toBe(7);
    expect(box.value).toBe('7');
  });

  it('shows the core message for a bad value, naming the control as labelled, and keeps the last valid one', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('clients'), app });
    const box = screen.getByRole('textbox', { name: 'Clients' });
    await fireEvent.input(box, { target: { value: '3' } });
    await waitFor(() => expect(app.values.clients).toBe(3));
    await fireEvent.input(box, { target: { value: '2.5' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Clients: 2.5 is not an integer');
    // Key names stay out of visible text (issue 8).
    expect(alert.textContent).not.toContain('clients');
    expect(alert.textContent).toContain('integer');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(app.values.clients).toBe(3);
    await fireEvent.input(box, { target: { value: 'lots' } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not a number'));
    await fireEvent.input(box, { target: { value: '4' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(app.values.clients).toBe(4);
  });

  it('drops a refused entry when the value is set from elsewhere', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('clients'), app });
    const box = screen.getByRole('textbox', { name: 'Clients' }) as HTMLInputElement;
    await fireEvent.input(box, { target: { value: '0' } });
    expect((await screen.findByRole('alert')).textContent).toContain('out of range');
    app.setValue('clients', 7);
    await Promise.resolve();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(box.value).toBe('7');
  });

  it('moves the value with the slider (log scale reaches both ends: 1 to the 1,000,000 clients of issue 9)', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('clients'), app });
    const slider = screen.getByRole('slider', { name: 'Clients slider' });
    await fireEvent.input(slider, { target: { value: '1000' } });
    expect(app.values.clients).toBe(1_000_000);
    await fireEvent.input(slider, { target: { value: '0' } });
    expect(app.values.clients).toBe(1);
  });

  it('uses a select for enumerations', async () => {
    const app = new AppState();
    render(KeyControl, { spec: spec('server.updatePattern'), app });
    const select = screen.getByRole('combobox', { name: 'Update pattern' });
    await fireEvent.change(select, { target: { value: 'bursty' } });
    await waitFor(() => expect(app.values['server.updatePattern']).toBe('bursty'));
  });
});

describe('Controls', () => {
  it('offers every scenario key, the uncommon ones under "More"', () => {
    const app = new AppState();
    const { container } = render(Controls, { app });
    for (const k of KEYS) {
      const name = k.label;
      const control = k.kind === 'enum' ? screen.getByRole('combobox', { name }) : screen.getByRole('textbox', { name });
      expect(control).toBeTruthy();
    }
    const more = container.querySelector('details')!;
    expect(more.querySelector('#key-seed')).not.toBeNull();
    expect(more.querySelector('#key-network-latencyMs')).toBeNull();
    // Issue 10: a TLS and an HTTP/2 switch among the common controls, not under "More".
    for (const id of ['#key-tls-version', '#key-http-version']) {
      expect(container.querySelector(id), id).not.toBeNull();
      expect(more.querySelector(id), id).toBeNull();
    }
  });

  it('applies a DevTools network profile: half the latency, down and up rates', async () => {
    const app = new AppState();
    render(Controls, { app });
    await fireEvent.click(screen.getByRole('button', { name: 'Slow 4G' }));
    // What a preset sets is fetched on the first click (src/app/preset-values.ts).
    await waitFor(() => expect(app.values['network.latencyMs']).toBe(281.25));
    expect(app.values['network.bandwidthKbps']).toBe(1440);
    expect(app.values['network.uplinkKbps']).toBe(675);
    expect((screen.getByRole('textbox', { name: 'Latency (one way)' }) as HTMLInputElement).value).toBe('281.25');
    expect(screen.getByRole('button', { name: 'Slow 4G' }).getAttribute('title')).toMatch(/half the DevTools figure/);
  });

  it('applies a use case and says why for each value', async () => {
    const app = new AppState();
    render(Controls, { app });
    await fireEvent.click(screen.getByRole('button', { name: 'Notifications' }));
    await waitFor(() => expect(app.values['server.updateRateHz']).toBe(0.02));
    expect(app.values['polling.intervalMs']).toBe(10000);
    expect(screen.getByText(/RFC 6202/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Restore all defaults' }));
    expect(app.values['polling.intervalMs']).toBe(1000);
  });
});
