// The Focus view's radio strip (src/viz/radio-view.ts): only the awake
// stretches, clipped to the window; and the diagram draws one rect per
// stretch in a real run with a radio.
import { describe, expect, it } from 'vitest';
import { radioStrip } from '../../../src/viz/radio-view';
import { buildIndex } from '../../../src/viz/trace-index';
import { run } from '../../techniques/helpers';

describe('radio strip', () => {
  it('keeps the awake stretches inside the window, clipped; idle is left empty', () => {
    const spans = [
      { state: 'idle' as const, fromMs: 0, toMs: 100 },
      { state: 'promotion' as const, fromMs: 100, toMs: 360 },
      { state: 'tail' as const, fromMs: 360, toMs: 12_000 },
      { state: 'idle' as const, fromMs: 12_000, toMs: 20_000 },
    ];
    expect(radioStrip(spans, 200, 5000)).toEqual([
      { state: 'promotion', fromMs: 200, toMs: 360 },
      { state: 'tail', fromMs: 360, toMs: 5000 },
    ]);
    expect(radioStrip(spans, 13_000, 19_000)).toEqual([]);
    expect(radioStrip(undefined, 0, 1)).toEqual([]);
  });

  it("the trace index holds each traced client's spans (a 20 s poll on LTE: a wake-up per poll)", () => {
    const r = run('polling', { durationMs: 60_000, clients: 2, polling: { intervalMs: 20_000 }, network: { radio: 'lte' } }, 2);
    const index = buildIndex(r.trace!);
    expect([...index.radio.keys()].sort()).toEqual([0, 1]);
    const promotions = index.radio.get(0)!.filter((sp) => sp.state === 'promotion').length;
    expect(promotions).toBe(3);
  });
});
