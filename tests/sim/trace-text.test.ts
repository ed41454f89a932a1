// The trace's packet text is what the wire formats write (issue 9: "a test
// compares the trace text with it, not only lengths"). Each expected text is
// built here from the full payload by the formats' plain string renderers,
// and a WebSocket frame from its real bytes (encodeFrame, then decoded by
// renderFrame), independently of the bounded writers the tracer uses.
import { describe, expect, it } from 'vitest';
import { resolveScenario, simulate, TECHNIQUES, type TracePacket } from '../../src/sim';
import { installParts } from '../../src/sim/parts';
import {
  encodeFrame,
  imfFixdate,
  OPCODE,
  renderBatch,
  renderChunk,
  renderFrame,
  renderRequestHead,
  renderResponseHead,
  renderSseEvent,
  renderSseRetry,
  renderUpdatePayload,
  renderUpstreamPayload,
  websocketAccept,
  WIRE_EPOCH_MS,
  type RequestKind,
  type ResponseKind,
} from '../../src/sim/wire';
import { FLAG, frameHeader } from '../../src/sim/wire/http2';
import { scenario } from '../techniques/helpers';

const BYTES = 60;
const s = scenario({ clients: 1, durationMs: 8000, server: { updateRateHz: 2, payloadBytes: BYTES, updatePattern: 'periodic' } });
const out = simulate(s, TECHNIQUES, { traceClients: 1 });

function check(id: (typeof TECHNIQUES)[number], pick: (p: TracePacket) => boolean, expected: (p: TracePacket, payload: (i: number) => string) => string): number {
  const trace = out.results[id]!.trace!;
  const payload = (msg: number) => renderUpdatePayload(msg, trace.updatesMs[msg - 1], BYTES);
  const packets = trace.packets.filter(pick);
  for (const p of packets) expect(p.text, `${id} ${p.label}`).toBe(expected(p, payload));
  return packets.length;
}

/** The body after the head's blank line. */
const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('trace text is the wire format', () => {
  it('SSE: each event is renderChunk(renderSseEvent(id, update))', () => {
    const n = check('sse', (p) => p.kind === 'event', (p, payload) => renderChunk(renderSseEvent(p.messages[0], payload(p.messages[0]))));
    expect(n).toBeGreaterThanOrEqual(14);
  });

  it('HTTP streaming: each update is renderChunk(update)', () => {
    expect(check('streaming', (p) => p.kind === 'chunk', (p, payload) => renderChunk(payload(p.messages[0])))).toBeGreaterThanOrEqual(14);
  });

  it('WebSocket: each update frame is its real bytes, decoded', () => {
    const n = check('websocket', (p) => p.kind === 'frame' && p.dir === 'down', (p, payload) =>
      renderFrame(encodeFrame({ opcode: OPCODE.text, payload: new TextEncoder().encode(payload(p.messages[0])) })),
    );
    expect(n).toBeGreaterThanOrEqual(14);
  });

  it('polling and long polling: each answer body is renderBatch of its updates', () => {
    for (const id of ['polling', 'long-polling'] as const) {
      const answers = out.results[id]!.trace!.packets.filter((p) => p.kind === 'response');
      expect(answers.some((p) => p.messages.length > 0)).toBe(true);
      check(id, (p) => p.kind === 'response', (p, payload) => p.text.slice(0, p.text.length - body(p.text).length) + renderBatch(p.messages.map(payload)));
    }
  });
});

// The heads and the control packets (issue 9's audit: the tests above covered the bodies only). Each head is
// rendered here from what a reader knows of the packet: its kind from its
// request target, the host and paths below, the numbers it carries
// (Content-Length from its own body, Last-Event-ID from its label, the
// WebSocket key from its own request), and its Date from the time it was
// sent (RFC 9110 §6.6.1: the origin's clock when it made the message). Two
// runs: the head profile's own heads, and heads cut to exact sizes.
const HOST = 'push.example';
const TARGETS: Record<string, RequestKind> = { '/poll': 'poll', '/poll?wait=1': 'long-poll', '/events': 'sse', '/stream': 'stream', '/ws': 'ws-handshake', '/send': 'post' };
const UP_BYTES = 30;
const control = (http: Record<string, unknown>) =>
  resolveScenario({
    clients: 1,
    durationMs: 12000,
    tls: { version: 'none' },
    http,
    server: { updateRateHz: 1, payloadBytes: BYTES },
    client: { sendRateHz: 0.5, payloadBytes: UP_BYTES },
    websocket: { pingIntervalMs: 3000 },
    sse: { heartbeatMs: 800, eventsPerStream: 4 },
    streaming: { mediaBytes: 0 },
  });

