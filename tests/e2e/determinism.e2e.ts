// "The same scenario and seed give the same result, byte for byte, in Node
// and in the browser": the simulation core is bundled on its own (esbuild),
// run in real Chromium, and its JSON compared with Node's for scenarios that
// exercise every random draw (Poisson and bursty feeds, jitter, loss, upstream
// messages, faults) and the wire text in traces.
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveScenario, simulate } from '../../src/sim';
import { installParts } from '../../src/sim/parts';
import { open, type Session } from './browser';

// Every part of the engine, as the command line installs them (a trace's WebSocket answer needs SHA-1 for its text).
installParts();

const SCENARIOS = [
  {},
  { clients: 3, durationMs: 20000, network: { jitterMs: 30, lossRate: 0.05 }, server: { updateRateHz: 5, updatePattern: 'bursty' }, client: { sendRateHz: 1 } },
  { clients: 2, durationMs: 30000, seed: 7, faults: { disconnectIntervalMs: 5000 }, websocket: { pingIntervalMs: 2000 }, network: { latencyMs: 562.5, bandwidthKbps: 1440, uplinkKbps: 675 } },
];

let session: Session;
let bundle: string;

beforeAll(async () => {
  const out = buildSync({
    stdin: { contents: "export * from './src/sim/index.ts'; export { installParts } from './src/sim/parts.ts';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'PushSim',
    platform: 'browser',
    write: false,
  });
  bundle = out.outputFiles[0].text;
  session = await open('about:blank');
  await session.page.addScriptTag({ content: bundle });
  await session.page.evaluate(() => (globalThis as unknown as { PushSim: { installParts(): void } }).PushSim.installParts());
});

afterAll(async () => {
  await session?.close();
});

describe('determinism across engines', () => {
  it.each(SCENARIOS.map((s, i) => [i, s] as const))('scenario %i: Chromium and Node print the same JSON', async (_i, partial) => {
    const inNode = JSON.stringify(simulate(resolveScenario(partial), undefined, { traceClients: 2 }));
    const inBrowser = await session.page.evaluate((p) => {
      const sim = (globalThis as unknown as { PushSim: typeof import('../../src/sim') }).PushSim;
      return JSON.stringify(sim.simulate(sim.resolveScenario(p), undefined, { traceClients: 2 }));
    }, partial);
    expect(inBrowser.length).toBe(inNode.length);
    expect(inBrowser === inNode).toBe(true);
  });
});
