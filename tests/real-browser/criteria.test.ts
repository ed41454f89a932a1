// The real-browser check's pass rule (tests/real-browser/check.ts `failures`),
// on made-up rows: the issue 10 criteria (bytes within 1%, counts exact,
// p50 within 5 ms plus the expected extra) each flag their own failure, so
// neither the short run nor npm run validate:browser can pass a bad row.
import { describe, expect, it } from 'vitest';
import { failures, type Row } from './check';

const measured = { up: 10_000, down: 20_000, requests: 6, connections: 1, delivered: 5, latencyP50: 51 };
const row = (real: Partial<Row['real']> = {}, technique: Row['technique'] = 'sse'): Row => ({
  technique,
  eventsPerStream: 0,
  seed: 1,
  real: { ...measured, ...real },
  sim: { ...measured },
  requestHead: 500,
  responseHead: 180,
  slack: { timerMs: 2, relayMs: 0.5, handlerMs: 1, toWireMs: 1 },
});

describe('the real-browser pass rule', () => {
  it('passes a row within every bound: the relay adds 2 × 0.5 ms to the real p50', () => {
    expect(failures(row({ up: 10_099, latencyP50: 51 + 1 + 4.9 }))).toEqual([]);
  });

  it('fails each criterion on its own', () => {
    expect(failures(row({ up: 10_100 }))).toEqual([expect.stringMatching(/^bytes up: 10100 B real vs 10000 B simulated/)]);
    expect(failures(row({ down: 19_700 }))).toEqual([expect.stringMatching(/^bytes down/)]);
    expect(failures(row({ requests: 7 }))).toEqual(['requests: 7 real vs 6 simulated']);
    expect(failures(row({ connections: 2 }))).toEqual(['connections: 2 real vs 1 simulated']);
    expect(failures(row({ latencyP50: 51 + 1 + 5 }))).toEqual([expect.stringMatching(/^p50 latency: .* 5\.0 ms apart/)]);
    expect(failures(row({ latencyP50: null }))).toHaveLength(1);
  });

  it('needs enough deliveries to compare, and counts them exactly', () => {
    expect(failures(row({ delivered: 4 }))).toEqual(['delivered: 4 real vs 5 simulated']);
    const few = row();
    few.real.delivered = few.sim.delivered = 3;
    expect(failures(few)).toEqual(['delivered: 3, fewer than 4 to compare']);
  });

  it("polling's expected extra also has the page's timer and the fetch's way to the wire", () => {
    // 2 × 0.5 relay + 2 timer + 1 to the wire = 4 ms beyond the simulated p50.
    expect(failures(row({ latencyP50: 51 + 4 + 4.9 }, 'polling'))).toEqual([]);
    // The same real p50 fails SSE, whose extra is the relay's 1 ms alone.
    expect(failures(row({ latencyP50: 51 + 4 + 4.9 }, 'sse'))).toHaveLength(1);
  });
});