describe.each([
  ['the head profile’s own heads', {}],
  ['heads of exact sizes', { requestHeaderBytes: 420, responseHeaderBytes: 310 }],
])('trace heads and control packets are the wire format: %s', (_name, http) => {
  const sc = control(http);
  const run = simulate(sc, TECHNIQUES, { traceClients: 1 });
  const all = TECHNIQUES.flatMap((id) => run.results[id]!.trace!.packets.map((p) => ({ id, p })));
  const reqOpts = (path: string) => ({ profile: sc.http.headProfile, headerBytes: sc.http.requestHeaderBytes || undefined, host: HOST, path });
  const resOpts = (p: TracePacket) => ({ profile: sc.http.headProfile, headerBytes: sc.http.responseHeaderBytes || undefined, dateMs: WIRE_EPOCH_MS + Math.floor(p.sendMs) });
  /** The WebSocket key each connection's handshake sent, read from its text. */
  const keys = new Map<string, string>();
  for (const { id, p } of all) {
    const key = p.kind === 'handshake' && p.dir === 'up' ? /\r\nSec-WebSocket-Key: ([A-Za-z0-9+/=]{24})\r\n/.exec(p.text) : null;
    if (key) keys.set(`${id} ${p.conn}`, key[1]);
  }

  it('every request head: the kind its target names, Last-Event-ID from its label, a POST with its body', () => {
    const requests = all.filter(({ p }) => p.dir === 'up' && (p.kind === 'request' || p.kind === 'handshake'));
    const seen = new Set<RequestKind>();
    const seqs = new Map<string, number[]>();
    for (const { id, p } of requests) {
      const target = p.text.slice(p.text.indexOf(' ') + 1, p.text.indexOf(' HTTP/1.1'));
      let kind = TARGETS[target];
      const last = /Last-Event-ID: (\d+)/.exec(p.label);
      if (last) kind = 'sse-reconnect';
      expect(kind, `${id} ${p.label}`).toBeDefined();
      seen.add(kind);
      const extra: { lastEventId?: number; wsKey?: string; contentLength?: number } = {};
      if (last) extra.lastEventId = Number(last[1]);
      if (kind === 'ws-handshake') extra.wsKey = keys.get(`${id} ${p.conn}`);
      let body = '';
      if (kind === 'post') {
        const seq = Number(/"seq":(\d+)/.exec(p.text)![1]);
        seqs.set(id, [...(seqs.get(id) ?? []), seq]);
        body = renderUpstreamPayload(p.client, seq, UP_BYTES);
        extra.contentLength = UP_BYTES;
      }
      expect(p.text, `${id} ${p.label}`).toBe(renderRequestHead(kind, { ...reqOpts(target), ...extra }) + body);
    }
    expect([...seen].sort()).toEqual(['long-poll', 'poll', 'post', 'sse', 'sse-reconnect', 'stream', 'ws-handshake']);
    // Upstream messages are numbered in the order the page sends them.
    for (const [id, list] of seqs) expect(list, id).toEqual(list.map((_, i) => i));
  });

  it('every response head: Content-Length of its own body, the Date it was sent, the accept of its own key', () => {
    const responses = all.filter(({ p }) => p.dir === 'down' && (p.kind === 'response' || p.kind === 'handshake'));
    const seen = new Set<ResponseKind>();
    for (const { id, p } of responses) {
      const head = p.text.slice(0, p.text.indexOf('\r\n\r\n') + 4);
      const type = /\r\nContent-Type: ([^\r;]+)/i.exec(head)?.[1];
      const status = p.text.slice(9, 12);
      const kind: ResponseKind = status === '101' ? 'ws-accept' : status === '204' ? 'no-content' : type === 'text/event-stream' ? 'event-stream' : /Transfer-Encoding: chunked/i.test(head) ? 'chunked' : 'json';
      seen.add(kind);
      let rest = '';
      const extra: { contentLength?: number; wsAccept?: string } = {};
      if (kind === 'json') {
        rest = renderBatch(p.messages.map((m) => renderUpdatePayload(m, run.results[id]!.trace!.updatesMs[m - 1], BYTES)));
        extra.contentLength = rest.length;
      }
      if (kind === 'event-stream') rest = renderChunk(renderSseRetry(sc.sse.retryMs));
      if (kind === 'ws-accept') extra.wsAccept = websocketAccept(keys.get(`${id} ${p.conn}`)!);
      // A Date where the profile's server writes one (Node's ws sends none in its 101).
      if (/\r\nDate: /.test(head) || kind !== 'ws-accept') expect(head).toContain(`\r\nDate: ${imfFixdate(WIRE_EPOCH_MS + Math.floor(p.sendMs))}\r\n`);
      expect(p.text, `${id} ${p.label}`).toBe(renderResponseHead(kind, { ...resOpts(p), ...extra }) + rest);
    }
    expect([...seen].sort()).toEqual(['chunked', 'event-stream', 'json', 'no-content', 'ws-accept']);
  });

  it('control packets: the SSE comment in its chunk, the last chunk, ping and pong frames, masked upstream frames', () => {
    const pick = (id: (typeof TECHNIQUES)[number], f: (p: TracePacket) => boolean) => run.results[id]!.trace!.packets.filter(f);
    const heartbeats = pick('sse', (p) => p.kind === 'ping');
    const ends = pick('sse', (p) => p.kind === 'chunk');
    const pings = pick('websocket', (p) => p.kind === 'ping');
    const pongs = pick('websocket', (p) => p.kind === 'pong');
    const upFrames = pick('websocket', (p) => p.kind === 'frame' && p.dir === 'up');
    for (const [name, list] of Object.entries({ heartbeats, ends, pings, pongs, upFrames })) expect(list.length, name).toBeGreaterThanOrEqual(2);
    // An SSE comment line (WHATWG HTML §9.2.6: a line starting with a colon is ignored) in a chunk of its own.
    for (const p of heartbeats) expect(p.text).toBe(renderChunk(': keep-alive\n\n'));
    // RFC 9112 §7.1: last-chunk = 1*("0") [ chunk-ext ] CRLF, then the trailer section's empty line.
    for (const p of ends) expect(p.text).toBe('0\r\n\r\n');
    // RFC 6455 §5.5.2-3: a ping with no application data from the server (unmasked); the browser's pong, masked (§5.3).
    for (const p of pings) expect(p.text).toBe(renderFrame(encodeFrame({ opcode: OPCODE.ping, payload: new Uint8Array(0) })));
    const maskOf = (text: string) => Uint8Array.from(/ key=([0-9a-f]{2}(?: [0-9a-f]{2}){3})\n/.exec(text)![1].split(' ').map((h) => parseInt(h, 16)));
    for (const p of pongs) expect(p.text).toBe(renderFrame(encodeFrame({ opcode: OPCODE.pong, payload: new Uint8Array(0), maskKey: maskOf(p.text) })));
    // Each upstream frame: its real bytes with the key it shows, then the message (numbered from 0).
    upFrames.forEach((p, i) => {
      const msg = renderUpstreamPayload(p.client, i, UP_BYTES);
      expect(p.text).toBe(renderFrame(encodeFrame({ opcode: OPCODE.text, payload: new TextEncoder().encode(msg), maskKey: maskOf(p.text) })));
    });
    // The masks differ from frame to frame (RFC 6455 §5.3: unpredictable per frame).
    expect(new Set(upFrames.map((p) => maskOf(p.text).join())).size).toBe(upFrames.length);
  });
});

