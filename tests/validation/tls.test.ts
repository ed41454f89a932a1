// TLS on the path (tls.version): closed forms derived here from the link
// model (latency L one way, a bandwidth high enough that serialization is
// under a microsecond per packet, no congestion window) and the handshake's
// round trips: TLS 1.3 needs one after TCP's (RFC 8446 §2), TLS 1.2 two
// (RFC 5246 §7.3), a resumed session one in both (RFC 8446 §2.2, RFC 5077).
// Record sizes: RFC 8446 §5.2 (5-byte header + 1 + 16-byte tag).
import { describe, expect, it } from 'vitest';
import { run, TCP_IP, MSS } from '../techniques/helpers';
import type { TracePacket } from '../../src/sim';

const L = 50;
const FAST = { network: { latencyMs: L, bandwidthKbps: 10_000_000, initialCwndSegments: 0 } };

/** Time from the client's SYN to its first request, and to that request's answer arriving (ms). */
function firstExchange(packets: TracePacket[]): { requestAfter: number; answerAfter: number } {
  const syn = packets.find((p) => p.kind === 'tcp' && p.label === 'SYN')!;
  const req = packets.find((p) => p.kind === 'request')!;
  const answer = packets.find((p) => p.kind === 'response' && p.conn === req.conn)!;
  return { requestAfter: req.sendMs - syn.sendMs, answerAfter: answer.arriveMs! - syn.sendMs };
}

describe('time to the first request', () => {
  for (const [version, rtts] of [['none', 0], ['1.3', 1], ['1.2', 2]] as const) {
    it(`TLS ${version}: the first GET leaves ${1 + rtts} round trip(s) after the SYN, its answer arrives one later`, () => {
      const r = run('polling', { ...FAST, durationMs: 3000, tls: { version } }, 1);
      const { requestAfter, answerAfter } = firstExchange(r.trace!.packets);
      expect(requestAfter).toBeCloseTo(2 * L * (1 + rtts), 1);
      expect(answerAfter).toBeCloseTo(2 * L * (2 + rtts), 1);
    });
  }
});

describe('resumption', () => {
  it('TLS 1.2: a reconnection takes the abbreviated handshake with its ticket (RFC 5077 §3.1), one round trip instead of two, no certificate', () => {
    const r = run('sse', { ...FAST, durationMs: 40_000, server: { updateRateHz: 0 }, proxy: { idleTimeoutMs: 10_000 }, tls: { version: '1.2' } }, 1);
    const ps = r.trace!.packets;
    const syns = ps.filter((p) => p.kind === 'tcp' && p.label === 'SYN');
    const gets = ps.filter((p) => p.kind === 'request');
    expect(syns.length).toBeGreaterThanOrEqual(3);
    expect(gets.length).toBe(syns.length);
    // The first connection: TCP's round trip and TLS 1.2's two; every later one: TCP's and one.
    expect(gets[0].sendMs - syns[0].sendMs).toBeCloseTo(6 * L, 1);
    for (let i = 1; i < syns.length; i++) expect(gets[i].sendMs - syns[i].sendMs).toBeCloseTo(4 * L, 1);
    const serverFlights = ps.filter((p) => p.kind === 'tls' && p.dir === 'down');
    expect(serverFlights[0].label).toMatch(/Certificate/);
    const resumed = serverFlights.filter((p) => p.sendMs > gets[0].sendMs && !/NewSessionTicket/.test(p.label) && p.label.startsWith('ServerHello'));
    expect(resumed.length).toBe(syns.length - 1);
    for (const f of resumed) expect(f.label).not.toMatch(/Certificate/);
  });


  it('a reconnection resumes the session: the server sends no certificate again, in one round trip', () => {
    // A proxy that cuts the quiet stream every 10 s makes EventSource reconnect (after retry).
    const r = run('sse', { ...FAST, durationMs: 40_000, server: { updateRateHz: 0 }, proxy: { idleTimeoutMs: 10_000 }, tls: { version: '1.3' } }, 1);
    const flights = r.trace!.packets.filter((p) => p.kind === 'tls' && p.dir === 'down');
    expect(flights.length).toBeGreaterThanOrEqual(3);
    const [first, ...later] = flights;
    expect(first.label).toMatch(/Certificate/);
    for (const f of later) {
      expect(f.label).not.toMatch(/Certificate/);
      // Two 1,500-byte certificates fewer: the resumed flight is at least 3,000 B lighter on the wire.
      expect(first.wire - f.wire).toBeGreaterThan(3000);
    }
    // Each reconnection: SYN to GET is TCP's round trip plus TLS 1.3's one.
    const syns = r.trace!.packets.filter((p) => p.kind === 'tcp' && p.label === 'SYN');
    const gets = r.trace!.packets.filter((p) => p.kind === 'request');
    expect(gets.length).toBe(syns.length);
    for (let i = 0; i < syns.length; i++) expect(gets[i].sendMs - syns[i].sendMs).toBeCloseTo(4 * L, 1);
  });
});

