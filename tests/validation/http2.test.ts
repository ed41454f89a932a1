// HTTP/2 on the path (http.version 2), checked against what RFC 9113 and
// RFC 7541 make follow: one connection per origin whatever the exchanges in
// flight (no six-connection limit, §9.1), odd client stream ids in
// increasing order (§5.1.1), a stream limit (SETTINGS_MAX_CONCURRENT_STREAMS,
// §5.1.2), heads coded against the dynamic table (RFC 7541 §2.3: a field
// sent before costs one octet), bodies in DATA frames with no chunked coding
// (§8.1), and one TCP connection under every stream, so one lost segment
// holds back the streams behind it (head-of-line blocking, §1).
import { describe, expect, it } from 'vitest';
import { run, scenario } from '../techniques/helpers';
import { simulate, type TracePacket } from '../../src/sim';
import { huffmanBytes } from '../../src/sim/wire/hpack';
import { http2 } from '../../src/sim/run/http2-support';

const H2 = { http: { version: '2', requestHeaderBytes: 0, responseHeaderBytes: 0 }, tls: { version: '1.3' } };
const H1 = { http: { version: '1.1', requestHeaderBytes: 0, responseHeaderBytes: 0 }, tls: { version: '1.3' } };
const requests = (ps: TracePacket[]) => ps.filter((p) => p.dir === 'up' && p.kind === 'request');

describe('one connection, streams on it', () => {
  it('polls slower to answer than the interval: HTTP/1.1 opens 6 connections and makes the rest wait; HTTP/2 one connection, a poll every interval', () => {
    // Latency 1 s: each poll is answered 2 s after it leaves, so 20 would be in flight at once at 100 ms.
    const base = { durationMs: 10_000, network: { latencyMs: 1000 }, polling: { intervalMs: 100 } };
    const h1 = run('polling', { ...base, ...H1 });
    const h2 = run('polling', { ...base, ...H2 });
    expect(h1.connectionsOpened).toBe(6);
    expect(h2.connectionsOpened).toBe(1);
    // HTTP/2: the polls fired while TCP's and TLS 1.3's round trips (4 s) open the connection, and the one
    // fired as it opens, leave together: 4000 / 100 + 1; after that each leaves when the machine fires it,
    // exactly one interval apart.
    const sends = requests(h2.trace!.packets).map((p) => p.sendMs);
    const together = sends.filter((t) => t === sends[0]).length;
    expect(together).toBe(41);
    for (let i = together + 1; i < sends.length; i++) expect(sends[i] - sends[i - 1]).toBeCloseTo(100, 6);
    expect(sends[together] - sends[0]).toBeLessThanOrEqual(100);
    // HTTP/1.1: the seventh waits for a connection to come free.
    const h1Sends = requests(h1.trace!.packets).map((p) => p.sendMs);
    expect(h1Sends[6] - h1Sends[5]).toBeGreaterThan(1000);
    expect(h2.requests).toBeGreaterThan(h1.requests);
  });

  it('client stream ids are odd and increase: 1, 3, 5, ... (RFC 9113 §5.1.1)', () => {
    const r = run('polling', { durationMs: 5000, ...H2 });
    const ids = requests(r.trace!.packets).map((p) => p.stream);
    expect(ids.length).toBeGreaterThan(3);
    ids.forEach((id, i) => expect(id).toBe(2 * i + 1));
    // An answer travels on its request's stream.
    const answers = r.trace!.packets.filter((p) => p.dir === 'down' && p.kind === 'response').map((p) => p.stream);
    expect(answers).toEqual(ids.slice(0, answers.length));
  });

  it('SSE and its upstream POSTs share the one connection (HTTP/1.1: a second connection for the POSTs)', () => {
    const base = { durationMs: 20_000, client: { sendRateHz: 1 } };
    expect(run('sse', { ...base, ...H1 }).connectionsOpened).toBe(2);
    expect(run('sse', { ...base, ...H2 }).connectionsOpened).toBe(1);
  });

  it('the default stream limit, 100 (SETTINGS_MAX_CONCURRENT_STREAMS, RFC 9113 §5.1.2): at most 100 polls in flight at once, and the limit is reached', () => {
    // Each poll is answered 2 s after it leaves; one every 10 ms would keep 200 open without the limit.
    const r = run('polling', { durationMs: 12_000, network: { latencyMs: 1000 }, polling: { intervalMs: 10 }, ...H2 });
    const ps = r.trace!.packets;
    expect(r.trace!.truncated).toBe(false);
    const edges: [number, number][] = [];
    for (const p of ps) {
      if (p.kind === 'request' && p.dir === 'up') edges.push([p.sendMs, 1]);
      if (p.kind === 'response' && p.dir === 'down' && p.arriveMs !== null) edges.push([p.arriveMs, -1]);
    }
    // An answer arriving frees its stream before a poll waiting at the same instant takes it.
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let most = 0;
    for (const [, d] of edges) most = Math.max(most, (open += d));
    expect(most).toBe(100);
    expect(r.connectionsOpened).toBe(1);
  });

  it('a stream limit of 1: each poll waits until the last answer has arrived', () => {
    const r = run('polling', { durationMs: 10_000, network: { latencyMs: 300 }, polling: { intervalMs: 200 }, http2: { maxConcurrentStreams: 1 }, ...H2 });
    const ps = r.trace!.packets.filter((p) => p.kind === 'request' || p.kind === 'response');
    for (let i = 1; i < ps.length; i++) if (ps[i].dir === 'up') expect(ps[i].sendMs).toBeGreaterThanOrEqual(ps[i - 1].arriveMs!);
    expect(r.connectionsOpened).toBe(1);
  });
});

