// The scoreboard above the Compare lanes: who wins this run and why. One row
// per technique with the figures a student compares (requests, bytes per
// update, empty answers, open connections, mean and p95 latency), the best
// of each column marked, a one-line "because ..." built from the run's own
// numbers, and a note whenever the run goes against the textbook ordering,
// saying why. Pure: tested on its own (tests/ui/scoreboard/score.test.ts).

import type { RunOutput, Scenario, TechniqueId, TechniqueResult } from '../../sim';
import { TECHNIQUE_NAME } from '../../viz/kinds';

export type ColumnId = 'requests' | 'bytesPerUpdate' | 'empty' | 'connections' | 'latencyMean' | 'latencyP95' | 'energy';

export interface Column {
  id: ColumnId;
  label: string;
  /** What the column counts, for a tooltip and screen readers. */
  title: string;
}

export const COLUMNS: readonly Column[] = [
  { id: 'requests', label: 'requests', title: 'HTTP requests sent by the clients (polls, long polls, the opening GET or upgrade, upstream POSTs)' },
  { id: 'bytesPerUpdate', label: 'bytes/update', title: 'application bytes both ways (headers, framing, payload) per update delivered' },
  { id: 'empty', label: 'empty', title: 'answers that carried no update' },
  { id: 'connections', label: 'connections', title: 'most TCP connections open at once, all clients' },
  { id: 'latencyMean', label: 'latency', title: 'mean time from the update at the server to its arrival at the client' },
  { id: 'latencyP95', label: 'p95', title: '95th percentile of the time from the update at the server to its arrival at the client' },
];

/** With a phone's radio in the scenario, its energy too. */
const ENERGY: Column = { id: 'energy', label: 'radio J/h', title: "energy of one client's radio per hour, in joules (a phone's battery holds about 55,000 J: 15 Wh)" };

export const columnsFor = (s: Scenario): readonly Column[] => (s.network.radio === 'none' ? COLUMNS : [...COLUMNS, ENERGY]);

/** A value as the scoreboard shows it: latencies to 0.1 ms below 10 ms, else to 1 ms; counts and bytes whole. */
export function shown(c: ColumnId, v: number | null): number | null {
  if (v === null) return null;
  if ((c === 'latencyMean' || c === 'latencyP95') && v < 10) return Math.round(v * 10) / 10;
  return Math.round(v);
}

export function formatValue(c: ColumnId, v: number | null): string {
  const x = shown(c, v);
  if (x === null) return '–';
  if (c === 'latencyMean' || c === 'latencyP95') return `${x.toLocaleString('en-US')} ms`;
  if (c === 'bytesPerUpdate') return `${x.toLocaleString('en-US')} B`;
  if (c === 'energy') return `${x.toLocaleString('en-US')} J`;
  return x.toLocaleString('en-US');
}

export interface Row {
  id: TechniqueId;
  name: string;
  values: Record<ColumnId, number | null>;
  /** Columns where this row has the best (lowest) value of the run. */
  best: Set<ColumnId>;
  because: string;
}

