// Runs one technique over a scenario and collects its result; `simulate`
// runs several on the same scenario (the same feed, the same client streams).

import { PRIORITY } from '../kernel/order';
import { fromMs } from '../kernel/time';
import { updateTimes } from '../feed';
import { mediaCase } from '../media';
import type { Scenario } from '../scenario/types';
import { DRIVERS } from '../techniques';
import { TECHNIQUES, type RunOutput, type TechniqueId, type TechniqueResult } from '../types';
import { ClientHost } from './client-host';
import { ServerSession } from './server-session';
import { DEFAULT_TRACE_CLIENTS } from './tracer';
import { World } from './world';
import type { MachineEngine } from './spawn';

export interface RunOptions {
  /** Clients 0..n-1 are traced (packets and states); 0 = no trace. Default 3. */
  traceClients?: number;
  /** Pre-computed feed (the same for every technique of a comparison). */
  feed?: Float64Array;
  /** Machine engine: the fast interpreter (default) or xstate's actors; results are identical. */
  engine?: MachineEngine;
}

export function runTechnique(s: Scenario, id: TechniqueId, opts: RunOptions = {}): TechniqueResult {
  const feed = opts.feed ?? updateTimes(s);
  const traceClients = opts.traceClients ?? DEFAULT_TRACE_CLIENTS;
  const w = new World(s, feed, traceClients, opts.engine);
  // Clients start at random offsets within the first second (the first
  // polling interval for polling) so that they do not all fire at once (SPEC §1).
  const spanUs = fromMs(id === 'polling' ? s.polling.intervalMs : 1000);
  const disconnectUs = fromMs(s.faults.disconnectIntervalMs);
  let queued = 0;
  let upPending = 0;

  // One client after another, each on its own kernel (src/sim/run/world.ts says why).
  for (let c = 0; c < s.clients; c++) {
    w.beginClient();
    const { kernel } = w;
    const host = new ClientHost(w, c);
    const session = new ServerSession(w, c, id);
    const driver = DRIVERS[id](w, host, session);
    const startAt = Math.floor(host.startRng.uniform() * spanUs);
    kernel.at(startAt, PRIORITY.timer, () => driver.actor.send({ type: 'START' }));
    host.startUpstream(() => driver.pumpUpstream());
    if (disconnectUs > 0) {
      // Faults: the client's push connection (held long poll or open stream)
      // is cut at exponential intervals; nothing happens if none is open.
      const next = () => {
        session.cut();
        kernel.at(kernel.now + Math.max(1, Math.round(host.faultRng.exponential(disconnectUs))), PRIORITY.timer, next);
      };
      kernel.at(Math.max(1, Math.round(host.faultRng.exponential(disconnectUs))), PRIORITY.timer, next);
    }
    kernel.run(w.durationUs);
    queued += w.generatedBefore(w.durationUs) - session.sent;
    upPending += host.upstream.length;
  }

  const generated = w.generatedBefore(w.durationUs);
  const result = w.metrics.result(generated * s.clients, queued, upPending, w.events);
  if (traceClients > 0) result.trace = w.tracer.result(Array.from(feed.subarray(0, generated), (t) => t / 1000));
  if (id === 'streaming' && s.streaming.mediaBytes > 0) result.media = mediaCase(s);
  return result;
}

/** Run the given techniques (default all five) on one scenario. */
export function simulate(s: Scenario, techniques: readonly TechniqueId[] = TECHNIQUES, opts: RunOptions = {}): RunOutput {
  const feed = opts.feed ?? updateTimes(s);
  const results: RunOutput['results'] = {};
  for (const id of techniques) results[id] = runTechnique(s, id, { ...opts, feed });
  return { scenario: s, results };
}
