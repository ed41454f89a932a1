// The real server of the real-browser check: node:http and the `ws`
// package, one client, a periodic feed that starts when the page asks
// (/start), and the five techniques as a small Node app writes them:
//   GET /poll    the updates queued since the last answer, as a JSON array
//   GET /lp      the same, held until there is at least one
//   GET /events  text/event-stream: `retry: 3000`, then `id: N` + `data:` per update;
//                with `eventsPerStream` it ends the stream after that many
//                events, and replays from the reconnection's Last-Event-ID
//   GET /stream  a chunked response, one chunk per update
//   WS  /ws      one text message per update
// Each update's payload is JSON of exactly `payloadBytes` bytes carrying its
// id and its generation time (ms after the feed's start), as the
// simulator's payloads do. The server logs the size of every head it reads
// and writes, so the simulated twin can use the same sizes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { now } from './clock';
import { pageHtml } from './page';

export interface FeedOptions {
  durationMs: number;
  rateHz: number;
  payloadBytes: number;
  retryMs: number;
  /** End each event stream cleanly after this many events (0: never), as sse.eventsPerStream. */
  eventsPerStream?: number;
}

export interface AppServer {
  port: number;
  /** The feed's start on the shared clock, once the page has asked. */
  epoch(): number | null;
  requestHeads: number[];
  responseHeads: number[];
  /** When each request (not /start) reached the server, on the shared clock. */
  requestTimes: number[];
  close(): Promise<void>;
}

/** JSON of exactly `bytes` bytes: {"id":N,"t":MS,"data":"xx..."}. */
export function payload(id: number, t: number, bytes: number): string {
  const skeleton = `{"id":${id},"t":${t.toFixed(3)},"data":""}`;
  if (skeleton.length > bytes) throw new Error(`server.payloadBytes ${bytes} is too small for the check's payload (${skeleton.length} B)`);
  return skeleton.slice(0, -2) + 'x'.repeat(bytes - skeleton.length) + '"}';
}

/** A request head's size as it came on the wire: Node keeps the raw field lines, Chromium writes `Name: value`. */
function requestHeadBytes(req: IncomingMessage): number {
  let n = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2) n += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
  return n;
}

/** The head Node wrote for this response (its own string of it, kept once sent). */
const responseHeadBytes = (res: ServerResponse) => Buffer.byteLength((res as unknown as { _header: string })._header);

export async function startServer(o: FeedOptions): Promise<AppServer> {
  const requestHeads: number[] = [];
  const responseHeads: number[] = [];
  let epoch: number | null = null;
  let nextId = 1;
  const queue: string[] = [];
  const held: ServerResponse[] = [];
  /** Open event streams, each with the events written on it; every event made, by id - 1, for replays. */
  const sse: { res: ServerResponse; events: number }[] = [];
  const events: string[] = [];
  const perStream = o.eventsPerStream ?? 0;
  const requestTimes: number[] = [];
  const streams: ServerResponse[] = [];
  const sockets: WebSocket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

  const answer = (res: ServerResponse) => {
    const body = `[${queue.splice(0).join(',')}]`;
    // With its length, as a JSON answer is written (writeHead without one would make Node chunk it).
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...cors });
    res.end(body);
    responseHeads.push(responseHeadBytes(res));
  };

  /** Write one event on a stream; the one that reaches eventsPerStream ends it (the last chunk; the connection stays). */
  const sendEvent = (st: { res: ServerResponse; events: number }, text: string) => {
    st.res.write(text);
    if (perStream > 0 && ++st.events >= perStream) {
      sse.splice(sse.indexOf(st), 1);
      st.res.end();
    }
  };

  const publish = () => {
    if (epoch === null) return;
    const t = now() - epoch;
    const p = payload(nextId, t, o.payloadBytes);
    events.push(`id: ${nextId}\ndata: ${p}\n\n`);
    for (const st of [...sse]) sendEvent(st, events[nextId - 1]);
    for (const res of streams) res.write(p);
    for (const ws of sockets) ws.send(p);
    nextId++;
    queue.push(p);
    while (held.length) answer(held.shift()!);
  };

  const startFeed = () => {
    epoch = now();
    const gap = 1000 / o.rateHz;
    // The simulator's periodic feed: an update at k/rate for every k with k/rate < duration (src/sim/feed.ts).
    for (let k = 1; k * gap < o.durationMs; k++) {
      const at = epoch + k * gap;
      const tick = () => {
        const left = at - now();
        if (left > 0.5) timers.push(setTimeout(tick, left - 0.5));
        else publish();
      };
      timers.push(setTimeout(tick, Math.max(0, at - now() - 2)));
    }
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/start' || path === '/favicon.ico') {
      if (path === '/favicon.ico') return void res.writeHead(404).end();
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
      startFeed();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ epoch }));
    }
    requestHeads.push(requestHeadBytes(req));
    requestTimes.push(now());
    if (path === '/poll') return answer(res);
    if (path === '/lp') return queue.length ? answer(res) : void held.push(res);
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', ...cors });
      res.write(`retry: ${o.retryMs}\n\n`);
      responseHeads.push(responseHeadBytes(res));
      const st = { res, events: 0 };
      sse.push(st);
      // A reconnection says the last id it saw: what was made since goes first.
      const last = Number(req.headers['last-event-id'] ?? 0);
      for (let id = last + 1; id < nextId && sse.includes(st); id++) sendEvent(st, events[id - 1]);
      return;
    }
    if (path === '/stream') {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      res.flushHeaders();
      responseHeads.push(responseHeadBytes(res));
      streams.push(res);
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
  wss.on('headers', (lines: string[]) => responseHeads.push(Buffer.byteLength(lines.join('\r\n') + '\r\n\r\n')));
  wss.on('connection', (ws, req) => {
    requestHeads.push(requestHeadBytes(req));
    sockets.push(ws);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    epoch: () => epoch,
    requestHeads,
    responseHeads,
    requestTimes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const ws of sockets) ws.terminate();
        for (const r of [...held, ...sse.map((st) => st.res), ...streams]) r.destroy();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