export interface Scoreboard {
  columns: readonly Column[];
  rows: Row[];
  /** Where the run goes against the textbook ordering (./score-notes.ts says each, with the reason). */
  notes: NoteId[];
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s.toLocaleString('en-US', { maximumFractionDigits: s < 10 ? 2 : 1 })} s`;
}

function bytesPerUpdate(r: TechniqueResult): number | null {
  return r.messagesDelivered > 0 ? (r.bytes.up.total + r.bytes.down.total) / r.messagesDelivered : null;
}

function valuesOf(r: TechniqueResult): Record<ColumnId, number | null> {
  return {
    requests: r.requests,
    bytesPerUpdate: bytesPerUpdate(r),
    empty: r.emptyResponses,
    connections: r.maxOpenConnections,
    latencyMean: r.latencyMs.mean,
    latencyP95: r.latencyMs.p95,
    energy: r.energy?.joulesPerHour ?? null,
  };
}

/** Framing bytes one update costs downstream, on average. */
function framingPerUpdate(r: TechniqueResult): number {
  return r.messagesDelivered > 0 ? r.bytes.down.framing / r.messagesDelivered : 0;
}

/** Why this row looks the way it does, in one short line (at most ~60 characters) from its own numbers. */
function because(id: TechniqueId, r: TechniqueResult, s: Scenario): string {
  const updates = (n: number) => `${int(n)} update${n === 1 ? '' : 's'}`;
  // A push technique's one opening request per client (arrivals included), unless its connection was cut
  // (faults, an intermediary) and reopened; the page's upstream POSTs are requests too (none on a WebSocket).
  const clients = r.population ? r.population.initial + r.population.arrived : s.clients;
  const reopens = r.requests - clients - (id === 'websocket' ? 0 : r.upstream.generated);
  const stays = (what: string) => (reopens > 0 ? `reopened ${int(reopens)}× after cuts` : `${what} stays open`);
  // Nothing arrived (a buffering proxy that never filled, a run shorter than the way there): say so, not "0 B per event".
  if (r.messagesDelivered === 0 && r.messagesGenerated > 0 && s.proxy.websocket === 'passes')
    return `none of its ${updates(r.messagesGenerated)} arrived${s.proxy.buffering > 0 ? ": the proxy's buffer held them" : ''}`;
  switch (id) {
    case 'polling':
      return `it asks every ${seconds(s.polling.intervalMs)}, news or not: ${int(r.emptyResponses)} of ${int(r.responses)} answers empty`;
    case 'long-polling':
      return `it asks again after each update: ${int(r.requests)} requests for ${updates(r.messagesDelivered)}`;
    case 'sse':
      return `${stays('one response')}: ${int(framingPerUpdate(r))} B of framing per event`;
    case 'websocket':
      // Behind an intermediary that refuses the Upgrade the page fell back to long polling (src/sim/techniques/websocket/).
      if (s.proxy.websocket === 'refuses' && s.websocket.fallbackMs > 0 && r.requests > 1)
        return `the proxy refused it: long polling after ${seconds(s.websocket.fallbackMs)}, ${int(r.requests - 1)} requests`;
      if (s.proxy.websocket === 'refuses') return 'the proxy refused it: no answer, nothing delivered';
      return `${stays('one connection')}: ${int(framingPerUpdate(r))} B of header per frame`;
    case 'streaming':
      return `${stays('one chunked response')}: ${int(framingPerUpdate(r))} B per chunk`;
  }
}

/** A textbook claim this run contradicts; ./score-notes.ts words it (fetched only when one applies). */
export type NoteId = 'long-polling-asks-more' | 'polling-beats-sse' | 'radio';

/**
 * The textbook's claims that this run contradicts: readers who see long
 * polling cost more than polling must be told why, or they learn the
 * opposite of the lesson. The radio note says how long the phone stays awake.
 */
export function contradictions(out: RunOutput): NoteId[] {
  const { polling: poll, 'long-polling': lp, sse } = out.results;
  const ids: NoteId[] = [];
  if (poll && lp && lp.requests >= poll.requests) ids.push('long-polling-asks-more');
  if (poll && sse && poll.latencyMs.mean !== null && sse.latencyMs.mean !== null && poll.latencyMs.mean < sse.latencyMs.mean) ids.push('polling-beats-sse');
  if (out.scenario.network.radio !== 'none' && Object.values(out.results).some((r) => r?.energy)) ids.push('radio');
  return ids;
}

export function scoreboard(out: RunOutput, order: readonly TechniqueId[]): Scoreboard {
  const rows: Row[] = [];
  for (const id of order) {
    const r = out.results[id];
    if (!r) continue;
    rows.push({ id, name: TECHNIQUE_NAME[id], values: valuesOf(r), best: new Set(), because: because(id, r, out.scenario) });
  }
  // Lowest wins in every column, compared as shown (50.2 and 50.4 ms both read "50 ms": a tie);
  // ties share the mark; a column where all are equal marks nobody.
  const columns = columnsFor(out.scenario);
  for (const c of columns) {
    const vs = rows.map((r) => shown(c.id, r.values[c.id])).filter((v): v is number => v !== null);
    if (vs.length < 2) continue;
    const min = Math.min(...vs);
    if (vs.every((v) => v === min)) continue;
    for (const r of rows) if (shown(c.id, r.values[c.id]) === min) r.best.add(c.id);
  }
  return { columns, rows, notes: contradictions(out) };
}

/** How the crowd changes (churn.*): empty when the same clients stay for the whole run. */
function crowd(s: Scenario): string {
  const { arrivalsPerSecond: rate, meanSessionMs: stay } = s.churn;
  if (rate <= 0 && stay <= 0) return '';
  const parts = [];
  if (rate > 0) parts.push(`${rate.toLocaleString('en-US')} more arriving a second`);
  if (stay > 0) parts.push(`each staying ${seconds(stay)} on average`);
  return ` at the start, ${parts.join(', ')}`;
}

/**
 * The run in one line, above the scoreboard: what the numbers are of. With
 * `made`, the updates this run's feed made: a Poisson feed's count is not
 * its mean (seed 1's default minute makes 21, where 12 are expected).
 */
export function runSummary(s: Scenario, made?: number): string {
  const rate = s.server.updateRateHz;
  const mean = rate >= 1 ? `${rate.toLocaleString('en-US')} updates a second` : `an update every ${seconds(1000 / rate)}`;
  // As short as the line without the count: the projector theme's lanes must still fit under it.
  const apart = rate >= 1 ? `${rate.toLocaleString('en-US')} a second` : `${seconds(1000 / rate)} apart`;
  const feed = rate === 0 ? 'no updates' : made === undefined ? `${mean} on average` : `${int(made)} update${made === 1 ? '' : 's'}, ${apart} on average`;
  const clients = `${int(s.clients)} client${s.clients === 1 ? '' : 's'}${crowd(s)}`;
  return `This run: ${clients}, ${seconds(s.durationMs)}, ${feed}, a poll every ${seconds(s.polling.intervalMs)}, ${s.network.latencyMs.toLocaleString('en-US')} ms one way.`;
}
