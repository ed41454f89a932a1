// Property-based tests over random small scenarios (issue 2 §7): same seed
// gives identical results; conservation of messages; time never goes back; a
// connection delivers in order; every byte total equals the sum of its parts;
// series sum to their totals. fast-check shrinks a failure to a small case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasChurn, population, simulate, type TechniqueResult, type TracePacket } from '../../src/sim';
import { TCP_IP, scenario, segments, sum } from '../techniques/helpers';
import { caseArb, type Case } from './arbitrary';

// PROP_RUNS=500 npx vitest run tests/properties for a deeper search.
const RUNS = Number(process.env.PROP_RUNS ?? 30);
const TIMEOUT = 20000 + RUNS * 300;

/** Run a case with every client traced (at most 5). */
/** Every client traced (arrivals too, churn.*), so that the trace holds everything the counters count. */
function runCase(c: Case): TechniqueResult {
  const s = scenario(c.partial);
  return simulate(s, [c.id], { traceClients: population(s).total }).results[c.id]!;
}

const byKey = <T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};


interface Write {
  dir: 'up' | 'down';
  kind: TracePacket['kind'];
  bytes: number;
  wire: number;
  retransmitted: boolean;
}

/**
 * The trace's packets as TCP writes: a buffering intermediary
 * (proxy.buffering) forwards the packets it held in one write, traced with
 * the write's wire bytes on its last packet and 0 on the others; what it
 * still holds at the end (or when the client closed the connection) has not
 * reached the wire. Every other packet is a write of its own.
 */
