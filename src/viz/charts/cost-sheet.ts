// An engineer's cost sheet (issue 11): what each technique costs one client
// (bandwidth, requests per minute, the radio's energy) and the server
// (requests per second, cores busy, connections, memory, waiting for a
// core), per client and per second rather than the run's totals, with the
// cheapest of each column marked. Pure: tests/ui/charts/cost-sheet.test.ts.

import type { RunOutput, TechniqueId } from '../../sim/types';

export type CostColumnId = 'kbpsDown' | 'kbpsUp' | 'requestsPerMinute' | 'joulesPerHour' | 'serverRps' | 'cores' | 'connections' | 'memory' | 'queueMs';

export interface CostColumn {
  id: CostColumnId;
  label: string;
  /** Whose cost: one client's, or the server's for all clients. */
  side: 'client' | 'server';
  title: string;
}

export interface CostRow {
  id: TechniqueId;
  values: Partial<Record<CostColumnId, number>>;
  cheapest: Set<CostColumnId>;
}

export interface CostSheet {
  columns: CostColumn[];
  rows: CostRow[];
}

const COLUMNS: readonly CostColumn[] = [
  { id: 'kbpsDown', label: 'kbit/s down', side: 'client', title: "one client's mean download, wire bytes (TCP/IP and TLS included)" },
  { id: 'kbpsUp', label: 'kbit/s up', side: 'client', title: "one client's mean upload, wire bytes" },
  { id: 'requestsPerMinute', label: 'requests/min', side: 'client', title: 'HTTP requests one client sends per minute' },
  { id: 'joulesPerHour', label: 'radio J/h', side: 'client', title: "energy of one client's radio per hour (a phone battery holds about 55,000 J)" },
  { id: 'serverRps', label: 'requests/s', side: 'server', title: 'requests the server handles per second, all clients' },
  { id: 'cores', label: 'cores busy', side: 'server', title: "cores' worth of server CPU busy on average, all clients" },
  { id: 'connections', label: 'connections', side: 'server', title: 'most connections open at once at the server' },
  { id: 'memory', label: 'memory', side: 'server', title: 'server memory held by the open connections at their peak' },
  { id: 'queueMs', label: 'wait ms', side: 'server', title: "mean wait for a free core (only with a number of cores)" },
];

export function costSheet(out: RunOutput, order: readonly TechniqueId[]): CostSheet {
  const s = out.scenario;
  const seconds = s.durationMs / 1000;
  const columns = COLUMNS.filter((c) => (c.id === 'joulesPerHour' ? s.network.radio !== 'none' : c.id === 'queueMs' ? s.server.cores > 0 : true));
  const rows: CostRow[] = [];
  for (const id of order) {
    const r = out.results[id];
    if (!r) continue;
    // Per client there on average: with churn (churn.*) the crowd is not `clients`.
    const crowd = r.population ? Math.max(r.population.meanPresent, 1e-9) : s.clients;
    const perClient = (x: number) => x / crowd;
    const values: CostRow['values'] = {
      kbpsDown: perClient((r.bytes.wire.down * 8) / 1000 / seconds),
      kbpsUp: perClient((r.bytes.wire.up * 8) / 1000 / seconds),
      requestsPerMinute: perClient((r.requests / seconds) * 60),
      serverRps: r.server.requestsPerSecond.mean,
      cores: r.server.cpuBusyCores.mean,
      connections: r.server.peakConnections,
      memory: r.server.memoryPeakBytes,
    };
    if (r.energy) values.joulesPerHour = r.energy.joulesPerHour;
    if (s.server.cores > 0) values.queueMs = r.server.queueDelayMs.mean;
    rows.push({ id, values, cheapest: new Set() });
  }
  // Cheapest = lowest, compared as shown (three significant digits); a column where all are equal marks nobody.
  const shown = (v: number) => Number(v.toPrecision(3));
  for (const c of columns) {
    const vs = rows.map((r) => r.values[c.id]).filter((v): v is number => v !== undefined).map(shown);
    if (vs.length < 2) continue;
    const min = Math.min(...vs);
    if (vs.every((v) => v === min)) continue;
    for (const r of rows) if (r.values[c.id] !== undefined && shown(r.values[c.id]!) === min) r.cheapest.add(c.id);
  }
  return { columns, rows };
}
