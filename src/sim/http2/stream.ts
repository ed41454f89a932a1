// One HTTP/2 stream (RFC 9113 §5): an exchange on the client's single
// connection. It sends through that connection, which frames its packets
// (./session.ts); a cut of the connection is a cut of every stream.

import type { ArrivalHandler, Channel } from '../run/channel';
import type { UpstreamMessage } from '../run/client-host';
import type { Connection } from '../run/connection';
import type { PacketSpec } from '../run/encode';
import type { HeldBody } from '../run/proxy-buffer';

export class Http2Stream implements Channel {
  listener: Channel['listener'] = null;
  holdBody = false;
  held: HeldBody | null = null;

  constructor(
    readonly connection: Connection,
    /** Odd: the client opens every stream (RFC 9113 §5.1.1). */
    readonly streamId: number,
  ) {}

  get id(): number {
    return this.connection.id;
  }

  get alive(): boolean {
    return this.connection.alive;
  }

  send(dir: 'up' | 'down', p: PacketSpec, first = 0, count = 0, onArrive?: ArrivalHandler, onLost?: ArrivalHandler, msg: UpstreamMessage | null = null): void {
    this.connection.sendOn(this, dir, p, first, count, onArrive, onLost, msg);
  }

  flushHeld(): void {
    this.connection.flushOn(this);
  }

  cut(): void {
    this.connection.cut();
  }
}
