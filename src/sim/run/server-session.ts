// The server's side of one client: which updates it still owes the client,
// the connection it answers on, and the server machine
// (src/sim/machines/server.ts) whose named actions are carried out here.
//
// The client's queue is implicit: every update is for every client, and they
// leave the server in order, so the queue is feed[sent .. generated-1].

import { serverDef, type ServerEvent, type ServerInput, type ServerPort } from '../machines/server';
import type { StreamPackets, Technique } from '../techniques/driver';
import type { Channel } from './channel';
import { traceActor } from './trace-actor';
import { PRIORITY } from '../kernel/order';
import { fromMs, type Micros } from '../kernel/time';
import { STREAM_KIND } from '../random/streams';
import { Handler } from './handler';
import type { Subscriber, World } from './world';
import type { ClientHost, UpstreamMessage } from './client-host';
import type { KernelTarget } from '../kernel/event-queue';
import { JOB, type JobKind } from './session-jobs';

/** The machine's events without data, made once (one per update would be an allocation per message). */
const UPDATE: ServerEvent = Object.freeze({ type: 'UPDATE' });
const CLOSED: ServerEvent = Object.freeze({ type: 'CLOSED' });
const UPSTREAM: ServerEvent = Object.freeze({ type: 'UPSTREAM' });

export class ServerSession implements ServerPort, ServerInput, Subscriber, KernelTarget {
  /** Updates feed[0 .. sent-1] have been sent to this client. */
  sent = 0;
  readonly client: number;
  /** The connection of the poll being answered, the held long poll, or the open stream. */
  conn: Channel | null = null;
  private readonly actor;
  private postConn: Channel | null = null;
  /** Updates whose writes wait for a core (server.cores > 0). */
  private writing = 0;
  /** Updates sent on the open stream, and the stream's number (a lifetime timer ends only its own stream). */
  private streamUpdates = 0;
  private streamSeq = 0;
  /** server.processingMs: this client's requests and updates are handled one at a time (./handler.ts). */
  private handler: Handler | null = null;
  /** With server.processingMs: the updates (a count from the first) handled for this client, so ready to write. */
  private handledUpTo = 0;
  /** The technique's packets in this run (./world.ts packetsOf). */
  private readonly packets: unknown;
  // The server machine's input, so its context: no object of its own (src/sim/machines/engine.ts).
  readonly port = this;
  readonly longPollTimeoutMs: number;
  readonly pingIntervalMs: number;

  constructor(
    private readonly w: World,
    readonly host: ClientHost,
    private readonly technique: Technique,
  ) {
    this.client = host.id;
    this.packets = w.packetsOf(technique);
    this.longPollTimeoutMs = w.s.longPolling.timeoutMs;
    this.pingIntervalMs = technique.pingIntervalMs(w.s);
    this.actor = w.spawn(serverDef, this);
    traceActor(w, this.actor, this.client, 'server', null);
  }

  get queued(): number {
    return this.w.generated - this.sent;
  }

  send(event: ServerEvent): void {
    this.actor.send(event);
  }

  /**
   * A request arrived on `conn` (poll, long poll, stream or WebSocket
   * opening): the server machine hears of it once it is handled
   * (server.processingMs; at once when 0), unless the connection died meanwhile.
   */
  request(conn: Channel, event: ServerEvent): void {
    if (!conn.alive) return;
    const { w } = this;
    // The server's CPU first (./server-cpu.ts: with cores, the request waits for one), then its handling time.
    this.afterCpu(w.cpu.costs.request, JOB.requestCpu, conn, event, 0);
  }

  /**
   * `cost` µs of the server's CPU, then the step `kind` names: at once without
   * cores (the work only counted), else a job that waits for a core.
   */
  private afterCpu(cost: Micros, kind: JobKind, conn: Channel | null, event: ServerEvent | null, num: number): void {
    const { w } = this;
    if (w.shared) w.cpu.run(cost, this.host, this, this.job(kind, conn, event, num));
    else {
      w.cpu.count(cost);
      this.next(kind, conn, event, num);
    }
  }