describe('bytes', () => {
  it('every SSE event after the first write costs one record: its bytes + 22, in segments of 1,460 with 40 B of TCP/IP each', () => {
    const r = run('sse', { ...FAST, durationMs: 60_000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 3000 }, tls: { version: '1.3' } }, 1);
    const down = r.trace!.packets.filter((p) => p.dir === 'down' && p.kind !== 'tcp' && p.kind !== 'tls');
    expect(down.length).toBeGreaterThan(50);
    // The first write (the response head) also carries the server's session tickets; the rest are plain records.
    for (const p of down.slice(1)) {
      const app = p.header + p.framing + p.payload;
      const onTcp = app + 22;
      expect(p.wire, p.label).toBe(onTcp + TCP_IP * Math.ceil(onTcp / MSS));
    }
  });

  it('TLS never changes header, framing or payload, only wire (SPEC §2), and adds to wire both ways', () => {
    for (const id of ['sse', 'websocket', 'streaming', 'long-polling'] as const) {
      const base = { ...FAST, durationMs: 30_000, server: { updateRateHz: 0.5, updatePattern: 'periodic' } };
      const clear = run(id, { ...base, tls: { version: 'none' } }, 0);
      for (const version of ['1.2', '1.3'] as const) {
        const tls = run(id, { ...base, tls: { version } }, 0);
        for (const dir of ['up', 'down'] as const) {
          expect(tls.bytes[dir], `${id} ${version} ${dir}`).toEqual(clear.bytes[dir]);
          expect(tls.bytes.wire[dir], `${id} ${version} ${dir}`).toBeGreaterThan(clear.bytes.wire[dir]);
        }
      }
    }
  });

  it('a TLS 1.3 SSE connection: the handshake, the tickets and a record per write are the whole difference in wire bytes', () => {
    // One connection for the whole run (no cut), so the difference is closed-form.
    const base = { ...FAST, durationMs: 20_000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } };
    const clear = run('sse', { ...base, tls: { version: 'none' } }, 1);
    const tls = run('sse', { ...base, tls: { version: '1.3' } }, 1);
    const writes = (r: typeof tls, dir: 'up' | 'down') => r.trace!.packets.filter((p) => p.dir === dir && p.kind !== 'tcp' && p.kind !== 'tls');
    expect(writes(tls, 'down').length).toBe(writes(clear, 'down').length);
    // Small writes: one segment each, with or without their 22 bytes; the flights' own segments and the ACKs they draw.
    const ch = 517;
    const server = 127 + 6 + (4 + 2 + 15 + (4 + 1 + 3 + 2 * 1505) + (4 + 75) + (4 + 32) + 22);
    const tickets = 2 * 239;
    const segs = (b: number) => Math.ceil(b / MSS);
    const acks = (b: number) => Math.ceil(segs(b) / 2);
    const up = ch + TCP_IP * segs(ch) + TCP_IP * acks(server) + 64 + 22 * writes(tls, 'up').length;
    const downHead = writes(clear, 'down')[0];
    const headApp = downHead.header + downHead.framing + downHead.payload;
    const extraHeadSegs = segs(headApp + 22 + tickets) - segs(headApp);
    const down = server + TCP_IP * segs(server) + TCP_IP * acks(ch) + tickets + TCP_IP * extraHeadSegs + 22 * writes(tls, 'down').length;
    expect(tls.bytes.wire.up - clear.bytes.wire.up).toBe(up);
    expect(tls.bytes.wire.down - clear.bytes.wire.down).toBe(down);
  });
});

describe("an update's latency across the connect", () => {
  // Updates made while the connection is still being set up wait at the
  // server (they are owed from time 0, docs/model.md) and leave with the
  // first answer (a poll's or long poll's body, the stream's or the 101's
  // first write). That answer arrives 2L·(2 + r) after the SYN, r being the
  // handshake's round trips (above), so such an update's latency is
  // SYN + 2L·(2 + r) − its making, and TLS 1.2 costs every one of them one
  // round trip (2L) more than TLS 1.3. Once the connection is up, an update
  // pays one way, L, whatever the version (the record's 22 or 29 bytes take
  // no time at this bandwidth).
  const feed = { updateRateHz: 50, updatePattern: 'periodic' };
  for (const id of ['polling', 'long-polling', 'sse', 'websocket', 'streaming'] as const) {
    it(`${id}: the updates made during the connect arrive 2L·(2 + r) after the SYN; 1.2 is 2L later than 1.3`, () => {
      const firstArrival: Record<string, number> = {};
      for (const [version, rtts] of [['none', 0], ['1.3', 1], ['1.2', 2]] as const) {
        const r = run(id, { ...FAST, durationMs: 3000, server: feed, tls: { version } }, 1);
        const { packets, updatesMs } = r.trace!;
        const syn = packets.find((p) => p.kind === 'tcp' && p.label === 'SYN')!;
        const carrying = packets.filter((p) => p.dir === 'down' && p.messages.length > 0 && p.arriveMs !== null);
        const first = carrying[0];
        expect(first.arriveMs! - syn.sendMs, version).toBeCloseTo(2 * L * (2 + rtts), 1);
        // It carries every update made before the server heard the request (L after it left).
        const heard = syn.sendMs + 2 * L * (1 + rtts) + L;
        const owed = updatesMs.filter((t) => t < heard).length;
        expect(owed, version).toBeGreaterThan(0);
        const earlyIds = carrying.flatMap((p) => p.messages).filter((m) => updatesMs[m - 1] < heard);
        expect(earlyIds.length, version).toBe(owed);
        for (const p of carrying) for (const m of p.messages) if (updatesMs[m - 1] < heard) expect(p.arriveMs).toBeCloseTo(first.arriveMs!, 1);
        firstArrival[version] = first.arriveMs! - syn.sendMs;
      }
      expect(firstArrival['1.2'] - firstArrival['1.3']).toBeCloseTo(2 * L, 1);
      expect(firstArrival['1.3'] - firstArrival['none']).toBeCloseTo(2 * L, 1);
    });
  }

  it('once the stream is up an update pays L one way with either version', () => {
    for (const version of ['1.2', '1.3'] as const) {
      const r = run('sse', { ...FAST, durationMs: 3000, server: feed, tls: { version } }, 1);
      const { packets, updatesMs } = r.trace!;
      const events = packets.filter((p) => p.kind === 'event' && p.arriveMs !== null);
      const late = events.filter((p) => p.sendMs > events[0].sendMs);
      expect(late.length).toBeGreaterThan(50);
      for (const p of late) expect(p.arriveMs! - updatesMs[p.messages[0] - 1], version).toBeCloseTo(L, 1);
    }
  });
});

