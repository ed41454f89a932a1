// The command line (SPEC §5, issue 2 §6): `tsx src/cli/main.ts` prints one
// JSON document {"scenario": {...}, "results": {...}}; --technique repeats
// ("all" = five); --set wins over --scenario; bad input exits 2 with one line
// on stderr naming the key and nothing on stdout. Each spawn costs ~1 s, so
// they run in parallel in beforeAll and the tests read the outcomes. The
// binary is the project's own tsx (what `npx tsx` resolves to, without npx's
// start-up), as `npm run sim` runs it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/sim';

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** Under tsx, or (`bundled`) as `npm run sim` runs it: bundled by bin/run-bundled.mjs. */
function sim(args: string[], bundled = false): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const [cmd, pre] = bundled ? [process.execPath, ['bin/run-bundled.mjs', 'src/cli/main.ts']] : [join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts']];
    const child = spawn(cmd, [...pre, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'push-sim-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

function fifo(): string {
  const p = join(dir, 'pipe');
  execFileSync('mkfifo', [p]);
  return p;
}

const SHORT = ['--set', 'durationMs=2000', '--set', 'streaming.mediaBytes=0'];
const cases = {
  defaults: [] as string[],
  // Repeated --technique, --trace, and --set over --scenario in one run.
  repeat: ['--scenario', file('s.json', JSON.stringify({ clients: 2, network: { latencyMs: 200, jitterMs: 5 } })), '--technique', 'sse', '--technique', 'polling', '--technique', 'sse', '--trace', '--set', 'network.latencyMs=10', ...SHORT],
  all: ['--technique', 'all', '--technique', 'websocket', ...SHORT],
  unknownKey: ['--set', 'network.latencyMss=10'],
  wrongType: ['--scenario', file('wrong.json', JSON.stringify({ clients: 'three' }))],
  outOfRange: ['--set', 'network.lossRate=0.9'],
  unknownTechnique: ['--technique', 'comet'],
  missingFile: ['--scenario', join(dir, 'nope.json')],
  invalidJson: ['--scenario', file('bad.json', '{"clients": 2,')],
  // Issue 7, in a real process: a device and a named pipe are refused at once
  // (reading /dev/zero never ended; opening a pipe blocked), a runaway run is
  // refused before simulating, a flag refuses a value.
  devZero: ['--scenario', '/dev/zero'],
  namedPipe: ['--scenario', fifo()],
  runaway: ['--set', 'clients=10000', '--set', 'durationMs=3600000', '--set', 'server.updateRateHz=1000'],
  flagValue: ['--trace=no'],
  // Issue 9: threads split the clients; the document must not change. Cleartext, so that 7 clients polling at 1 Hz
  // send 2 requests each in 2 s (TLS's round trip would push some second polls past the end).
  oneThread: ['--set', 'tls.version=none', '--set', 'clients=7', '--set', 'network.jitterMs=20', '--set', 'network.lossRate=0.02', '--set', 'server.updateRateHz=3', '--trace', '--workers', '1', ...SHORT],
  threeThreads: ['--set', 'tls.version=none', '--set', 'clients=7', '--set', 'network.jitterMs=20', '--set', 'network.lossRate=0.02', '--set', 'server.updateRateHz=3', '--trace', '--workers', '3', ...SHORT],
  badWorkers: ['--workers', '0'],
  bundledThreads: ['--set', 'tls.version=none', '--set', 'clients=7', '--set', 'network.jitterMs=20', '--set', 'network.lossRate=0.02', '--set', 'server.updateRateHz=3', '--trace', '--workers', '2', ...SHORT],
  bundledBad: ['--set', 'clients=0'],
};
/** Run as `npm run sim` does. */
const BUNDLED = new Set<string>(['bundledThreads', 'bundledBad']);
type Name = keyof typeof cases;
const out = {} as Record<Name, Outcome>;

beforeAll(async () => {
  const names = Object.keys(cases) as Name[];
  // A few at a time: the machine has 2 cores.
  for (let i = 0; i < names.length; i += 3) {
    const batch = names.slice(i, i + 3);
    const res = await Promise.all(batch.map((n) => sim(cases[n], BUNDLED.has(n))));
    batch.forEach((n, k) => (out[n] = res[k]));
  }
}, 60000);

const json = (o: Outcome) => JSON.parse(o.stdout) as { scenario: Record<string, unknown> & { network: Record<string, number>; clients: number; durationMs: number }; results: Record<string, Record<string, unknown>> };

describe('sim command line: output', () => {
  it('no arguments: all five techniques on the default scenario, one JSON document, scenario nested', () => {
    const o = out.defaults;
    expect(o.status).toBe(0);
    expect(o.stderr).toBe('');
    expect(o.stdout.trim().split('\n')).toHaveLength(1);
    const doc = json(o);
    expect(Object.keys(doc)).toEqual(['scenario', 'results']);
    expect(Object.keys(doc.results)).toEqual([...TECHNIQUES]);
    // SPEC §3 defaults, nested as the keys are dotted.
    expect(doc.scenario.durationMs).toBe(60000);
    expect(doc.scenario.network.latencyMs).toBe(50);
    // 0: every head from the head profile (issue 10; SPEC §3 said 400).
    expect((doc.scenario as unknown as { http: { requestHeaderBytes: number; headProfile: string } }).http).toMatchObject({ requestHeaderBytes: 0, headProfile: 'chromium-node' });
    expect('network.latencyMs' in doc.scenario).toBe(false);
    for (const r of Object.values(doc.results)) {
      for (const f of ['requests', 'responses', 'emptyResponses', 'connectionsOpened', 'maxOpenConnections', 'messagesGenerated', 'messagesDelivered', 'messagesPending']) expect(typeof r[f]).toBe('number');
      const b = r.bytes as { up: Record<string, number>; down: Record<string, number>; wire: Record<string, number> };
      expect(Object.keys(b.up).sort()).toEqual(['framing', 'header', 'payload', 'total']);
      expect(typeof b.wire.up).toBe('number');
      expect(Object.keys(r.latencyMs as object)).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99', 'max']));
      expect(Object.keys(r.series as object)).toEqual(expect.arrayContaining(['tMs', 'bytesUp', 'bytesDown', 'requests', 'messagesDelivered', 'openConnections']));
      expect(r.trace).toBeUndefined();
    }
  });

  it('--technique repeats (each once, canonical order); --trace adds the trace', () => {
    const o = out.repeat;
    expect(o.status).toBe(0);
    const doc = json(o);
    expect(Object.keys(doc.results)).toEqual(['polling', 'sse']);
    expect(doc.results.sse.trace).toBeDefined();
    expect(doc.scenario.durationMs).toBe(2000);
  });

  it('--technique all is all five', () => {
    expect(out.all.status).toBe(0);
    expect(Object.keys(json(out.all).results)).toEqual([...TECHNIQUES]);
  });

  it('--set wins over --scenario; the file\'s other keys apply', () => {
    const o = out.repeat;
    expect(o.status).toBe(0);
    const doc = json(o);
    expect(doc.scenario.network.latencyMs).toBe(10);
    expect(doc.scenario.network.jitterMs).toBe(5);
    expect(doc.scenario.clients).toBe(2);
  });
});

describe('sim command line: threads', () => {
  it('--workers 3 prints the same document, byte for byte, as --workers 1 (trace, jitter and loss included)', () => {
    expect(out.oneThread.status).toBe(0);
    expect(out.threeThreads.status).toBe(0);
    expect(out.threeThreads.stderr).toBe('');
    expect(json(out.oneThread).results.sse.trace).toBeDefined();
    // 7 clients at 3 Hz for 2 s: requests counted over every client of every shard.
    expect(json(out.threeThreads).results.polling.requests).toBe(7 * 2);
    expect(out.threeThreads.stdout).toBe(out.oneThread.stdout);
  });

  it('bundled, as npm run sim runs it, on 2 threads: the same document; bad input still exits 2 with one line', () => {
    expect(out.bundledThreads.stderr).toBe('');
    expect(out.bundledThreads.stdout).toBe(out.oneThread.stdout);
    expect(out.bundledBad.status).toBe(2);
    expect(out.bundledBad.stdout).toBe('');
    expect(out.bundledBad.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining("'clients'")]);
  });
});

describe('sim command line: bad input exits 2, one line on stderr naming what is wrong, nothing on stdout', () => {
  it.each([
    ['unknownKey', 'network.latencyMss'],
    ['wrongType', 'clients'],
    ['outOfRange', 'network.lossRate'],
    ['unknownTechnique', 'comet'],
    ['missingFile', 'nope.json'],
    ['invalidJson', 'bad.json'],
    ['devZero', 'a device'],
    ['namedPipe', 'a named pipe'],
    ['runaway', '--max-work'],
    ['flagValue', 'takes no value'],
    ['badWorkers', '--workers'],
  ] as [Name, string][])('%s', (name, mention) => {
    const o = out[name];
    expect(o.status).toBe(2);
    expect(o.stdout).toBe('');
    expect(o.stderr.endsWith('\n')).toBe(true);
    expect(o.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(o.stderr).toContain(mention);
  });

  it('the range and type messages say what is allowed', () => {
    expect(out.outOfRange.stderr).toContain('0.9');
    expect(out.outOfRange.stderr).toMatch(/0 to 0\.5/);
    expect(out.wrongType.stderr).toContain('three');
    expect(out.wrongType.stderr).toMatch(/integer/);
    expect(out.unknownTechnique.stderr).toContain('--technique');
  });
});
