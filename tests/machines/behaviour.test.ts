// Behaviour of each machine definition (src/sim/machines), driven through the
// kernel's clock with spy ports: what each technique's client and the server
// do, by the technique's definition (SPEC §1; REFERENCES.md: setInterval is
// fixed-rate; EventSource reconnects after `retry`).
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine } from 'xstate';
import { Kernel } from '../../src/sim/kernel/kernel';
import { kernelClock } from '../../src/sim/kernel/clock';
import { pollingClient } from '../../src/sim/techniques/polling/machine';
import { longPollingClient } from '../../src/sim/techniques/long-polling/machine';
import { sseClient } from '../../src/sim/techniques/sse/machine';
import { websocketClient } from '../../src/sim/techniques/websocket/machine';
import { streamingClient } from '../../src/sim/techniques/streaming/machine';
import { serverMachine } from '../../src/sim/machines/server';
import { connectionMachine } from '../../src/sim/machines/connection';

const MS = 1000; // kernel µs per ms

/** A port whose every method logs "name@ms". */
function spyPort(k: Kernel, names: string[]) {
  const log: string[] = [];
  const port = Object.fromEntries(names.map((n) => [n, () => log.push(`${n}@${k.now / MS}`)]));
  return { port, log };
}

function start(machine: AnyStateMachine, k: Kernel, input: unknown) {
  const a = createActor(machine, { clock: kernelClock(k), input });
  a.start();
  return a;
}

describe('polling client', () => {
  it('sends a GET at start and then every interval, answered or not (setInterval semantics)', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ['sendPoll']);
    const a = start(pollingClient, k, { port, intervalMs: 1000 });
    k.at(200 * MS, 0, () => a.send({ type: 'START' }));
    k.run(3500 * MS);
    expect(log).toEqual(['sendPoll@200', 'sendPoll@1200', 'sendPoll@2200', 'sendPoll@3200']);
  });

  it('is waiting while a poll is unanswered and idle when all are answered', () => {
    const k = new Kernel();
    const { port } = spyPort(k, ['sendPoll']);
    const a = start(pollingClient, k, { port, intervalMs: 1000 });
    a.send({ type: 'START' });
    expect(a.getSnapshot().value).toBe('waiting');
    a.send({ type: 'RESPONSE', outstanding: 1 });
    expect(a.getSnapshot().value).toBe('waiting');
    a.send({ type: 'RESPONSE', outstanding: 0 });
    expect(a.getSnapshot().value).toBe('idle');
    k.run(1001 * MS);
    expect(a.getSnapshot().value).toBe('waiting');
  });
});

describe('long-polling client', () => {
  it('sends the next GET at once after each answer or drop', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ['sendLongPoll']);
    const a = start(longPollingClient, k, { port, reconnectDelayMs: 0 });
    a.send({ type: 'START' });
    k.at(500 * MS, 0, () => a.send({ type: 'RESPONSE' }));
    k.at(900 * MS, 0, () => a.send({ type: 'DROPPED' }));
    k.run(2000 * MS);
    expect(log).toEqual(['sendLongPoll@0', 'sendLongPoll@500', 'sendLongPoll@900']);
  });

  it('pauses longPolling.reconnectDelayMs before the next GET when set', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ['sendLongPoll']);
    const a = start(longPollingClient, k, { port, reconnectDelayMs: 250 });
    a.send({ type: 'START' });
    k.at(500 * MS, 0, () => a.send({ type: 'RESPONSE' }));
    k.run(600 * MS);
    expect(a.getSnapshot().value).toBe('pausing');
    k.run(2000 * MS);
    expect(log).toEqual(['sendLongPoll@0', 'sendLongPoll@750']);
  });
});

