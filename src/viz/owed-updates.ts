// How many updates the run owed its clients up to each update, all clients
// together: an update counts once for every client there when it is made.
// Without churn that is (k + 1) x clients after update k. With churn
// (churn.*) it is the crowd present at each update: a client that arrives is
// owed what is made from its arrival on, one that leaves what was made up to
// its leaving, that microsecond included (the rule of src/sim/run/simulate.ts,
// whose total is the result's messagesGenerated).

import { hasChurn, population, type Scenario } from '../sim';

/** The crowd's comings and goings, sorted (µs): made once per scenario, shared by every lane. */
const crowds = new WeakMap<Scenario, { arrive: Float64Array; leave: Float64Array }>();

function crowdOf(s: Scenario): { arrive: Float64Array; leave: Float64Array } {
  let c = crowds.get(s);
  if (!c) {
    const p = population(s);
    // Arrivals are numbered in time order (src/sim/run/population.ts); stays are not.
    const arrive = new Float64Array(p.total);
    const leave = new Float64Array(p.total);
    for (let i = 0; i < p.total; i++) {
      arrive[i] = p.arriveUs(i);
      leave[i] = p.leaveUs(i);
    }
    crowds.set(s, (c = { arrive, leave: leave.sort() }));
  }
  return c;
}

/** owed[k]: updates owed to all clients by the end of update k (updatesMs sorted, in ms). */
export function owedUpdates(s: Scenario, updatesMs: ArrayLike<number>): Float64Array {
  const n = updatesMs.length;
  const owed = new Float64Array(n);
  if (!hasChurn(s)) {
    for (let k = 0; k < n; k++) owed[k] = (k + 1) * s.clients;
    return owed;
  }
  const { arrive, leave } = crowdOf(s);
  // Present at u: arrived at or before u, less those gone before u (a client leaves after it arrives).
  let a = 0;
  let l = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const u = Math.round(updatesMs[k] * 1000);
    while (a < arrive.length && arrive[a] <= u) a++;
    while (l < leave.length && leave[l] < u) l++;
    sum += a - l;
    owed[k] = sum;
  }
  return owed;
}
