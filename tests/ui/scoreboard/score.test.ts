// The scoreboard (src/app/scoreboard/score.ts): the best of each column is
// the lowest value and only that; each row's "because" line carries the
// run's own numbers; and a run that goes against the textbook ordering says
// why. Expected orderings come from the techniques' definitions (SPEC §1)
// and the closed forms of docs/validation.md, not from the code's output.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES } from '../../../src/sim';
import { COLUMNS, formatValue, runSummary, scoreboard, shown } from '../../../src/app/scoreboard/score';
import { notes } from '../../../src/app/scoreboard/score-notes';

const run = (sets: [string, string][] = []) => simulate(resolveScenario({}, [...sets, ['streaming.mediaBytes', '0']]), TECHNIQUES, { traceClients: 0 });

describe('scoreboard', () => {
  it('marks the lowest value of each column as shown, ties shared, and nothing where all are equal', () => {
    for (const sets of [[], [['server.updateRateHz', '5']], [['clients', '3'], ['network.jitterMs', '30']]] as [string, string][][]) {
      const b = scoreboard(run(sets), TECHNIQUES);
      expect(b.rows.map((r) => r.id)).toEqual([...TECHNIQUES]);
      for (const c of COLUMNS) {
        const vs = b.rows.map((r) => shown(c.id, r.values[c.id])).filter((v): v is number => v !== null);
        const min = Math.min(...vs);
        const allEqual = vs.every((v) => v === min);
        for (const r of b.rows) expect(r.best.has(c.id), `${c.id} ${r.id}`).toBe(!allEqual && shown(c.id, r.values[c.id]) === min);
      }
    }
  });

  it('values that read the same are a tie (50.2 ms and 50.4 ms both show "50 ms")', () => {
    expect(formatValue('latencyMean', 50.2)).toBe('50 ms');
    expect(shown('latencyMean', 50.2)).toBe(shown('latencyMean', 50.4));
    expect(formatValue('latencyP95', 4.26)).toBe('4.3 ms');
    expect(formatValue('bytesPerUpdate', 1234.6)).toBe('1,235 B');
    expect(formatValue('latencyMean', null)).toBe('–');
    const b = scoreboard(run(), TECHNIQUES);
    const sse = b.rows.find((r) => r.id === 'sse')!;
    const ws = b.rows.find((r) => r.id === 'websocket')!;
    expect(formatValue('latencyMean', sse.values.latencyMean)).toBe(formatValue('latencyMean', ws.values.latencyMean));
    expect(sse.best.has('latencyMean')).toBe(ws.best.has('latencyMean'));
  });

  it('the default run (a feed rarer than the polls) tells the lesson: long polling far below polling, push at one connection with the lowest latency, no contrary note', () => {
    const out = run();
    const b = scoreboard(out, TECHNIQUES);
    const row = (id: string) => b.rows.find((r) => r.id === id)!;
    // Polling asks once a second for a minute (closed form: 60 polls); long polling about once per update.
    expect(row('polling').values.requests).toBe(60);
    expect(row('long-polling').values.requests!).toBeLessThan(row('polling').values.requests! / 2);
    for (const id of ['sse', 'websocket', 'streaming']) {
      expect(row(id).values.requests).toBe(1);
      expect(row(id).values.connections).toBe(1);
      expect(row(id).values.empty).toBe(0);
      // One-way latency 50 ms: a push arrives one trip after the update.
      expect(row(id).values.latencyMean!).toBeLessThan(row('polling').values.latencyMean!);
    }
    expect(row('websocket').best.has('bytesPerUpdate')).toBe(true);
    expect(b.notes).toEqual([]);
  });

  it('because-lines carry the run\'s numbers', () => {
    const out = run();
    const b = scoreboard(out, TECHNIQUES);
    const p = out.results.polling!;
    expect(b.rows[0].because).toContain(`${p.emptyResponses} of ${p.responses} answers empty`);
    expect(b.rows[0].because).toContain('every 1 s');
    const lp = out.results['long-polling']!;
    expect(b.rows[1].because).toContain(`${lp.requests} requests for ${lp.messagesDelivered}`);
    // A WebSocket update of 100 bytes has a 2-byte frame header (RFC 6455 §5.2: payload length < 126).
    expect(b.rows.find((r) => r.id === 'websocket')!.because).toContain('2 B of header per frame');
  });

  it('behind a proxy that refuses the Upgrade, the WebSocket row says it fell back to long polling, and after how long', () => {
    const out = run([['proxy.websocket', 'refuses']]);
    const ws = out.results.websocket!;
    const b = scoreboard(out, TECHNIQUES);
    // Fallback after 10 s (Socket.IO's upgradeTimeout): the upgrade, then a long poll per update.
    expect(b.rows.find((r) => r.id === 'websocket')!.because).toBe(`the proxy refused it: long polling after 10 s, ${ws.requests - 1} requests`);
    const never = scoreboard(run([['proxy.websocket', 'refuses'], ['websocket.fallbackMs', '0']]), TECHNIQUES);
    expect(never.rows.find((r) => r.id === 'websocket')!.because).toBe('the proxy refused it: no answer, nothing delivered');
  });

  it('a push technique cut by an intermediary says how often it reopened, not that it stayed open', () => {
    // 5 minutes, no update, a 60 s idle timeout (src/sim/run/connection.ts): the SSE stream is cut about every 63 s.
    const out = run([['durationMs', '300000'], ['server.updateRateHz', '0'], ['proxy.idleTimeoutMs', '60000']]);
    const sse = out.results.sse!;
    expect(sse.requests).toBeGreaterThan(1);
    const b = scoreboard(out, TECHNIQUES);
    expect(b.rows.find((r) => r.id === 'sse')!.because).toMatch(new RegExp(`^reopened ${sse.requests - 1}× after cuts`));
    expect(scoreboard(run(), TECHNIQUES).rows.find((r) => r.id === 'sse')!.because).toMatch(/^one response stays open/);
  });

  it('many clients, or clients coming and going, each open one stream: not reopenings', () => {
    // 20 clients: 20 opening requests; with churn each arrival opens its own (found: the line said "reopened 19× after cuts").
    for (const set of [[['clients', '20']], [['clients', '20'], ['churn.arrivalsPerSecond', '1'], ['churn.meanSessionMs', '20000']]] as [string, string][][]) {
      const out = run(set);
      expect(out.results.sse!.requests).toBeGreaterThan(1);
      const rows = scoreboard(out, TECHNIQUES).rows;
      expect(rows.find((r) => r.id === 'sse')!.because).toMatch(/^one response stays open/);
      expect(rows.find((r) => r.id === 'websocket')!.because).toMatch(/^one connection stays open/);
    }
  });

  it('when updates come as often as polls, long polling makes more requests, and a note says why', () => {
    const out = run([['server.updateRateHz', '5']]);
    expect(out.results['long-polling']!.requests).toBeGreaterThanOrEqual(out.results.polling!.requests);
    expect(scoreboard(out, TECHNIQUES).notes).toEqual(['long-polling-asks-more']);
    expect(notes(out)).toHaveLength(1);
    expect(notes(out)[0]).toMatch(/^Long polling made \d+ requests, polling 60: updates come about as often as polls or more/);
  });

  it('behind a buffering proxy (nginx\'s 4 KB) SSE waits for the buffer, and the note blames the buffer, not the link', () => {
    const out = run([['server.updateRateHz', '1'], ['proxy.buffering', '4096']]);
    expect(out.results.sse!.latencyMs.mean!).toBeGreaterThan(out.results.polling!.latencyMs.mean!);
    expect(notes(out).join(' ')).toContain("the event stream was slowed by the proxy's buffer");
  });

  it("behind nginx's 4 KB buffer a rare feed never fills it: SSE and streaming say nothing arrived and why, not 0 B per event", () => {
    // The default feed (0.2 Hz, about 12 updates of 100 B in 60 s) is under 4,096 B of events.
    const out = run([['proxy.buffering', '4096']]);
    for (const id of ['sse', 'streaming'] as const) {
      const r = out.results[id]!;
      expect(r.messagesDelivered).toBe(0);
      const row = scoreboard(out, TECHNIQUES).rows.find((x) => x.id === id)!;
      expect(row.because).toBe(`none of its ${r.messagesGenerated} updates arrived: the proxy's buffer held them`);
    }
    // WebSocket frames are not buffered: its line is the usual one.
    expect(scoreboard(out, TECHNIQUES).rows.find((x) => x.id === 'websocket')!.because).toMatch(/^one connection stays open/);
  });

  it('a subset of techniques is compared among itself', () => {
    const b = scoreboard(run(), ['polling', 'long-polling']);
    expect(b.rows.map((r) => r.id)).toEqual(['polling', 'long-polling']);
    expect(b.rows[1].best.has('requests')).toBe(true);
  });

  it('summarises the run', () => {
    expect(runSummary(resolveScenario({}))).toBe('This run: 1 client, 60 s, an update every 5 s on average, a poll every 1 s, 50 ms one way.');
    // With the feed's own count (a Poisson feed's count is not its mean); one update, and a feed of several a second.
    expect(runSummary(resolveScenario({}), 21)).toBe('This run: 1 client, 60 s, 21 updates, 5 s apart on average, a poll every 1 s, 50 ms one way.');
    expect(runSummary(resolveScenario({}), 1)).toContain(', 1 update, 5 s apart on average,');
    expect(runSummary(resolveScenario({ server: { updateRateHz: 4 } }), 1234)).toContain(', 1,234 updates, 4 a second on average,');
    expect(runSummary(resolveScenario({ clients: 200, server: { updateRateHz: 2 } }))).toMatch(/^This run: 200 clients, 60 s, 2 updates a second/);
    // With churn the count is the crowd at the start, and how it changes is said.
    expect(runSummary(resolveScenario({ clients: 50, churn: { arrivalsPerSecond: 2, meanSessionMs: 20000 } }))).toMatch(
      /^This run: 50 clients at the start, 2 more arriving a second, each staying 20 s on average, 60 s,/,
    );
    expect(runSummary(resolveScenario({ clients: 50, churn: { meanSessionMs: 30000 } }))).toMatch(/^This run: 50 clients at the start, each staying 30 s on average, 60 s,/);
  });
});