// HTTP/2 (RFC 9113 §4.1): an SSE event is a DATA frame whose 9-byte header
// says its length, type 0, no flags and its stream; its payload is the same
// event text as over HTTP/1.1, without chunk framing.
describe('HTTP/2 trace text is the wire format', () => {
  installParts();
  const sc = resolveScenario({ clients: 1, durationMs: 6000, http: { version: '2' }, server: { updateRateHz: 2, payloadBytes: BYTES } });
  const trace = simulate(sc, ['sse'], { traceClients: 1 }).results.sse!.trace!;
  const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

  it('each SSE event: the DATA frame header, then renderSseEvent of its update', () => {
    const events = trace.packets.filter((p) => p.kind === 'event');
    expect(events.length).toBeGreaterThanOrEqual(8);
    for (const p of events) {
      const id = p.messages[0];
      const event = renderSseEvent(id, renderUpdatePayload(id, trace.updatesMs[id - 1], BYTES));
      expect(p.text).toBe(`[DATA stream ${p.stream}, ${event.length} B] ${hex(frameHeader(event.length, 'DATA', 0, p.stream!))}\n${event}`);
    }
  });

  it('the request’s HEADERS frame header: its length, type 1, END_STREAM | END_HEADERS, stream 1', () => {
    const req = trace.packets.find((p) => p.kind === 'request')!;
    const m = /\[HEADERS stream 1, (\d+) B, END_STREAM \| END_HEADERS\] ([0-9a-f ]+)\n/.exec(req.text)!;
    expect(m).not.toBeNull();
    expect(m[2]).toBe(hex(frameHeader(Number(m[1]), 'HEADERS', FLAG.END_STREAM | FLAG.END_HEADERS, 1)));
  });
});