describe('heads in HPACK', () => {
  it("the second poll's head: one octet per field already in a table, :path a literal (Chromium never indexes it)", () => {
    const r = run('polling', { durationMs: 3000, ...H2 });
    const [first, second, third] = requests(r.trace!.packets);
    // The fields, from the trace's own listing of the HEADERS frame (one "name: value" line each).
    const fields = second.text.split('\n').filter((l) => /^ {2}\S.*: /.test(l) && !l.startsWith('  HPACK'));
    expect(fields.length).toBeGreaterThan(10);
    // RFC 7541 §6.1: an indexed field under index 127 is one octet; §6.2.2: :path with static name index 4
    // is one octet, then its value's length octet and its Huffman code (shorter than the 5 raw octets).
    const expected = fields.length - 1 + 1 + 1 + huffmanBytes('/poll');
    expect(second.header).toBe(expected);
    expect(third.header).toBe(expected);
    // The first carried every field as a literal: many times more.
    expect(first.header).toBeGreaterThan(10 * second.header);
  });

  it('HTTP/2 heads are smaller than HTTP/1.1 text even the first time (Huffman, no Host or Connection)', () => {
    const h1 = run('polling', { durationMs: 1500, ...H1 });
    const h2 = run('polling', { durationMs: 1500, ...H2 });
    expect(requests(h2.trace!.packets)[0].header).toBeLessThan(0.8 * requests(h1.trace!.packets)[0].header);
    // Over a minute the upstream head bytes fall by an order of magnitude.
    const m1 = run('polling', { durationMs: 60_000, ...H1 });
    const m2 = run('polling', { durationMs: 60_000, ...H2 });
    expect(m2.bytes.up.header).toBeLessThan(m1.bytes.up.header / 10);
  });

  it('cleartext HTTP/2 (h2c with prior knowledge) says :scheme http', () => {
    const r = run('polling', { durationMs: 1500, ...H2, tls: { version: 'none' } });
    expect(requests(r.trace!.packets)[0].text).toContain(':scheme: http   <- indexed');
  });
});