  private handled(conn: Channel, event: ServerEvent): void {
    if (!conn.alive) return;
    const { w } = this;
    if (w.serverHandlingUs > 0) this.afterHandling(JOB.requestHandled, conn, event, 0);
    else this.handle(conn, event);
  }

  /** A job's slot (./session-jobs.ts): kernel events name it by that number. */
  private job(kind: JobKind, conn: Channel | null, event: ServerEvent | null, num: number): number {
    return this.w.jobs.add(kind, conn, event, num);
  }

  /** server.processingMs: the step `kind` names follows when this client's handler is done with it, coming now (./handler.ts): a job until then, as afterCpu's. */
  private afterHandling(kind: JobKind, conn: Channel | null, event: ServerEvent | null, num: number): void {
    const { w } = this;
    const done = (this.handler ??= new Handler(w.s.seed, STREAM_KIND.serverHandling, this.client, w.serverHandlingUs)).done(w.kernel.now);
    w.kernel.post(done, PRIORITY.network, this, this.job(kind, conn, event, num));
  }

  /** Job `j` is done (a kernel event): what it was waiting for goes on. */
  fire(j: number): void {
    const jobs = this.w.jobs;
    const kind = jobs.kind[j];
    const conn = jobs.conn[j];
    const event = jobs.event[j];
    const num = jobs.num[j];
    jobs.done(j);
    this.next(kind, conn, event, num);
  }

  /** Job `j` will never be done (the client left: the kernel drops its events): its slot is let go. */
  drop(j: number): void {
    this.w.jobs.done(j);
  }

  /** What comes after the server's CPU or its handler is done with a job of `kind`. */
  private next(kind: JobKind, conn: Channel | null, event: ServerEvent | null, num: number): void {
    switch (kind) {
      case JOB.requestCpu:
        return this.handled(conn!, event!);
      case JOB.requestHandled:
        return this.handle(conn!, event!);
      case JOB.updateHandled:
        if (num > this.handledUpTo) this.handledUpTo = num;
        return this.actor.send(UPDATE);
      case JOB.writesCpu:
        this.writing -= num;
        return this.write(num);
      case JOB.upstreamHandled:
        this.host.upstreamAtServer--;
        return this.upstreamHandled(conn, num);
      case JOB.upstreamCpu:
        this.postConn = conn;
        return this.actor.send(UPSTREAM);
    }
  }

  private handle(conn: Channel, event: ServerEvent): void {
    if (!conn.alive) return;
    this.conn = conn;
    this.actor.send(event);
  }

  /** The bound connection was cut (fault). */
  cut(): void {
    const c = this.conn;
    if (!c) return;
    this.conn = null;
    c.cut();
    this.actor.send(CLOSED);
  }

  onUpdate(): void {
    if (this.w.serverHandlingUs > 0) this.handleUpdate();
    else this.actor.send(UPDATE);
  }

  /**
   * server.processingMs: the server makes this client's message of an update
   * (serialising, the handler's own code) in its turn with the client's
   * requests; the machine hears of the update, and the write or the held
   * answer goes, when that is done.
   */
  private handleUpdate(): void {
    this.afterHandling(JOB.updateHandled, null, null, this.w.generated);
  }

  // ---- named actions of the server machine ----

  respond(): void {
    const c = this.conn!;
    const n = this.queued;
    const first = this.sent;
    this.sent += n;
    if (n > 0) this.w.metrics.dequeued(this.w.kernel.now, n);
    this.w.metrics.responses++;
    if (n === 0) this.w.metrics.emptyResponses++;
    c.send('down', this.w.enc.batch(n), first, n);
    this.conn = null;
  }

  respondEmpty(): void {
    this.respond();
  }

  subscribe(): void {
    // What was queued before is answered or written by the handled request itself.
    this.handledUpTo = this.w.generated;
    this.w.subscribe(this);
  }

  unsubscribe(): void {
    this.w.unsubscribe(this);
  }

