// The engine's on-demand parts (src/sim/run/parts.ts): which scenario keys
// need which part, and what a run that lacks one says. The page fetches a
// scenario's parts before its first run (src/app/compute/parts-loader.ts),
// so a part missing from partsFor would surface there as this error.
import { describe, expect, it, vi } from 'vitest';
import { resolveScenario } from '../../src/sim';
import { partsFor } from '../../src/sim/run/parts';

describe('engine parts', () => {
  it('the default comparison needs none (the first visit ships none)', () => {
    expect(partsFor(resolveScenario({}))).toEqual([]);
  });

  it('each key that needs a part asks for it', () => {
    expect(partsFor(resolveScenario({ http: { version: '2' } }))).toEqual(['http2']);
    expect(partsFor(resolveScenario({ network: { radio: 'lte' } }))).toEqual(['radio']);
    expect(partsFor(resolveScenario({ proxy: { buffering: 4096 } }))).toEqual(['buffering']);
    expect(partsFor(resolveScenario({ http: { version: '2' }, network: { radio: '3g' }, proxy: { buffering: 1 } }))).toEqual(['http2', 'radio', 'buffering']);
  });

  it('a run that needs a part not loaded says which key needs it and how to load it', async () => {
    // A fresh engine, without tests/setup.ts's installParts().
    vi.resetModules();
    const sim = await import('../../src/sim');
    const s = sim.resolveScenario({ clients: 1, durationMs: 5000, proxy: { buffering: 100 } });
    expect(() => sim.runTechnique(s, 'sse')).toThrow(/proxy\.buffering: the engine's buffering part is not loaded; call installParts\(\)/);
    // Polling's responses are never held (not a streamed body): it runs without the part.
    expect(sim.runTechnique(s, 'polling').requests).toBeGreaterThan(0);
    vi.resetModules();
  });
});