describe('scoreboard with a phone radio (issue 11)', () => {
  it('adds the radio energy column only with a radio; a feed rarer than the LTE tail makes push the cheapest; the note gives the awake shares', () => {
    expect(scoreboard(run(), TECHNIQUES).columns.map((c) => c.id)).not.toContain('energy');
    // One update a minute, polls every second: the radio's 11.6 s tail keeps polling awake all the time, push only after updates.
    const out = run([['network.radio', 'lte'], ['server.updateRateHz', String(1 / 60)], ['durationMs', '300000']]);
    const b = scoreboard(out, TECHNIQUES);
    expect(b.columns.map((c) => c.id)).toContain('energy');
    const poll = b.rows.find((r) => r.id === 'polling')!;
    for (const id of ['sse', 'websocket', 'streaming'] as const) {
      const row = b.rows.find((r) => r.id === id)!;
      expect(row.values.energy!).toBeLessThan(poll.values.energy! / 2);
    }
    expect(poll.best.has('energy')).toBe(false);
    expect(b.notes).toContain('radio');
    const note = notes(out).find((n) => n.includes('radio'))!;
    expect(note).toMatch(/LTE radio stays awake 11\.6 s after each packet/);
    expect(note).toMatch(/Time awake: Short polling 100%/);
    expect(formatValue('energy', 3821.8)).toBe('3,822 J');
  });
});
