// Where the server saturates, from a sweep over clients with a number of
// cores (issue 11): below saturation a technique's CPU work grows in
// proportion to its clients, so the count at which it would fill every core
// is the largest swept count still clearly under (busy < 80%) scaled by
// cores / busy. Past that point requests wait longer and longer (Erlang C:
// tests/validation/server.test.ts); the sweep chart marks it.

import type { TechniqueId } from '../../sim/types';
import type { SweepResult } from './sweep';

/** Busy share under which the work is still taken as proportional to the clients (an M/M/c queue's wait is still moderate). */
export const UNDER = 0.8;

export interface Saturation {
  technique: TechniqueId;
  /** Clients at which the cores would be full. */
  clients: number;
  /** Within the swept range, past its end, or already at its first value (then `clients` is only an upper bound). */
  where: 'within' | 'beyond' | 'below';
}

/** Each technique's saturation point, when the sweep is over clients and the server has cores; none otherwise. */
export function saturationPoints(r: Pick<SweepResult, 'param' | 'xs' | 'techniques' | 'all' | 'cores'>): Saturation[] {
  const cores = r.cores ?? 0;
  if (r.param !== 'clients' || cores <= 0) return [];
  const out: Saturation[] = [];
  const last = r.xs[r.xs.length - 1];
  for (const id of r.techniques) {
    const busy = r.all.serverCores[id];
    let at = -1;
    for (let i = 0; i < r.xs.length; i++) {
      const b = busy[i];
      if (b != null && b > 0 && b / cores < UNDER) at = i;
    }
    if (at < 0) {
      // Busy from the first value on (or no work at all: no point to give).
      if (busy.some((b) => b != null && b > 0)) out.push({ technique: id, clients: r.xs[0], where: 'below' });
      continue;
    }
    const clients = (r.xs[at] * cores) / busy[at]!;
    out.push({ technique: id, clients, where: clients > last ? 'beyond' : 'within' });
  }
  return out;
}