describe('frames', () => {
  it('an SSE event is one DATA frame: 9 bytes of frame header + its id and data lines, no chunk-size line (RFC 9113 §8.1)', () => {
    const r = run('sse', { durationMs: 30_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, ...H2 });
    const events = r.trace!.packets.filter((p) => p.kind === 'event');
    expect(events.length).toBeGreaterThan(20);
    for (const e of events) {
      const id = e.messages[0];
      // "id: N\n" + "data: " + "\n\n" (WHATWG HTML §9.2 field lines).
      expect(e.framing).toBe(9 + 4 + String(id).length + 1 + 6 + 2);
      expect(e.text).toMatch(new RegExp(`^\\[DATA stream 1, ${e.framing - 9 + e.payload} B\\]`));
    }
  });

  it('a stream over HTTP/2: each update one DATA frame of its bytes, whose 9-byte header is length, type 0, flags 0, stream id (RFC 9113 §4.1, §6.1), and no chunked coding (§8.2.2)', () => {
    const base = { durationMs: 20_000, server: { updateRateHz: 1, updatePattern: 'periodic', payloadBytes: 100 } };
    const h2 = run('streaming', { ...base, ...H2 });
    const h1 = run('streaming', { ...base, ...H1 });
    const head = h2.trace!.packets.find((p) => p.kind === 'response')!;
    expect(head.text.toLowerCase()).not.toContain('transfer-encoding');
    const chunks = (r: typeof h2) => r.trace!.packets.filter((p) => p.kind === 'chunk' && p.dir === 'down');
    expect(chunks(h2).length).toBeGreaterThan(15);
    expect(chunks(h2).length).toBe(chunks(h1).length);
    for (const c of chunks(h2)) {
      expect(c.framing).toBe(9);
      const hex = (n: number, bytes: number) => n.toString(16).padStart(2 * bytes, '0').match(/../g)!.join(' ');
      expect(c.text.startsWith(`[DATA stream ${c.stream}, ${c.payload} B] ${hex(c.payload, 3)} 00 00 ${hex(c.stream!, 4)}\n`), c.text.slice(0, 60)).toBe(true);
    }
    // HTTP/1.1 writes the size line and CRLF instead: hex digits + 4 bytes (RFC 9112 §7.1).
    for (const c of chunks(h1)) expect(c.framing).toBe(c.payload.toString(16).length + 4);
  });

  it('the first write of each end carries its opening: the client 70 bytes (preface, SETTINGS, WINDOW_UPDATE), the server 24 (SETTINGS, ACK)', () => {
    const r = run('polling', { durationMs: 3000, ...H2 });
    const [req1, req2, req3] = requests(r.trace!.packets);
    const answers = r.trace!.packets.filter((p) => p.kind === 'response');
    // A GET's HEADERS frame: 9 bytes of framing.
    expect(req1.framing).toBe(9 + 70);
    // The client's ACK of the server's SETTINGS rides with its next write.
    expect(req2.framing).toBe(9 + 9);
    expect(req3.framing).toBe(9);
    // An answer: HEADERS + DATA frames, the "[]" body's 2 bytes of JSON framing.
    expect(answers[0].framing).toBe(9 + 9 + 2 + 24);
    expect(answers[1].framing).toBe(9 + 9 + 2);
  });

  it('a WebSocket by extended CONNECT: a stream answered 200, each frame inside a DATA frame (RFC 8441 §5)', () => {
    const base = { durationMs: 10_000, server: { updateRateHz: 1, updatePattern: 'periodic' }, ...H2 };
    const own = run('websocket', base);
    const over = run('websocket', { ...base, websocket: { overHttp2: 'extendedConnect' } });
    const hs = (r: typeof own) => r.trace!.packets.find((p) => p.kind === 'handshake' && p.dir === 'up')!;
    expect(hs(own).text).toMatch(/^GET \/ws HTTP\/1\.1/);
    expect(hs(over).text).toContain(':protocol: websocket');
    const frames = (r: typeof own) => r.trace!.packets.filter((p) => p.kind === 'frame' && p.dir === 'down');
    // 100-byte payload: a 2-byte WebSocket header, plus 9 inside HTTP/2.
    for (const f of frames(own)) expect(f.framing).toBe(2);
    for (const f of frames(over)) expect(f.framing).toBe(2 + 9);
    expect(frames(over).length).toBe(frames(own).length);
  });

  it('the CONNECT stream’s answer has no Sec-WebSocket-Accept (RFC 8441 §5): none is computed, so a run needs no SHA-1', () => {
    const enc = http2().encoder(scenario({ ...H2, websocket: { overHttp2: 'extendedConnect' } }), () => 0);
    const accept = enc.upgradeAccept(() => {
      throw new Error('Sec-WebSocket-Accept computed for a CONNECT stream');
    });
    expect(accept.label(0, 0, 0)).toBe('200 (WebSocket stream open)');
    // On its own connection (HTTP/1.1's Upgrade) the 101 does carry it, computed when its text is read.
    const own = http2().encoder(scenario(H2), () => 0).upgradeAccept(() => 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
    expect(own.text(0, 0, 0, 0)).toContain('Sec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
  });
});

describe('one TCP connection under every stream', () => {
  it('with loss, HTTP/2 answers arrive in the order they were sent (a lost segment holds back the streams behind it); on HTTP/1.1 connections they overtake one another', () => {
    const base = { durationMs: 30_000, network: { latencyMs: 50, lossRate: 0.2 }, polling: { intervalMs: 50 }, server: { payloadBytes: 3000, updateRateHz: 20, updatePattern: 'periodic' } };
    const inversions = (ps: TracePacket[]) => {
      const down = ps.filter((p) => p.dir === 'down' && p.kind === 'response' && p.arriveMs !== null);
      let n = 0;
      for (let i = 1; i < down.length; i++) if (down[i].arriveMs! < down[i - 1].arriveMs!) n++;
      return n;
    };
    const h2 = run('polling', { ...base, ...H2 });
    const h1 = run('polling', { ...base, ...H1 });
    expect(inversions(h2.trace!.packets)).toBe(0);
    expect(inversions(h1.trace!.packets)).toBeGreaterThan(0);
  });

  it('a fault cuts every stream of the connection: the held long poll and a POST in flight both start again on a new connection', () => {
    const s = scenario({ durationMs: 60_000, client: { sendRateHz: 2 }, faults: { disconnectIntervalMs: 5000 }, ...H2 });
    const r = simulate(s, ['long-polling'], { traceClients: 1 }).results['long-polling']!;
    expect(r.connectionsOpened).toBeGreaterThan(3);
    // Every upstream message is delivered or still pending: none lost with its stream.
    expect(r.upstream.delivered + r.upstream.pending).toBe(r.upstream.generated);
    expect(r.upstream.pending).toBeLessThan(3);
  });
});