describe.each([
  ['sse', sseClient],
  ['websocket', websocketClient],
  ['streaming', streamingClient],
] as const)('%s client (persistent connection)', (_name, machine) => {
  it('connects, opens, and after a drop reconnects after its delay', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ['connect']);
    const a = start(machine, k, { port, reconnectDelayMs: 3000 });
    a.send({ type: 'START' });
    expect(a.getSnapshot().value).toBe('connecting');
    k.at(100 * MS, 0, () => a.send({ type: 'OPENED' }));
    k.at(10_000 * MS, 0, () => a.send({ type: 'DROPPED' }));
    k.run(12_000 * MS);
    expect(a.getSnapshot().value).toBe('reconnecting');
    k.run(13_001 * MS);
    expect(a.getSnapshot().value).toBe('connecting');
    expect(log).toEqual(['connect@0', 'connect@13000']);
  });
});

describe('server session', () => {
  const ACTIONS = ['respond', 'respondEmpty', 'subscribe', 'unsubscribe', 'openStream', 'push', 'sendPing', 'upstream'];

  it('answers a short poll at once and stays idle', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ACTIONS);
    const a = start(serverMachine, k, { port, longPollTimeoutMs: 30000, pingIntervalMs: 0 });
    a.send({ type: 'POLL' });
    expect(log).toEqual(['respond@0']);
    expect(a.getSnapshot().value).toBe('idle');
  });

  it('holds a long poll until an update, or answers empty after the timeout', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ACTIONS);
    const a = start(serverMachine, k, { port, longPollTimeoutMs: 30000, pingIntervalMs: 0 });
    a.send({ type: 'LONG_POLL', queued: 0 });
    expect(a.getSnapshot().value).toBe('holding');
    k.at(400 * MS, 0, () => a.send({ type: 'UPDATE' }));
    k.at(1000 * MS, 0, () => a.send({ type: 'LONG_POLL', queued: 0 }));
    k.run(40_000 * MS);
    expect(log).toEqual(['subscribe@0', 'unsubscribe@400', 'respond@400', 'subscribe@1000', 'unsubscribe@31000', 'respondEmpty@31000']);
  });

  it('answers a long poll at once when updates are already queued', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ACTIONS);
    const a = start(serverMachine, k, { port, longPollTimeoutMs: 30000, pingIntervalMs: 0 });
    a.send({ type: 'LONG_POLL', queued: 2 });
    expect(log).toEqual(['respond@0']);
    expect(a.getSnapshot().value).toBe('idle');
  });

  it('streams: opens, pushes each update, pings at its interval, stops on close', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ACTIONS);
    const a = start(serverMachine, k, { port, longPollTimeoutMs: 30000, pingIntervalMs: 1000 });
    a.send({ type: 'OPEN_STREAM' });
    k.at(1500 * MS, 0, () => a.send({ type: 'UPDATE' }));
    k.at(2500 * MS, 0, () => a.send({ type: 'CLOSED' }));
    k.run(10_000 * MS);
    expect(log).toEqual(['openStream@0', 'subscribe@0', 'sendPing@1000', 'push@1500', 'sendPing@2000', 'unsubscribe@2500']);
    expect(a.getSnapshot().value).toBe('idle');
  });

  it('hands upstream messages to the port in any state', () => {
    const k = new Kernel();
    const { port, log } = spyPort(k, ACTIONS);
    const a = start(serverMachine, k, { port, longPollTimeoutMs: 30000, pingIntervalMs: 0 });
    a.send({ type: 'UPSTREAM' });
    a.send({ type: 'OPEN_STREAM' });
    a.send({ type: 'UPSTREAM' });
    expect(log.filter((l) => l.startsWith('upstream'))).toHaveLength(2);
  });
});

describe('connection', () => {
  it('opening -> open -> closed, or dropped by a fault', () => {
    const a = createActor(connectionMachine);
    a.start();
    expect(a.getSnapshot().value).toBe('opening');
    a.send({ type: 'ESTABLISHED' });
    expect(a.getSnapshot().value).toBe('open');
    a.send({ type: 'DROP' });
    expect(a.getSnapshot().value).toBe('dropped');
    expect(a.getSnapshot().status).toBe('done');
  });
});
