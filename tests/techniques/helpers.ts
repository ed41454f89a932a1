// Shared helpers of the technique, validation and property tests: build a
// scenario from a nested partial object and run one technique with a trace.
// Nothing here computes an expected value: expectations live in the tests.

import { KEY_INDEX, resolveScenario, simulate, type Scenario, type TechniqueId, type TechniqueResult, type TracePacket } from '../../src/sim';

/**
 * Media case off unless a test asks for it (it costs nothing, but keeps
 * results small). Heads of one size each way: the head profiles
 * (http.headProfile, issue 10) came after these tests, whose hand-worked
 * expectations take every request head as 400 B and every response head as
 * 300 B (SPEC §3's defaults before the profiles); a test may override them.
 * Heads from the profiles in runs: tests/techniques/heads.test.ts.
 */
export const EXACT_HEADS = { http: { requestHeaderBytes: 400, responseHeaderBytes: 300 } };
/**
 * Cleartext, as the network model was when these tests were worked out by
 * hand: TLS (tls.version, default 1.3 since issue 10) adds its round trips
 * and records; tests/validation/tls.test.ts works those out.
 */
export const CLEARTEXT = { tls: { version: 'none' } };
/**
 * No page handling: client.processingMs defaults to 1 ms since issue 10 (the
 * real-browser check's measured median for an EventSource or WebSocket
 * message), and these tests' hand-worked latencies are the network's alone;
 * tests/validation/handling.test.ts works the handling out.
 */
export const NO_HANDLING = { client: { processingMs: 0 } };
const QUIET = { streaming: { mediaBytes: 0 }, ...EXACT_HEADS, ...CLEARTEXT, ...NO_HANDLING };

/**
 * The TCP congestion window (network.initialCwndSegments, RFC 6928 / RFC 5681
 * slow start) is a later addition to the network model. Tests whose closed
 * form is the bare link model (bytes·8/rate after the link frees) switch it
 * off with this fragment; it is empty when the key does not exist.
 */
export const HAS_CWND = KEY_INDEX.has('network.initialCwndSegments');
export const NO_CWND: Record<string, unknown> = HAS_CWND ? { network: { initialCwndSegments: 0 } } : {};

/** Deep merge of plain objects (scenario fragments). */
export function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      v !== null && typeof v === 'object' && !Array.isArray(v) && prev !== null && typeof prev === 'object'
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export function scenario(partial: Record<string, unknown> = {}): Scenario {
  return resolveScenario(merge(QUIET, partial));
}

/** Run one technique; trace `traceClients` clients (default 1). */
export function run(id: TechniqueId, partial: Record<string, unknown> = {}, traceClients = 1): TechniqueResult {
  return simulate(scenario(partial), [id], { traceClients }).results[id]!;
}

export function packets(r: TechniqueResult): TracePacket[] {
  if (!r.trace) throw new Error('no trace');
  return r.trace.packets;
}

/** Serialization time in µs of `wireBytes` on a link of `kbps` (bytes·8/rate; 1 kbit/s = 1 bit/ms). */
export function serUs(wireBytes: number, kbps: number): number {
  return (wireBytes * 8 * 1000) / kbps;
}

/** Decimal digits of a positive integer. */
export function digits(n: number): number {
  return String(n).length;
}

/** Lowercase hex digits of a chunk size (RFC 9112 §7.1 chunk-size). */
export function hexDigits(n: number): number {
  return n.toString(16).length;
}

export const TCP_IP = 40; // IPv4 20 + TCP 20 bytes, no options (RFC 791, RFC 9293)
export const MSS = 1460; // 1500-byte Ethernet MTU - 40

/** Segments of a message of `bytes` application bytes. */
export function segments(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / MSS));
}

/** Application bytes + one TCP/IP header per segment (no loss). */
export function wireOf(bytes: number): number {
  return bytes + TCP_IP * segments(bytes);
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
