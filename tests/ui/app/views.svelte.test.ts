// @vitest-environment jsdom
// The views on a real run (jsdom has no Worker, so the page simulates on the
// main thread): Compare draws five lanes with states and counters, playback
// steps from event to event, Focus selects packets from the keyboard and the
// inspector shows their text and byte split.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES } from '../../../src/sim';
import { AppState } from '../../../src/app/state.svelte';
import App from '../../../src/App.svelte';
import { decode } from '../../../src/app/url/decode';

/** The page as src/main.ts mounts it: with its address read first. */
const page = () => ({ props: { first: decode(window.location.search) } });
import CompareView from '../../../src/app/views/CompareView.svelte';
import FocusView from '../../../src/app/views/FocusView.svelte';
import PlaybackBar from '../../../src/app/playback/PlaybackBar.svelte';
import ComputeNote from '../../../src/app/compute/ComputeNote.svelte';
import { ANNOUNCE_QUIET_MS } from '../../../src/app/compute/outcome';
import type { ComputeStatus } from '../../../src/app/compute/runner';
import { stubResizeObserver } from '../resize-observer';

beforeAll(stubResizeObserver);

function appWithRun(overrides: Record<string, unknown> = {}): AppState {
  const app = new AppState();
  app.setOutput(simulate(resolveScenario({ durationMs: 10000, ...overrides }), TECHNIQUES, { traceClients: 1 }));
  return app;
}