function writesOf(ps: readonly TracePacket[]): Write[] {
  const held = new Map<string, number>();
  const out: Write[] = [];
  for (const p of ps) {
    // Held per response: on HTTP/2 the intermediary holds one stream while the others pass.
    const key = `${p.client}/${p.conn}/${p.stream}`;
    const bytes = p.header + p.framing + p.payload;
    if (p.dir === 'down' && p.kind !== 'tcp' && p.wire === 0) {
      held.set(key, (held.get(key) ?? 0) + bytes);
      continue;
    }
    // Held bytes go out with the next data write of their response; a client that closes first (churn.*) never gets them.
    const flush = p.dir === 'down' && p.kind !== 'tcp';
    const before = flush ? (held.get(key) ?? 0) : 0;
    if (flush) held.delete(key);
    out.push({ dir: p.dir, kind: p.kind, bytes: bytes + before, wire: p.wire, retransmitted: p.retransmitted });
  }
  return out;
}
describe('properties over random scenarios', () => {
  it('same seed ⇒ identical JSON (results and trace)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = JSON.stringify(runCase(c));
        const b = JSON.stringify(runCase(c));
        expect(a).toBe(b);
      }),
      { numRuns: Math.ceil(RUNS * 0.8) },
    );
  }, TIMEOUT);

  it('conservation: generated = delivered + pending; pending = queued + in flight; the same upstream', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = runCase(c);
        const s = scenario(c.partial);
        expect(r.messagesGenerated).toBe(r.messagesDelivered + r.messagesPending);
        expect(r.pending.queued + r.pending.inFlight).toBe(r.messagesPending);
        expect(r.pending.queued).toBeGreaterThanOrEqual(0);
        expect(r.pending.inFlight).toBeGreaterThanOrEqual(0);
        // Every update is for every client (SPEC §4), while it is there (churn.*: then at most that).
        if (hasChurn(s)) expect(r.messagesGenerated).toBeLessThanOrEqual(population(s).total * r.trace!.updatesMs.length);
        else expect(r.messagesGenerated).toBe(s.clients * r.trace!.updatesMs.length);
        expect(r.upstream.generated).toBe(r.upstream.delivered + r.upstream.pending);
        // Latency samples: one per delivered update / upstream message.
        expect(r.latencyMs.count).toBe(r.messagesDelivered);
        expect(r.upstreamLatencyMs.count).toBe(r.upstream.delivered);
        expect(sum(r.latencyHistogram.counts)).toBe(r.messagesDelivered);
        if (!r.trace!.truncated) {
          // Updates in packets that arrived before the end = delivered; the rest are in flight.
          const down = r.trace!.packets.filter((p) => p.dir === 'down');
          const arrived = sum(down.filter((p) => p.arriveMs !== null && p.arriveMs < s.durationMs).map((p) => p.messages.length));
          const flying = sum(down.filter((p) => p.arriveMs === null || p.arriveMs >= s.durationMs).map((p) => p.messages.length));
          if (s.client.processingMs > 0) {
            // The page sees an update after its handling (client.processingMs): some that arrived are still in flight,
            // and every latency is at least the packet's (tests/validation/handling.test.ts checks the draws).
            expect(arrived).toBeGreaterThanOrEqual(r.messagesDelivered);
            expect(flying + arrived - r.messagesDelivered).toBe(r.pending.inFlight);
            if (r.latencyMs.count > 0) expect(r.latencyMs.max!).toBeGreaterThanOrEqual(s.network.latencyMs + s.client.processingMs / 2 - 1e-3);
          } else {
            expect(arrived).toBe(r.messagesDelivered);
            expect(flying).toBe(r.pending.inFlight);
            // Latency statistics recomputed from the trace: update generated ->
            // packet's last byte received; nearest-rank percentiles (the p-th is
            // the smallest sample with at least p% of samples at or below it).
            const lat = down
              .filter((p) => p.arriveMs !== null && p.arriveMs < s.durationMs)
              .flatMap((p) => p.messages.map((id) => p.arriveMs! - r.trace!.updatesMs[id - 1]))
              .sort((a, b) => a - b);
            const rank = (q: number) => lat[Math.max(0, Math.ceil((q / 100) * lat.length) - 1)];
            if (lat.length === 0) expect(r.latencyMs.mean).toBeNull();
            else {
              // The mean is reported rounded to the µs: within 0.5 µs.
              expect(Math.abs(r.latencyMs.mean! - sum(lat) / lat.length)).toBeLessThanOrEqual(0.0005 + 1e-9);
              expect(r.latencyMs.p50!).toBeCloseTo(rank(50), 3);
              expect(r.latencyMs.p95!).toBeCloseTo(rank(95), 3);
              expect(r.latencyMs.p99!).toBeCloseTo(rank(99), 3);
              expect(r.latencyMs.max!).toBeCloseTo(lat[lat.length - 1], 3);
              expect(lat[0]).toBeGreaterThanOrEqual(s.network.latencyMs - 1e-9);
            }
          }
          // The server sends each update to each client once, in generation
          // order (ids 1..k, no gap, no duplicate; a client that arrived
          // later, churn.*, from the first made after it came). Arrival order
          // may differ across connections (polling's parallel polls under loss).
          for (const [client, ps] of byKey(down, (p) => p.client)) {
            const ids = ps.flatMap((p) => p.messages);
            const first = client < s.clients ? 1 : (ids[0] ?? 1);
            expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + first));
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('time never goes back: arrival ≥ send + latency; states in non-decreasing time per client and machine', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = runCase(c);
        const s = scenario(c.partial);
        for (const p of r.trace!.packets) {
          expect(p.sendMs).toBeGreaterThanOrEqual(0);
          expect(p.sendMs).toBeLessThan(s.durationMs);
          if (p.arriveMs !== null) expect(p.arriveMs).toBeGreaterThanOrEqual(p.sendMs + s.network.latencyMs - 1e-9);
        }
        for (let i = 1; i < r.trace!.packets.length; i++) expect(r.trace!.packets[i].sendMs).toBeGreaterThanOrEqual(r.trace!.packets[i - 1].sendMs);
        for (const states of byKey(r.trace!.states, (x) => `${x.client}/${x.machine}/${x.conn}`).values()) {
          for (let i = 1; i < states.length; i++) expect(states[i].tMs).toBeGreaterThanOrEqual(states[i - 1].tMs);
          for (const x of states) expect(x.tMs).toBeLessThan(s.durationMs);
        }
        const u = r.trace!.updatesMs;
        for (let i = 1; i < u.length; i++) expect(u[i]).toBeGreaterThanOrEqual(u[i - 1]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('a connection delivers in order: per (client, connection, stream, direction), arrivals follow send order', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = runCase(c);
        // Per stream: on HTTP/2 a buffering intermediary holds one stream's body while later packets of other streams pass it.
        for (const ps of byKey(r.trace!.packets, (p) => `${p.client}/${p.conn}/${p.stream}/${p.dir}`).values()) {
          const arrived = ps.filter((p) => p.arriveMs !== null);
          for (let i = 1; i < arrived.length; i++) expect(arrived[i].arriveMs!).toBeGreaterThanOrEqual(arrived[i - 1].arriveMs!);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('bytes: total = header + framing + payload; the trace adds up to the totals; wire = packets + ACKs + handshake ACKs + FINs', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = runCase(c);
        const s = scenario(c.partial);
        for (const d of ['up', 'down'] as const) {
          const b = r.bytes[d];
          expect(b.total).toBe(b.header + b.framing + b.payload);
          // Less only by what a buffering intermediary still holds at the end (sent by the server, not yet on the wire).
          if (s.proxy.buffering === 0 || d === 'up') expect(r.bytes.wire[d]).toBeGreaterThanOrEqual(b.total);
        }
        if (r.trace!.truncated) return;
        const ps = r.trace!.packets;
        const stillHeld = sum(ps.filter((p) => p.dir === 'down' && p.kind !== 'tcp' && p.wire === 0 && p.arriveMs === null).map((p) => p.header + p.framing + p.payload));
        expect(r.bytes.wire.down).toBeGreaterThanOrEqual(r.bytes.down.total - stillHeld);
        for (const d of ['up', 'down'] as const) {
          const mine = ps.filter((p) => p.dir === d);
          expect(sum(mine.map((p) => p.header))).toBe(r.bytes[d].header);
          expect(sum(mine.map((p) => p.framing))).toBe(r.bytes[d].framing);
          expect(sum(mine.map((p) => p.payload))).toBe(r.bytes[d].payload);
        }
        // Wire, by the model's accounting (SPEC §2, src/sim/net/tcp.ts): every
        // segment of a write with its 40-byte header (retransmissions included,
        // as in the packet's `wire`); one pure ACK back per two segments of each
        // write (at least one); the handshake's third segment (ACK) when the
        // SYN-ACK arrives; a FIN to the client for each connection the server cut
        // (a refused one's RST is a traced packet).
        const ws = writesOf(ps);
        const acks = (w: Write) => (w.kind === 'tcp' ? 0 : Math.ceil(segments(w.bytes) / 2) * TCP_IP);
        // (Not after the client left, churn.meanSessionMs: its tab is closed, nothing answers.)
        const pop = population(s);
        const established = ps.filter((p) => p.label === 'SYN-ACK' && p.arriveMs !== null && p.arriveMs < s.durationMs && p.arriveMs * 1000 < pop.leaveUs(p.client)).length;
        // A connection the client closed (a WebSocket handshake given up) shows its FIN; the client's last ACK follows the server's FIN-ACK.
        const closes = ps.filter((p) => p.label === 'FIN' && p.dir === 'up').length;
        const lastAcks = ps.filter((p) => p.label === 'FIN-ACK' && p.arriveMs !== null && p.arriveMs < s.durationMs).length;
        // A connection the server refused (down after a restart) got its RST, traced as a packet with its wire bytes.
        const refused = ps.filter((p) => p.label === 'RST').length;
        const cuts = r.connectionsOpened - r.series.openConnections.at(-1)! - closes - refused;
        const up = sum(ws.filter((w) => w.dir === 'up').map((w) => w.wire)) + sum(ws.filter((w) => w.dir === 'down').map(acks)) + TCP_IP * (established + lastAcks);
        const down = sum(ws.filter((w) => w.dir === 'down').map((w) => w.wire)) + sum(ws.filter((w) => w.dir === 'up').map(acks)) + TCP_IP * cuts;
        // With TLS a write's segments come from its records too (and a handshake flight has no HTTP bytes):
        // that accounting is worked out exactly in tests/validation/tls.test.ts; here wire is only bounded below.
        if (s.tls.version === 'none') {
          expect(r.bytes.wire.up).toBe(up);
          expect(r.bytes.wire.down).toBe(down);
        } else {
          expect(r.bytes.wire.up).toBeGreaterThanOrEqual(up);
          expect(r.bytes.wire.down).toBeGreaterThanOrEqual(down);
        }
        // A write's wire = (its bytes + 40 per segment) · (1 + retransmissions of each): at least the first.
        for (const w of ws) {
          const first = w.bytes + TCP_IP * segments(w.bytes);
          expect(w.wire).toBeGreaterThanOrEqual(first);
          // (TLS's records add bytes of their own to every write.)
          if (s.tls.version !== 'none') continue;
          expect(w.wire > first).toBe(w.retransmitted);
          if (s.network.lossRate === 0) expect(w.wire).toBe(first);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('series sum to their totals; requests and connections agree with the trace', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = runCase(c);
        const s = scenario(c.partial);
        const se = r.series;
        expect(sum(se.bytesUp)).toBe(r.bytes.up.total);
        expect(sum(se.bytesDown)).toBe(r.bytes.down.total);
        for (const d of ['up', 'down'] as const) {
          for (const cls of ['header', 'framing', 'payload'] as const) expect(sum(se.bytesByClass[d][cls])).toBe(r.bytes[d][cls]);
        }
        expect(sum(se.messagesDelivered)).toBe(r.messagesDelivered);
        expect(sum(se.requests)).toBe(r.requests);
        expect(se.tMs.length).toBe(se.bytesUp.length);
        expect(se.tMs[0]).toBe(0);
        expect(se.tMs.length * se.binMs).toBeGreaterThanOrEqual(s.durationMs);
        expect((se.tMs.length - 1) * se.binMs).toBeLessThan(s.durationMs);
        expect(Math.max(...se.openConnections)).toBeLessThanOrEqual(r.maxOpenConnections);
        expect(Math.min(...se.openConnections)).toBeGreaterThanOrEqual(0);
        if (r.trace!.truncated) return;
        const ps = r.trace!.packets;
        const reqs = ps.filter((p) => p.dir === 'up' && (p.kind === 'request' || p.kind === 'handshake'));
        expect(r.requests).toBe(reqs.length);
        expect(r.connectionsOpened).toBe(ps.filter((p) => p.label === 'SYN').length);
        const answers = ps.filter((p) => p.dir === 'down' && (p.kind === 'response' || p.kind === 'handshake'));
        expect(r.responses).toBe(answers.length);
        expect(r.emptyResponses).toBe(answers.filter((p) => p.kind === 'response' && p.label.includes('(empty)')).length);
        // HTTP/1.1: at most 6 connections per client (WebSocket's is outside the pool: +1).
        expect(r.maxOpenConnections).toBeLessThanOrEqual(population(s).total * (c.id === 'websocket' ? 7 : 6));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
