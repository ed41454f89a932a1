// The results as files: CSV (one row per technique, SPEC §4's scalar fields
// with dotted names), JSON shaped like the command line's output, and the
// packet/state trace. Pure functions of a RunOutput.

import { TECHNIQUES, TRACE_PACKET_FIELDS, type RunOutput, type TechniqueId, type TechniqueResult, type TracePacket } from '../../sim';

const STATS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;
const BYTES = ['header', 'framing', 'payload', 'total'] as const;

/** SPEC §4's scalar fields, in its order. */
export const SPEC_COLUMNS: readonly string[] = [
  'requests',
  'responses',
  'emptyResponses',
  'connectionsOpened',
  'maxOpenConnections',
  'messagesGenerated',
  'messagesDelivered',
  'messagesPending',
  ...BYTES.map((b) => `bytes.up.${b}`),
  ...BYTES.map((b) => `bytes.down.${b}`),
  'bytes.wire.up',
  'bytes.wire.down',
  ...STATS.map((s) => `latencyMs.${s}`),
  ...STATS.map((s) => `upstreamLatencyMs.${s}`),
];

/** Scalars this simulator adds beyond SPEC §4 (README, "Command line"). */
export const EXTRA_COLUMNS: readonly string[] = [
  'latencyMs.count',
  'upstreamLatencyMs.count',
  'pending.queued',
  'pending.inFlight',
  'upstream.generated',
  'upstream.delivered',
  'upstream.pending',
  'events',
  // Empty unless the scenario has a phone's radio (network.radio).
  'energy.joulesPerHour',
  'energy.radioWakeupsPerHour',
  'energy.connectedShare',
  'energy.tailShare',
];

export const CSV_COLUMNS: readonly string[] = ['technique', ...SPEC_COLUMNS, ...EXTRA_COLUMNS];

/** The value at a dotted path, or undefined. */
export function pick(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** One CSV cell (RFC 4180): numbers in full precision, null/missing empty, text quoted when needed. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function techniquesOf(out: RunOutput): TechniqueId[] {
  return TECHNIQUES.filter((id) => out.results[id]);
}

/** Header row + one row per technique that ran, CRLF line ends (RFC 4180). */
export function resultsCsv(out: RunOutput): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const id of techniquesOf(out)) {
    const r = out.results[id]!;
    lines.push([id, ...CSV_COLUMNS.slice(1).map((c) => csvCell(pick(r, c)))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A result without its trace (the command line prints traces only with --trace). */
export function withoutTrace(r: TechniqueResult): Omit<TechniqueResult, 'trace'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { trace, ...rest } = r;
  return rest;
}

/** `{scenario, results}` as `npm run sim` prints it (SPEC §5), without traces. */
export function resultsJson(out: RunOutput): string {
  const results: Partial<Record<TechniqueId, Omit<TechniqueResult, 'trace'>>> = {};
  for (const id of techniquesOf(out)) results[id] = withoutTrace(out.results[id]!);
  return `${JSON.stringify({ scenario: out.scenario, results }, null, 2)}\n`;
}

/**
 * A plain copy of a traced packet, field by field in the trace's order.
 * Packet texts are rendered when first read (a getter); one that fails to
 * render must not lose the whole export, so it becomes null with the reason
 * beside it.
 */
function plain(o: TracePacket): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const k of TRACE_PACKET_FIELDS) {
    try {
      copy[k] = o[k];
    } catch (err) {
      copy[k] = null;
      copy[`${k}Error`] = err instanceof Error ? err.message : String(err);
    }
  }
  return copy;
}

/** The traces (first few clients of each technique: packets, machine states, update times) with their scenario. */
export function traceJson(out: RunOutput): string {
  const traces: Partial<Record<TechniqueId, unknown>> = {};
  for (const id of techniquesOf(out)) {
    const t = out.results[id]!.trace;
    if (t) traces[id] = { ...t, packets: t.packets.map(plain) };
  }
  return `${JSON.stringify({ scenario: out.scenario, traces })}\n`;
}
