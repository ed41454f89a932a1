// Results as files: the CSV has SPEC §4's scalar fields as dotted columns and
// one row per technique with the run's numbers; the JSON is the command
// line's document without traces; the trace export has every technique's trace.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES, type RunOutput } from '../../../src/sim';
import { CSV_COLUMNS, csvCell, pick, resultsCsv, resultsJson, SPEC_COLUMNS, traceJson } from '../../../src/app/export/data';

const out: RunOutput = simulate(resolveScenario({ durationMs: 8000 }), TECHNIQUES, { traceClients: 1 });

/** A minimal RFC 4180 reader (no quoted fields are produced for numbers). */
function parse(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('resultsCsv', () => {
  const rows = parse(resultsCsv(out));

  it('has a header with the SPEC §4 scalar fields in dotted form', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    for (const c of ['requests', 'bytes.down.total', 'bytes.up.header', 'bytes.wire.down', 'latencyMs.p95', 'upstreamLatencyMs.max', 'messagesPending']) {
      expect(rows[0]).toContain(c);
    }
    expect(SPEC_COLUMNS).toHaveLength(8 + 4 + 4 + 2 + 5 + 5);
  });

  it('has one row per technique, in the usual order, every row as wide as the header', () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual([...TECHNIQUES]);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('carries the run numbers exactly (null latencies as empty cells)', () => {
    for (const row of rows.slice(1)) {
      const r = out.results[row[0] as (typeof TECHNIQUES)[number]]!;
      CSV_COLUMNS.slice(1).forEach((c, i) => {
        const v = pick(r, c);
        if (v === null || v === undefined) expect(row[i + 1]).toBe('');
        else expect(Number(row[i + 1])).toBe(v);
      });
    }
    const polling = rows.find((r) => r[0] === 'polling')!;
    expect(Number(polling[CSV_COLUMNS.indexOf('bytes.down.total')])).toBe(out.results.polling!.bytes.down.total);
    expect(Number(polling[CSV_COLUMNS.indexOf('latencyMs.p95')])).toBe(out.results.polling!.latencyMs.p95);
  });

  it('has only the techniques that ran', () => {
    const two = simulate(resolveScenario({ durationMs: 3000 }), ['sse', 'polling']);
    expect(parse(resultsCsv(two)).map((r) => r[0])).toEqual(['technique', 'polling', 'sse']);
  });
});

describe('csvCell', () => {
  it('quotes text with commas, quotes or line breaks and leaves numbers alone', () => {
    expect(csvCell(1.5)).toBe('1.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('resultsJson', () => {
  it('parses to {scenario, results} like the command line, without traces', () => {
    const doc = JSON.parse(resultsJson(out));
    expect(Object.keys(doc)).toEqual(['scenario', 'results']);
    expect(doc.scenario.network.latencyMs).toBe(out.scenario.network.latencyMs);
    expect(Object.keys(doc.results)).toEqual([...TECHNIQUES]);
    for (const id of TECHNIQUES) {
      expect(doc.results[id].trace).toBeUndefined();
      expect(doc.results[id].requests).toBe(out.results[id]!.requests);
      expect(doc.results[id].series.tMs).toEqual(out.results[id]!.series.tMs);
    }
    // The input keeps its traces.
    expect(out.results.sse!.trace).toBeDefined();
  });

  it('matches the command line document for the same run', () => {
    const { trace: _t, ...sse } = out.results.sse!;
    void _t;
    expect(JSON.parse(resultsJson(out)).results.sse).toEqual(JSON.parse(JSON.stringify(sse)));
  });
});

describe('traceJson', () => {
  it('parses to the scenario and every technique’s trace', () => {
    const doc = JSON.parse(traceJson(out));
    expect(Object.keys(doc.traces)).toEqual([...TECHNIQUES]);
    expect(doc.traces.websocket.packets.length).toBe(out.results.websocket!.trace!.packets.length);
    expect(doc.traces.polling.packets[0]).toHaveProperty('sendMs');
    // The text is written when read (a getter on the packet's class): the export must still carry it.
    const get = doc.traces.polling.packets.find((p: { kind: string }) => p.kind === 'request');
    expect(get.text).toMatch(/^GET \/poll HTTP\/1\.1\r\n/);
    expect(Object.keys(doc.traces.polling.packets[0]).at(-1)).toBe('text');
    expect(doc.scenario.durationMs).toBe(8000);
  });
});

describe('traceJson with a packet text that fails to render', () => {
  it('keeps the export, with that text null and the reason beside it', () => {
    const trace = out.results.sse!.trace!;
    const bad = { ...trace.packets[0] } as Record<string, unknown>;
    Object.defineProperty(bad, 'text', {
      enumerable: true,
      get: () => {
        throw new Error('cannot render');
      },
    });
    const broken: RunOutput = { scenario: out.scenario, results: { sse: { ...out.results.sse!, trace: { ...trace, packets: [bad as never, ...trace.packets.slice(1)] } } } };
    const doc = JSON.parse(traceJson(broken));
    expect(doc.traces.sse.packets[0]).toMatchObject({ text: null, textError: 'cannot render' });
    expect(doc.traces.sse.packets[1].text).toBe(trace.packets[1].text);
  });
});