describe("each traced packet's TLS bytes (the inspector's split of wire)", () => {
  // The rest of wire is TCP/IP: 40 B per segment of app + TLS bytes (no loss here).
  const tcpIp = (p: TracePacket) => TCP_IP * Math.ceil((p.header + p.framing + p.payload + p.tls) / MSS);
  for (const [version, record] of [['1.3', 5 + 1 + 16], ['1.2', 5 + 8 + 16]] as const) {
    it(`TLS ${version}: a write's records cost ${record} B each; the flights are TLS throughout; the rest of wire is TCP/IP`, () => {
      const r = run('sse', { ...FAST, durationMs: 20_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, tls: { version } }, 1);
      const ps = r.trace!.packets;
      for (const p of ps) {
        if (p.kind === 'tcp') expect(p.tls).toBe(0);
        else if (p.kind === 'tls') expect(p.wire - p.tls, p.label).toBe(TCP_IP * Math.ceil(p.tls / MSS));
        else expect(p.wire - p.header - p.framing - p.payload - p.tls, p.label).toBe(tcpIp(p));
      }
      const events = ps.filter((p) => p.kind === 'event');
      expect(events.length).toBeGreaterThan(15);
      for (const e of events) expect(e.tls).toBe(record);
      // In 1.3 the client's ChangeCipherSpec (6 B, RFC 8446 App. D.4) and Finished record (5 + 36 + 1 + 16 = 58 B, §4.4.4, §5.2)
      // ride with its first request; in 1.2 its Finished is a flight of its own, before the request (RFC 5246 §7.3).
      const get = ps.find((p) => p.kind === 'request')!;
      expect(get.tls).toBe(version === '1.3' ? record + 64 : record);
    });
  }

  it('cleartext: no TLS bytes anywhere', () => {
    const r = run('websocket', { ...FAST, durationMs: 10_000, server: { updateRateHz: 1 }, client: { sendRateHz: 1 }, tls: { version: 'none' } }, 1);
    expect(r.trace!.packets.every((p) => p.tls === 0)).toBe(true);
  });
});

describe('a connection cut during its handshake', () => {
  it('the server sends no TLS flight after the cut, even one its CPU was still working on', () => {
    // One core, 200 ms of CPU per full handshake on average (drawn exponential), every connection cut by the
    // intermediary 170 ms after its SYN (proxy.lifetimeMs, counted from the connection's opening): many
    // handshakes still wait for the core when the cut comes, and a cut socket sends nothing more.
    const lifetime = 170;
    const r = run('polling', { durationMs: 20_000, clients: 30, server: { cores: 1, cpuPerTlsHandshakeMs: 200 }, proxy: { lifetimeMs: lifetime }, tls: { version: '1.3' } }, 30);
    const ps = r.trace!.packets;
    const conns = new Map<string, TracePacket[]>();
    for (const p of ps) {
      const k = `${p.client}/${p.conn}`;
      if (!conns.has(k)) conns.set(k, []);
      conns.get(k)!.push(p);
    }
    let helloWithoutAnswer = 0;
    for (const cps of conns.values()) {
      const syn = cps.find((p) => p.kind === 'tcp' && p.label === 'SYN')!;
      const fromServer = cps.filter((p) => p.kind === 'tls' && p.dir === 'down');
      for (const p of fromServer) expect(p.sendMs).toBeLessThan(syn.sendMs + lifetime);
      if (cps.some((p) => p.kind === 'tls' && p.dir === 'up') && fromServer.length === 0) helloWithoutAnswer++;
    }
    // The case happened: ClientHellos whose answer was still on the core when the cut came.
    expect(helloWithoutAnswer).toBeGreaterThan(0);
  });
});
