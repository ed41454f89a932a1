// What the intermediary on the path (scenario `proxy.*`) shows in a lane:
// which limits it has, and, at the playhead, how long the connection it
// watches has been quiet against its idle timeout. Pure: computed from the
// trace as the simulator's proxy sees it (src/sim/run/connection.ts): a
// byte from the server when it is sent, a byte from the client when it
// arrives. The watched connection is the one of the client's latest packet.
import type { TracePacket } from '../sim';
import type { ProxyLimits } from './proxy-limits';
import { countAtOrBelow, stateAt, type TraceIndex } from './trace-index';

/** When the proxy sees a packet. */
const seenAt = (p: TracePacket) => (p.dir === 'down' ? p.sendMs : p.arriveMs);

interface Seen {
  /** Per client, the times the proxy saw a byte, sorted, and the connection each was on. */
  times: Float64Array[];
  conns: Int32Array[];
}

const cache = new WeakMap<TraceIndex, Seen>();

function seenOf(index: TraceIndex): Seen {
  let s = cache.get(index);
  if (s) return s;
  const per: { t: number; conn: number }[][] = Array.from({ length: index.clients }, () => []);
  for (const p of index.packets) {
    const t = seenAt(p);
    if (t !== null && p.client < index.clients) per[p.client].push({ t, conn: p.conn });
  }
  for (const list of per) list.sort((a, b) => a.t - b.t);
  s = { times: per.map((l) => Float64Array.from(l, (e) => e.t)), conns: per.map((l) => Int32Array.from(l, (e) => e.conn)) };
  cache.set(index, s);
  return s;
}

/**
 * How long the connection of `client`'s latest packet seen by the proxy has
 * been quiet at `playheadMs`: since the last byte the proxy saw on it. Null
 * before the proxy has seen anything of that client.
 */
export function quietAt(index: TraceIndex, client: number, playheadMs: number): { conn: number; quietMs: number } | null {
  const s = seenOf(index);
  const times = s.times[client];
  if (!times) return null;
  const i = countAtOrBelow(times, playheadMs) - 1;
  if (i < 0) return null;
  return { conn: s.conns[client][i], quietMs: playheadMs - times[i] };
}

/** The proxy box's title: with an idle timeout its timer counts the quiet time. */
export const proxyTitle = (limits: ProxyLimits) => (limits.idleMs > 0 ? 'proxy · quiet' : 'proxy');

/** The proxy box's second line: its idle timer at the playhead (quiet so far / the timeout), or its other limit. */
export function proxyText(limits: ProxyLimits, quiet: { quietMs: number } | null): string {
  const sec = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
  if (limits.idleMs > 0) return `${sec(quiet ? Math.min(quiet.quietMs, limits.idleMs) : 0)} / ${sec(limits.idleMs)}`;
  if (limits.firstByteMs > 0) return `answer within ${sec(limits.firstByteMs)}`;
  if (limits.lifetimeMs > 0) return `cuts at ${sec(limits.lifetimeMs)} old`;
  if (limits.refusesWebSocket) return 'no WebSocket';
  return `buffers ${limits.bufferBytes >= 1024 ? `${Math.round(limits.bufferBytes / 1024)} KB` : `${limits.bufferBytes} B`}`;
}

/**
 * The client's connection lies cut at the playhead (by the intermediary, or
 * a fault): from when the client hears of the cut (the trace records it one
 * latency after) until it opens its next connection.
 */
export function cutNow(index: TraceIndex, client: number, playheadMs: number): boolean {
  return stateAt(index, client, 'connection', playheadMs)?.state === 'dropped';
}

/**
 * When the intermediary cut `client`'s connections: each drop the trace
 * records, one latency earlier (the client hears of a cut one latency after
 * it, src/sim/run/connection.ts), for the proxy's axis in the sequence diagram.
 */
export function cutTimes(index: TraceIndex, client: number, latencyMs: number): number[] {
  return (index.states.get(`${client}/connection`) ?? []).filter((st) => st.state === 'dropped').map((st) => st.tMs - latencyMs);
}
