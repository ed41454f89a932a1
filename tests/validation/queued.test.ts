// Updates queued at the server (series.queuedMessages, server.peakQueuedMessages,
// server.memoryPerQueuedMessageBytes; issue 11). Closed forms derived here:
//   - polling every P with updates at rate r: an update waits for its
//     client's next poll, on average P/2, so by Little's law the queue holds
//     N·r·P/2 on average (N clients);
//   - SSE keeps nothing queued while connected (each update is written at
//     once); across a restart with downtime, every client's updates pile up
//     from the cut (T) until it is back: about N·r·(back − T) at the peak;
//   - memory at its peak is at least that queue times the bytes per update.
import { describe, expect, it } from 'vitest';
import { run } from '../techniques/helpers';

const feed = { updateRateHz: 2, updatePattern: 'periodic' };

describe('updates queued at the server', () => {
  it("polling: the queue holds N·r·P/2 on average (Little's law)", () => {
    // Poisson updates, so that the series' samples (bin ends) fall at random
    // times of the feed: periodic updates on the bin edges would sample the
    // queue just before each update, at half its average.
    const N = 200;
    const r = run('polling', { clients: N, durationMs: 60_000, server: { updateRateHz: 2 } }, 0);
    const q = r.series.queuedMessages;
    const mean = q.reduce((a, b) => a + b, 0) / q.length;
    // 120 samples of a level that forgets in a second: about 10% noise from the feed's own counts.
    expect(mean / (N * 2 * 1 * 0.5)).toBeGreaterThan(0.8);
    expect(mean / (N * 2 * 1 * 0.5)).toBeLessThan(1.2);
    expect(r.server.peakQueuedMessages).toBe(Math.max(...q));
    expect(r.server.memoryPeakBytes).toBeGreaterThanOrEqual(r.maxOpenConnections * 24_000);
  });

  it('SSE: nothing waits while connected; a restart with 10 s down piles N·r·(back − T) up, and memory with it', () => {
    const N = 100;
    const T = 20_000;
    const quiet = run('sse', { clients: N, durationMs: 60_000, server: feed }, 0);
    // Only before the streams open (the first second and a round trip: SPEC §1, updates made before wait in the queue).
    expect(quiet.series.queuedMessages.slice(4).every((q) => q === 0)).toBe(true);
    expect(quiet.server.peakQueuedMessages).toBeLessThanOrEqual(N * 3);
    const r = run('sse', { clients: N, durationMs: 60_000, server: feed, faults: { serverRestartAtMs: T, serverDownMs: 10_000 } }, 1);
    // SSE's attempts (tests/validation/downtime.test.ts): back at T + L + 3000 + 3·(3000 + 2L) = T + 12,350 ms, L = 50.
    const expected = N * 2 * 12.35;
    expect(r.server.peakQueuedMessages / expected).toBeGreaterThan(0.93);
    expect(r.server.peakQueuedMessages / expected).toBeLessThan(1.03);
    expect(r.server.memoryPeakBytes).toBeGreaterThanOrEqual(r.server.peakQueuedMessages * 200);
    // Nothing stays queued at the end: all replayed on the new connections.
    expect(r.series.queuedMessages.at(-1)).toBe(0);
  });

  it('0 bytes per queued update: memory is the connections alone', () => {
    const r = run('polling', { clients: 50, durationMs: 20_000, server: { ...feed, memoryPerQueuedMessageBytes: 0 } }, 0);
    expect(r.server.memoryPeakBytes).toBe(r.maxOpenConnections * 24_000);
  });
});