describe('App', () => {
  it('computes on load and shows the Compare view with five lanes', async () => {
    const { container } = render(App, page());
    await waitFor(() => expect(container.querySelectorAll('[data-lane]').length).toBe(5), { timeout: 10000 });
    expect(screen.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText(/Computed in \d+ ms/)).toBeTruthy();
  });

  it('switches views with the arrow keys on the tab list', async () => {
    render(App, page());
    const compare = screen.getByRole('tab', { name: 'Compare' });
    await fireEvent.keyDown(compare, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Focus' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('CompareView', () => {
  it('shows each lane with machine states, counters and an explanation, and the scoreboard above with every technique', () => {
    const app = appWithRun();
    app.seek(5000);
    const { container } = render(CompareView, { app });
    for (const id of TECHNIQUES) {
      const lane = container.querySelector(`[data-lane="${id}"]`) as HTMLElement;
      expect(lane.querySelector('[data-machine="client"]')!.textContent).not.toBe('—');
      expect(Number(lane.querySelector('[data-counter="requests"]')!.textContent)).toBeGreaterThan(0);
      const row = container.querySelector(`[data-score-row="${id}"]`) as HTMLElement;
      expect(row.querySelector('[data-column="latencyMean"]')!.textContent).toMatch(/^\d[\d.,]* ms/);
      expect(row.querySelector('[data-because]')!.textContent!.length).toBeGreaterThan(10);
    }
    expect(container.querySelector('[data-run-summary]')!.textContent).toMatch(/^This run: 1 client, 10 s/);
    // The feed's own count, read from the run (its trace's updates), beside the rate's mean.
    const made = app.output!.results.sse!.trace!.updatesMs.length;
    expect(made).toBeGreaterThan(0);
    expect(container.querySelector('[data-run-summary]')!.textContent).toContain(`, ${made} update${made === 1 ? '' : 's'}, `);
    // The legend lists the packet kinds on screen only (no ping or pong without pings).
    const legend = [...container.querySelectorAll('.legend li')].map((li) => li.textContent!.trim());
    expect(legend).toContain('request');
    expect(legend).not.toContain('ping');
    expect(within(container.querySelector('[data-lane="long-polling"]') as HTMLElement).getByText(/holds the request/)).toBeTruthy();
  });

  it('draws the packets on the wire at the playhead, with shape and label', async () => {
    const app = appWithRun();
    const sse = app.output!.results.sse!.trace!.packets.find((p) => p.kind === 'event')!;
    app.seek((sse.sendMs + sse.arriveMs!) / 2);
    const { container } = render(CompareView, { app });
    const g = container.querySelector(`[data-lane="sse"] g.packet[data-packet="${sse.id}"]`)!;
    expect(g.getAttribute('data-kind')).toBe('event');
    expect(g.querySelector('path')!.getAttribute('d')).toBeTruthy();
    expect(g.textContent).toContain(sse.label);
    const x1 = g.getAttribute('transform');
    app.seek(sse.sendMs + (sse.arriveMs! - sse.sendMs) * 0.9);
    await Promise.resolve();
    await waitFor(() => expect(container.querySelector(`[data-lane="sse"] g.packet[data-packet="${sse.id}"]`)!.getAttribute('transform')).not.toBe(x1));
  });
});

describe('ComputeNote', () => {
  it('tells a screen reader the outcome once per change, after the runs go quiet, never the progress', async () => {
    vi.useFakeTimers();
    try {
      const st = (p: Partial<ComputeStatus>): ComputeStatus => ({ computing: false, mode: 'worker', done: 5, total: 5, lastMs: 12, error: null, ...p });
      const { rerender } = render(ComputeNote, { status: st({}) });
      const live = screen.getByTestId('compute-announce');
      expect(live.getAttribute('aria-live')).toBe('polite');
      // The visible note is not live: it changes with every finished technique.
      expect(screen.getByTestId('compute-note').getAttribute('aria-live')).toBeNull();
      expect(screen.getByTestId('compute-note').getAttribute('role')).toBeNull();
      vi.advanceTimersByTime(ANNOUNCE_QUIET_MS);
      await tick();
      expect(live.textContent).toBe('Computed in 12 ms in the background (Web Workers; while you drag, the latest value wins).');
      // A drag: progress, a result, more progress, a result, each sooner than the quiet time.
      const seen = new Set<string>();
      for (const s of [st({ computing: true, done: 1 }), st({ computing: true, done: 3 }), st({ lastMs: 20 }), st({ computing: true, done: 2 }), st({ lastMs: 31 })]) {
        await rerender({ status: s });
        vi.advanceTimersByTime(ANNOUNCE_QUIET_MS / 2);
        await tick();
        seen.add(live.textContent ?? '');
      }
      expect([...seen]).toEqual(['']);
      vi.advanceTimersByTime(ANNOUNCE_QUIET_MS);
      await tick();
      expect(live.textContent).toBe('Computed in 31 ms in the background (Web Workers; while you drag, the latest value wins).');
      // The same words again after another run are news again (the region was emptied in between).
      await rerender({ status: st({ lastMs: 31 }) });
      expect(live.textContent).toBe('');
      vi.advanceTimersByTime(ANNOUNCE_QUIET_MS);
      await tick();
      expect(live.textContent).toMatch(/^Computed in 31 ms/);
      await rerender({ status: st({ error: 'too much work', refused: true }) });
      vi.advanceTimersByTime(ANNOUNCE_QUIET_MS);
      await tick();
      expect(live.textContent).toBe('Not simulated: too much work The page still shows the previous results.');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('PlaybackBar', () => {
  it('announces the playhead to screen readers when paused or stepped, never while playing (the clock itself is not live)', async () => {
    const app = appWithRun();
    render(PlaybackBar, { app });
    expect(screen.getByLabelText('Playhead time').getAttribute('aria-live')).toBe('off');
    const live = screen.getByTestId('playhead-announce');
    expect(live.getAttribute('aria-live')).toBe('polite');
    await fireEvent.click(screen.getByRole('button', { name: 'Step forward one event' }));
    expect(live.textContent).toMatch(/^Paused at \d+\.\d{3} s of 10\.000 s$/);
    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(live.textContent).toBe('');
    app.playheadMs = 1234;
    await tick();
    expect(live.textContent).toBe('');
  });

  it('steps forward and back one event, resets, and clamps the speed', async () => {
    const app = appWithRun();
    render(PlaybackBar, { app });
    const first = Math.min(...TECHNIQUES.flatMap((id) => app.output!.results[id]!.trace!.states.map((s) => s.tMs).concat(app.output!.results[id]!.trace!.packets.map((p) => p.sendMs))));
    await fireEvent.click(screen.getByRole('button', { name: 'Step forward one event' }));
    // t = 0 is the first event (machines start), so the first step goes past it.
    expect(app.playheadMs).toBeGreaterThan(first);
    const after = app.playheadMs;
    await fireEvent.click(screen.getByRole('button', { name: 'Step forward one event' }));
    expect(app.playheadMs).toBeGreaterThan(after);
    await fireEvent.click(screen.getByRole('button', { name: 'Step back one event' }));
    expect(app.playheadMs).toBe(after);
    await fireEvent.click(screen.getByRole('button', { name: 'Reset to the start' }));
    expect(app.playheadMs).toBe(0);
    await fireEvent.input(screen.getByRole('slider', { name: 'Playback speed' }), { target: { value: '1' } });
    expect(app.speed).toBe(10);
    // In lesson time (the default) the timeline runs in lesson time; the playhead stays real time.
    expect(app.timeMode).toBe('lesson');
    await fireEvent.input(screen.getByRole('slider', { name: 'Timeline (playhead)' }), { target: { value: '4321' } });
    expect(app.playheadMs).toBeCloseTo(app.lesson.toReal(4321), 6);
    expect(app.lesson.toLesson(app.playheadMs)).toBeCloseTo(4321, 6);
    // One click to real time, where the timeline is the playhead itself.
    await fireEvent.click(screen.getByRole('button', { name: 'Lesson time' }));
    expect(app.timeMode).toBe('real');
    await fireEvent.input(screen.getByRole('slider', { name: 'Timeline (playhead)' }), { target: { value: '4321' } });
    expect(app.playheadMs).toBe(4321);
    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(app.playing).toBe(true);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
  });
});

describe('FocusView', () => {
  it('selects a packet from the keyboard and shows its text and byte split', async () => {
    const app = appWithRun();
    app.focus = 'sse';
    app.seek(1000);
    const { container } = render(FocusView, { app });
    const request = container.querySelector('g.arrow[data-kind="request"]') as SVGGElement;
    expect(request.getAttribute('role')).toBe('button');
    expect(request.getAttribute('tabindex')).toBe('0');
    await fireEvent.keyDown(request, { key: 'Enter' });
    const text = screen.getByTestId('packet-text').textContent!;
    expect(text).toMatch(/^GET \/events HTTP\/1\.1\r\n/);
    expect(text).toContain('Accept: text/event-stream\r\n');
    // A GET has no body: its header bytes are its whole text (the head profile's EventSource request).
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(container.querySelector('[data-bytes="header"]')!.textContent).toBe(`${text.length} B`);
    await fireEvent.click(screen.getByRole('button', { name: 'Next packet' }));
    expect(screen.getByTestId('packet-text').textContent).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(app.playheadMs).toBeGreaterThan(0);
  });

  it('draws the machine states over time beside the axes', () => {
    const app = appWithRun();
    app.focus = 'long-polling';
    app.seek(2000);
    const { container } = render(FocusView, { app });
    const labels = [...container.querySelectorAll('.band-label')].map((t) => t.textContent);
    // In plain words; the state id stays in data-state.
    expect(labels).toContain('holding request');
    expect([...container.querySelectorAll('.band-label')].map((t) => t.getAttribute('data-state'))).toContain('holding');
  });
});
