// @vitest-environment jsdom
// The server's side of the lanes (src/viz/update-journeys.ts, issue 8): an
// update waits in a client's queue at the server from the moment it is made
// until the answer or push that carries it leaves; its latency is arrival
// minus making. Checked against the definitions on real runs: polling holds
// an update until the next poll, a push technique sends it at once.
import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES } from '../../../src/sim';
import { arrivedRecently, bracketsIn, buildJourneys, madeRecently, oldestWaitingMs, queuedAt, type Journeys } from '../../../src/viz/update-journeys';
import SequenceDiagram from '../../../src/viz/sequence/SequenceDiagram.svelte';
import { buildIndex } from '../../../src/viz/trace-index';
import Lane from '../../../src/viz/lane/Lane.svelte';
import { STATE_WORDS, stateWords } from '../../../src/viz/state-words';
import { stubResizeObserver } from '../resize-observer';

beforeAll(stubResizeObserver);

const traceOf = (id: (typeof TECHNIQUES)[number], sets: Record<string, unknown> = {}) =>
  simulate(resolveScenario({ streaming: { mediaBytes: 0 }, ...sets }), [id], { traceClients: 1 }).results[id]!.trace!;

describe('update journeys', () => {
  it('polling: an update waits at the server until the next poll answer leaves', () => {
    const tr = traceOf('polling');
    const j = buildJourneys(tr);
    const made = tr.updatesMs[0];
    // The first answer after the update that carries it.
    const answer = tr.packets.find((p) => p.dir === 'down' && p.messages.includes(1))!;
    expect(answer.sendMs).toBeGreaterThan(made);
    expect(queuedAt(j, 0, made - 0.001)).toBe(0);
    expect(queuedAt(j, 0, made)).toBe(1);
    expect(queuedAt(j, 0, (made + answer.sendMs) / 2)).toBe(1);
    expect(queuedAt(j, 0, answer.sendMs)).toBe(0);
    // How long it has waited so far: the time since it was made, until its answer leaves.
    expect(oldestWaitingMs(j, 0, made - 0.001)).toBeNull();
    expect(oldestWaitingMs(j, 0, made + 123)).toBeCloseTo(123, 9);
    expect(oldestWaitingMs(j, 0, answer.sendMs)).toBeNull();
    // Its latency is arrival minus making, as the result's latency samples count it.
    const a = arrivedRecently(j, 0, answer.arriveMs!, 1)!;
    expect(a.ageMs).toBe(0);
    expect(a.latencyMs).toBeCloseTo(answer.arriveMs! - made, 9);
  });

  it('SSE: an update leaves at once (nothing waits) and arrives one trip later', () => {
    const tr = traceOf('sse');
    const j = buildJourneys(tr);
    for (const made of tr.updatesMs.slice(0, 5)) {
      expect(queuedAt(j, 0, made + 0.01)).toBe(0);
      expect(madeRecently(j, made + 10, 100)).toBeCloseTo(10, 9);
    }
    const ev = tr.packets.find((p) => p.kind === 'event')!;
    // 50 ms one way plus serialization of ~170 bytes at 10 Mbit/s (~0.1 ms).
    expect(arrivedRecently(j, 0, ev.arriveMs! + 5, 100)!.latencyMs).toBeGreaterThanOrEqual(50);
    expect(arrivedRecently(j, 0, ev.arriveMs! + 5, 100)!.latencyMs).toBeLessThan(52);
    expect(arrivedRecently(j, 0, ev.arriveMs! + 200, 100)).toBeNull();
  });

  it('the lane shows the queue at the server, the new-update mark and the latency on arrival, in plain words', () => {
    const tr = traceOf('polling');
    const index = buildIndex(tr, 50);
    const journeys = buildJourneys(tr);
    const made = tr.updatesMs[0];
    const { container, rerender } = render(Lane, { id: 'polling', index, journeys, markMs: 300, playheadMs: made + 10 });
    expect(container.querySelector('[data-queue]')!.getAttribute('data-queue')).toBe('1');
    expect(container.querySelector('[data-queue]')!.textContent).toBe('1 update waiting');
    expect(container.querySelector('[data-made]')).not.toBeNull();
    expect(container.querySelector('[data-waited]')!.textContent).toBe('made 10 ms ago, not sent yet');
    const answer = tr.packets.find((p) => p.dir === 'down' && p.messages.includes(1))!;
    rerender({ id: 'polling', index, journeys, markMs: 300, playheadMs: answer.arriveMs! + 1 });
    expect(container.querySelector('[data-queue]')!.textContent).toBe('nothing waiting');
    expect(container.querySelector('[data-waited]')).toBeNull();
    expect(container.querySelector('[data-latency]')!.textContent).toBe(`latency ${Math.round(answer.arriveMs! - made)} ms`);
    // Machine states in words, their ids kept in data-state.
    const client = container.querySelector('[data-machine="client"]')!;
    expect(client.textContent).toBe(stateWords('client', client.getAttribute('data-state')!));
    expect(client.textContent).not.toMatch(/^(waiting|idle|stopped)$/);
  });

  it('brackets: each delivery from its making to its arrival, overlapping ones side by side', () => {
    const tr = traceOf('polling', { server: { updateRateHz: 1 } });
    const j = buildJourneys(tr);
    const answer = tr.packets.find((p) => p.dir === 'down' && p.messages.includes(1))!;
    const b = bracketsIn(j, 0, 0, 60000).find((x) => x.message === 1)!;
    expect(b).toMatchObject({ madeMs: tr.updatesMs[0], sentMs: answer.sendMs, arriveMs: answer.arriveMs, slot: 0 });
    // A window that holds only the arrival still shows the bracket; one before the making does not.
    expect(bracketsIn(j, 0, answer.arriveMs! - 1, answer.arriveMs! + 1).some((x) => x.message === 1)).toBe(true);
    expect(bracketsIn(j, 0, 0, tr.updatesMs[0] - 1).some((x) => x.message === 1)).toBe(false);
    // Hand-made journeys: A [0, 100], B [50, 150] overlap A, C [120, 200] follows A; D, E overlap all three slots.
    const d = (message: number, madeMs: number, arriveMs: number) => ({ message, madeMs, sentMs: madeMs, arriveMs });
    const hand = { deliveries: [[d(1, 0, 100), d(2, 50, 150), d(3, 120, 200), d(4, 130, 210), d(5, 140, 220)]] } as unknown as Journeys;
    expect(bracketsIn(hand, 0, 0, 300).map((x) => [x.message, x.slot])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
      [4, 2],
    ]);
  });

  it('the sequence diagram marks each update made and writes its latency on a bracket', () => {
    const tr = traceOf('polling');
    const index = buildIndex(tr, 50);
    const journeys = buildJourneys(tr);
    const made = tr.updatesMs[0];
    const answer = tr.packets.find((p) => p.dir === 'down' && p.messages.includes(1))!;
    const { container } = render(SequenceDiagram, {
      index,
      client: 0,
      t0: made - 500,
      t1: answer.arriveMs! + 500,
      playheadMs: made,
      durationMs: 60000,
      selected: null,
      onselect: () => {},
      journeys,
    });
    expect(container.querySelector('[data-made="1"]')!.textContent).toBe('update 1 made');
    const bracket = container.querySelector('[data-bracket="1"]')!;
    expect(Number(bracket.getAttribute('data-latency'))).toBeCloseTo(answer.arriveMs! - made, 9);
    expect(bracket.textContent).toBe(`${Math.round(answer.arriveMs! - made)} ms`);
    // Polling: the update waited at the server until the poll's answer left.
    expect(bracket.querySelector('.wait')).not.toBeNull();
  });

  it('every state the machines reach has plain words', () => {
    const seen = new Set<string>();
    for (const id of TECHNIQUES) {
      for (const sets of [{}, { faults: { disconnectIntervalMs: 3000 }, websocket: { pingIntervalMs: 1000 }, client: { sendRateHz: 1 } }]) {
        for (const st of traceOf(id, sets).states) seen.add(`${st.machine}:${st.state}`);
      }
    }
    expect(seen.size).toBeGreaterThan(8);
    for (const key of seen) {
      const [machine, state] = key.split(':') as ['client' | 'server' | 'connection', string];
      expect(STATE_WORDS[machine][state], key).toBeTruthy();
      // Words, not ids: no dots, no camelCase.
      expect(stateWords(machine, state)).not.toMatch(/\.|[a-z][A-Z]/);
    }
  });
});

describe('a server down after its restart, in the lane (faults.serverDownMs)', () => {
  it('the server box says it is down and refuses connections while it is, and is itself again after', () => {
    const sets = { faults: { serverRestartAtMs: 3000, serverDownMs: 4000 } };
    const index = buildIndex(traceOf('sse', sets));
    const { container, rerender } = render(Lane, { id: 'sse', index, playheadMs: 5000, down: true });
    expect(container.querySelector('[data-down]')!.textContent).toBe('refuses connections');
    expect(container.querySelector('.box.server.down')).not.toBeNull();
    expect(container.textContent).toContain('server down');
    rerender({ id: 'sse', index, playheadMs: 8000, down: false });
    expect(container.querySelector('[data-down]')).toBeNull();
    expect(container.querySelector('.box.server.down')).toBeNull();
  });
});