  openStream(): void {
    const { metrics, kernel, s } = this.w;
    metrics.responses++;
    const stream = this.stream();
    this.conn!.send('down', stream.head(this.packets, this.client, this.conn!.id));
    // A buffering intermediary forwards the head at once and holds the body (proxy.buffering).
    if (stream.responseBody) this.conn!.holdBody = true;
    this.streamUpdates = 0;
    this.handledUpTo = this.w.generated;
    const seq = ++this.streamSeq;
    const lifetime = stream.ending ? fromMs(stream.ending.lifetimeMs(s)) : 0;
    if (lifetime > 0) {
      kernel.at(kernel.now + lifetime, PRIORITY.timer, () => {
        if (this.streamSeq === seq && this.conn) this.endStream();
      });
    }
    this.push();
  }

  push(): void {
    const { w } = this;
    if (!this.conn) return;
    // With handling, only the updates handled so far are ready.
    const ready = w.serverHandlingUs > 0 ? this.handledUpTo : w.generated;
    const n = ready - this.sent - this.writing;
    if (n <= 0) return;
    // With cores, the writes wait for one: what is queued now goes when that work is done, in order.
    this.writing += n;
    this.afterCpu(n * w.cpu.costs.message, JOB.writesCpu, null, null, n);
  }

  /** Write the next `n` queued updates (or fewer, if the stream ended or went meanwhile) on the open stream. */
  private write(n: number): void {
    const c = this.conn;
    if (!c) return;
    const { s } = this.w;
    const stream = this.stream();
    const limit = stream.ending ? stream.ending.updates(s) : 0;
    const until = Math.min(this.w.generated, this.sent + n);
    while (this.sent < until) {
      const i = this.sent++;
      this.w.metrics.dequeued(this.w.kernel.now, 1);
      c.send('down', stream.update(this.packets, i), i, 1);
      if (limit > 0 && ++this.streamUpdates >= limit) {
        this.endStream();
        return;
      }
    }
  }

  /** The server ends the open stream cleanly: the last chunk, and the connection stays for the next request. */
  private endStream(): void {
    const c = this.conn!;
    this.conn = null;
    this.streamSeq++;
    c.send('down', this.stream().ending!.end(this.packets));
    // The response is complete: an intermediary forwards what it holds.
    c.flushHeld();
    c.holdBody = false;
    this.actor.send(CLOSED);
  }

  /** The technique's stream packets: the server machine opens a stream only for a push technique. */
  private stream(): StreamPackets<unknown> {
    const st = this.technique.stream;
    if (!st) throw new Error(`${this.technique.id} opened a stream, which only push techniques do`);
    return st;
  }

  sendPing(): void {
    const ping = this.stream().ping;
    if (!ping) throw new Error(`${this.technique.id} pings its stream but has no ping packet`);
    this.conn?.send('down', ping(this.packets));
  }

  /** A POST gets "204 No Content" on its own connection; a WebSocket frame gets nothing. */
  upstream(): void {
    const c = this.postConn;
    if (!c) return;
    // On HTTP/2 the POST's stream dies with the connection (a fault, the intermediary): no answer to send.
    if (!c.alive) {
      this.postConn = null;
      return;
    }
    this.postConn = null;
    this.w.metrics.responses++;
    c.send('down', this.w.enc.noContent());
  }

  /**
   * An upstream message arrived: in a POST on `postConn`, or in a WebSocket
   * frame (null). It is delivered once the server has handled it
   * (server.processingMs, in its turn with the client's requests and
   * updates; at once when 0); a POST is answered after that.
   */
  upstreamArrived(postConn: Channel | null, m: UpstreamMessage): void {
    const { w, host } = this;
    host.upstreamArrived(m);
    if (w.serverHandlingUs === 0) return this.upstreamHandled(postConn, m.generatedAt);
    host.upstreamAtServer++;
    this.afterHandling(JOB.upstreamHandled, postConn, null, m.generatedAt);
  }

  private upstreamHandled(postConn: Channel | null, generatedAt: Micros): void {
    const { w } = this;
    w.metrics.upDelivered++;
    w.metrics.upLatency.add(w.kernel.now - generatedAt);
    this.afterCpu(postConn ? w.cpu.costs.request : w.cpu.costs.message, JOB.upstreamCpu, postConn, null, 0);
  }
}
