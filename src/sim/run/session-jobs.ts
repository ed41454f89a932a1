// The server sessions' work in progress (a request waiting for a core or its
// handler, an update being made, a batch of writes, an upstream message), as
// numbered slots: a kernel event names its job by an integer (the session is
// the event's target), so pending work costs no closure. Slots are reused
// once their job is done. With cores, jobs finish in any order (each waits
// for whichever core frees first), so they are slots, not a queue. One table
// serves every session of a run (./world.ts `jobs`), a column per field: the
// clients that share the server's cores keep their work in the same few
// arrays.

import type { ServerEvent } from '../machines/server';
import type { Channel } from './channel';

/** What a job does when it is done. */
export const JOB = {
  /** A request's CPU is done: its handling next. */
  requestCpu: 0,
  /** A request is handled: the server machine hears of it. */
  requestHandled: 1,
  /** An update is made for this client (server.processingMs): `num` is how many updates were out then. */
  updateHandled: 2,
  /** The CPU of `num` writes is done: they go. */
  writesCpu: 3,
  /** An upstream message is handled: `num` is when it was generated; `conn` its POST's connection (null: a frame). */
  upstreamHandled: 4,
  /** Its CPU is done: the machine hears of it (a POST is answered). */
  upstreamCpu: 5,
} as const;

export type JobKind = (typeof JOB)[keyof typeof JOB];

export class Jobs {
  readonly kind: JobKind[] = [];
  readonly conn: (Channel | null)[] = [];
  readonly event: (ServerEvent | null)[] = [];
  readonly num: number[] = [];
  private readonly free: number[] = [];

  /** A new job's slot. */
  add(kind: JobKind, conn: Channel | null, event: ServerEvent | null, num: number): number {
    const j = this.free.length > 0 ? this.free.pop()! : this.kind.length;
    this.kind[j] = kind;
    this.conn[j] = conn;
    this.event[j] = event;
    this.num[j] = num;
    return j;
  }

  /** No job in progress any more (the kernel starts afresh for the next client). */
  reset(): void {
    for (const column of [this.kind, this.conn, this.event, this.num, this.free]) column.length = 0;
  }

  /** The job in slot j is done: its slot is free again (what it held is let go). */
  done(j: number): void {
    this.conn[j] = null;
    this.event[j] = null;
    this.free.push(j);
  }
}
