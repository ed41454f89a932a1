// A TCP relay between the browser and the server that stands in for the
// network: it adds a fixed one-way delay to every byte each way and counts
// the bytes each way with the time the sender wrote them (the simulator
// counts bytes when they are sent, SPEC §2). Loopback connects at once, so
// the relay holds a new connection's first bytes until one round trip after
// the connect, as the simulator's SYN and SYN-ACK take (then the one-way
// delay on top). It sees TCP payload only: what the simulator calls
// application bytes (`bytes.*.total`), not `wire`.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { now } from './clock';

export interface Tally {
  /** Bytes the browser wrote, by the time it wrote them (ms on the shared clock). */
  up: { t: number; n: number }[];
  /** Bytes the server wrote. */
  down: { t: number; n: number }[];
  /** When each connection was accepted. */
  connections: number[];
  /** How late each forwarded write went out after its delay (ms): the relay's own slack. */
  lateMs: number[];
  /** When the relay handed server bytes to the browser's socket. */
  toClient: number[];
}

export interface Relay {
  port: number;
  tally: Tally;
  close(): Promise<void>;
}

export async function startRelay(targetPort: number, delayMs: number): Promise<Relay> {
  const tally: Tally = { up: [], down: [], connections: [], lateMs: [], toClient: [] };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const accepted = now();
    tally.connections.push(accepted);
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // setTimeout with one delay keeps the order of what it delays; the hold of a new connection only ever pushes later.
    let upFree = accepted + 2 * delayMs;
    client.on('data', (chunk) => {
      const t = now();
      tally.up.push({ t, n: chunk.length });
      const at = Math.max(t, upFree) + delayMs;
      upFree = at - delayMs;
      setTimeout(() => {
        tally.lateMs.push(now() - at);
        if (upstream.writable) upstream.write(chunk);
      }, Math.max(0, at - now()));
    });
    upstream.on('data', (chunk) => {
      const t = now();
      tally.down.push({ t, n: chunk.length });
      setTimeout(() => {
        const w = now();
        tally.lateMs.push(w - t - delayMs);
        tally.toClient.push(w);
        if (client.writable) client.write(chunk);
      }, delayMs);
    });
    const end = () => {
      setTimeout(() => {
        client.destroy();
        upstream.destroy();
      }, delayMs);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    tally,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Bytes written before `until`. */
export const bytesBefore = (log: { t: number; n: number }[], until: number) => log.reduce((sum, e) => (e.t < until ? sum + e.n : sum), 0);
