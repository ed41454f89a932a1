// `npx tsx bench/engine.bench.ts`: µs per machine event, xstate 5.33's
// interpreter against the fast engine (src/sim/machines/engine.ts), on the
// project's own machines. A benchmark, not a test: it prints, it never fails.
//
//   A. interpreter only: 10,000 polling clients and 10,000 server sessions,
//      1,000,000 events sent in the cycle TICK -> POLL -> RESPONSE (what one
//      poll costs), no-op ports, a clock that arms nothing;
//   B. kernel-driven: the same actors on the real kernel (kernelClock), each
//      client's tick a kernel event, its sendPoll sending POLL to its server,
//      whose respond sends RESPONSE back (re-entrant, queued by the actor);
//      run until 1,000,000 machine events. Includes the kernel's own cost.
//
// Each figure is the median of several trials, actors created fresh each
// time (creation not timed).

import { createActor, type EventObject } from 'xstate';
import { Kernel } from '../src/sim/kernel/kernel';
import { kernelClock, type TargetClock } from '../src/sim/kernel/clock';
import { createFastActor } from '../src/sim/machines/engine';
import { pollingClient } from '../src/sim/techniques/polling/machine';
import { serverMachine, type ServerPort } from '../src/sim/machines/server';

const CLIENTS = 10_000;
const EVENTS = 1_000_000;
const TRIALS = 3;

type Engine = 'xstate' | 'fast';
interface Sendable {
  start(): unknown;
  send(e: EventObject): void;
  stop(): unknown;
}

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function make(engine: Engine, machine: unknown, clock: TargetClock, input: unknown): Sendable {
  return (engine === 'xstate'
    ? createActor(machine as typeof pollingClient, { clock, input: input as never })
    : createFastActor(machine as typeof pollingClient, { clock, input })) as unknown as Sendable;
}

const nullPort: ServerPort = {
  respond() {},
  respondEmpty() {},
  subscribe() {},
  unsubscribe() {},
  openStream() {},
  push() {},
  sendPing() {},
  upstream() {},
};

/** A: interpreter only. Returns µs per event. */
function direct(engine: Engine): number {
  let handles = 0;
  const clock: TargetClock = { setTimeout: () => ++handles, clearTimeout: () => {}, post: () => ++handles };
  const clients: Sendable[] = [];
  const servers: Sendable[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    clients.push(make(engine, pollingClient, clock, { port: { sendPoll() {} }, intervalMs: 1000 }).start() as Sendable);
    servers.push(make(engine, serverMachine, clock, { port: nullPort, longPollTimeoutMs: 30_000, pingIntervalMs: 0 }).start() as Sendable);
  }
  for (const c of clients) c.send({ type: 'START' });
  const tick = { type: 'TICK' };
  const poll = { type: 'POLL' };
  const response = { type: 'RESPONSE', outstanding: 0 };
  const t0 = now();
  for (let n = 0; n < EVENTS; ) {
    for (let i = 0; i < CLIENTS && n < EVENTS; i++) {
      // TICK sends a poll (to waiting), the server answers POLL, RESPONSE with none outstanding goes idle.
      clients[i].send(tick);
      servers[i].send(poll);
      clients[i].send(response);
      n += 3;
    }
  }
  const us = ((now() - t0) * 1000) / EVENTS;
  for (const a of [...clients, ...servers]) a.stop();
  return us;
}

/** B: kernel-driven. Returns µs per event, kernel included. */
function viaKernel(engine: Engine): number {
  const kernel = new Kernel();
  const clock = kernelClock(kernel);
  let events = 0;
  const clients: Sendable[] = [];
  const servers: Sendable[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const response = { type: 'RESPONSE', outstanding: 0 };
    const port: ServerPort = {
      ...nullPort,
      respond() {
        events++;
        clients[i].send(response);
      },
    };
    servers.push(make(engine, serverMachine, clock, { port, longPollTimeoutMs: 30_000, pingIntervalMs: 0 }).start() as Sendable);
    const poll = { type: 'POLL' };
    clients.push(
      make(engine, pollingClient, clock, {
        port: {
          sendPoll() {
            events += 2; // this TICK (or START), and the POLL below
            servers[i].send(poll);
          },
        },
        intervalMs: 1000,
      }).start() as Sendable,
    );
  }
  // Spread the clients' starts over the first second, as a run does.
  for (let i = 0; i < CLIENTS; i++) kernel.at(Math.floor((i * 1_000_000) / CLIENTS), 1, () => clients[i].send({ type: 'START' }));
  const t0 = now();
  let until = 0;
  while (events < EVENTS) kernel.run((until += 100_000));
  const us = ((now() - t0) * 1000) / events;
  for (const a of [...clients, ...servers]) a.stop();
  return us;
}

function report(name: string, fn: (e: Engine) => number): void {
  const res: Record<Engine, number[]> = { xstate: [], fast: [] };
  for (let t = 0; t < TRIALS; t++) {
    for (const e of ['xstate', 'fast'] as const) res[e].push(fn(e));
  }
  const x = median(res.xstate);
  const f = median(res.fast);
  console.log(`${name}`);
  console.log(`  xstate: ${fmt(x)} µs/event   (trials ${res.xstate.map((v) => fmt(v)).join(', ')})`);
  console.log(`  fast:   ${fmt(f)} µs/event   (trials ${res.fast.map((v) => fmt(v)).join(', ')})`);
  console.log(`  xstate / fast = ${fmt(x / f, 1)}x`);
}

console.log(`${CLIENTS.toLocaleString('en-US')} polling clients + ${CLIENTS.toLocaleString('en-US')} server sessions, ${EVENTS.toLocaleString('en-US')} events, median of ${TRIALS} (Node ${process.version})`);
report('A. interpreter only (TICK, POLL, RESPONSE sent directly; no-op ports, clock arms nothing)', direct);
report('B. kernel-driven (ticks are kernel events; sendPoll -> POLL -> respond -> RESPONSE), kernel included', viaKernel);
