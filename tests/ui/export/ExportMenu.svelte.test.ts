// @vitest-environment jsdom
// The Export menu from the keyboard: the button opens the panel (its code
// is loaded on first use, hence the findBy queries) and focuses its first
// control, arrow keys move between the actions, Escape closes it and gives
// the focus back; the data actions download files with the right names and
// contents (the object URL's Blob is captured).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES } from '../../../src/sim';
import { AppState } from '../../../src/app/state.svelte';
import ExportMenu from '../../../src/app/export/ExportMenu.svelte';
import { CSV_COLUMNS } from '../../../src/app/export/data';

let saved: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((b: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b);
    return url;
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});

afterEach(() => vi.restoreAllMocks());

function appWithRun(): AppState {
  const app = new AppState();
  app.setOutput(simulate(resolveScenario({ durationMs: 5000 }), TECHNIQUES, { traceClients: 1 }));
  return app;
}

describe('ExportMenu', () => {
  it('opens from the keyboard, moves with the arrows and closes with Escape', async () => {
    render(ExportMenu, { app: appWithRun() });
    const toggle = screen.getByRole('button', { name: /Export/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const dialog = await screen.findByRole('dialog', { name: 'Export' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: /Drawing/ })));
    const csv = screen.getByRole('button', { name: 'Results CSV' });
    csv.focus();
    await fireEvent.keyDown(csv, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Results JSON' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(csv);
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('does not let the page’s shortcuts see keys pressed inside it', async () => {
    const seen: string[] = [];
    const listener = (e: KeyboardEvent) => seen.push(e.key);
    window.addEventListener('keydown', listener);
    render(ExportMenu, { app: appWithRun() });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    await fireEvent.keyDown(await screen.findByRole('button', { name: 'Results CSV' }), { key: ' ' });
    window.removeEventListener('keydown', listener);
    expect(seen).toEqual([]);
  });

  it('downloads the results as CSV and JSON and the trace as JSON', async () => {
    const app = appWithRun();
    render(ExportMenu, { app });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Results CSV' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Results JSON' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Trace JSON' }));
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(saved.map((s) => s.name)).toEqual(['push-sim-results.csv', 'push-sim-results.json', 'push-sim-trace.json']);
    const csv = await saved[0].blob.text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...TECHNIQUES]);
    expect(saved[0].blob.type).toBe('text/csv');
    expect(Object.keys(JSON.parse(await saved[1].blob.text()).results)).toEqual([...TECHNIQUES]);
    expect(JSON.parse(await saved[2].blob.text()).traces.sse.packets.length).toBeGreaterThan(0);
    expect(screen.getByTestId('export-status').textContent).toContain('push-sim-trace.json');
  });

  it('disables the data actions until there are results', async () => {
    render(ExportMenu, { app: new AppState() });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    expect(((await screen.findByRole('button', { name: 'Results CSV' })) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'GIF' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
